import { migrateHistory } from './history-migrations';
import { Database, type SqliteDatabase } from './sqlite';

/** A table, index, trigger or view, and for a table its columns. */
interface SchemaObject {
  type: string;
  name: string;
  columns: string[];
}

const expectedByVersion = new Map<number, SchemaObject[]>();
/** Missing objects named in the message; the rest are counted. */
const NAMED_AT_MOST = 3;

/**
 * What the database lacks of the schema its version stands for, in words for the log ("has
 * schema version 1 but lacks the table episodes, …"); undefined when it has all of it. Objects
 * and columns it has beyond that are not judged.
 */
export function missingSchemaOf(db: SqliteDatabase, version: number): string | undefined {
  const actual = new Set(objectsOf(db).map(({ type, name }) => `${type} ${name}`));
  const missing: string[] = [];
  for (const object of expectedSchema(version)) {
    if (!actual.has(`${object.type} ${object.name}`)) {
      missing.push(`the ${object.type} ${object.name}`);
      continue;
    }
    const found = columnsOf(db, object);
    const columns = object.columns.filter((column) => !found.includes(column));
    if (columns.length > 0) missing.push(`the column${columns.length > 1 ? 's' : ''} ${columns.join(', ')} of the ${object.type} ${object.name}`);
  }
  if (missing.length === 0) return undefined;
  const named = missing.slice(0, NAMED_AT_MOST).join(', ');
  const more = missing.length > NAMED_AT_MOST ? ` and ${missing.length - NAMED_AT_MOST} more` : '';
  return `has schema version ${version} but lacks ${named}${more}`;
}

/** The schema the migrations build up to `version`, built once in memory. */
function expectedSchema(version: number): SchemaObject[] {
  let schema = expectedByVersion.get(version);
  if (schema === undefined) {
    const db = new Database();
    try {
      migrateHistory(db, version);
      schema = objectsOf(db).map((object) => ({ ...object, columns: columnsOf(db, object) }));
    } finally {
      db.close();
    }
    expectedByVersion.set(version, schema);
  }
  return schema;
}

/** SQLite's own objects (`sqlite_…`: automatic indexes, statistics) follow from the others. */
function objectsOf(db: SqliteDatabase): Array<{ type: string; name: string }> {
  const rows = db.all(`SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`);
  return rows.map((row) => ({ type: String(row['type']), name: String(row['name']) }));
}

function columnsOf(db: SqliteDatabase, object: { type: string; name: string }): string[] {
  if (object.type !== 'table') return [];
  return db.all('SELECT name FROM pragma_table_info(?)', [object.name]).map((column) => String(column['name']));
}
