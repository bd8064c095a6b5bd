import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { moveAsideSync } from '../persistence/move-aside';
import { HISTORY_SCHEMA_VERSION, MigrationError, migrateHistory, userVersion } from './history-migrations';
import { missingSchemaOf } from './history-schema-check';
import { Database, type SqliteDatabase } from './sqlite';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** SQLite errors that say the file cannot be written now, not that what it holds is wrong. */
const NOT_THE_FILES_FAULT = /disk I\/O error|disk is full|database is locked|readonly|unable to open/i;

/**
 * Opens (or creates) the history database at `file` and brings its schema to the current version.
 * Expects to be the file's only user (the data-folder lock guarantees one app per folder).
 * A file that cannot hold the history (not a readable SQLite database, a schema that lacks what its
 * version says, a migration SQLite refuses) is moved aside and a new one started, said through
 * `log`. A file of a newer schema version is refused and left untouched. What it throws names the file.
 */
export function openHistoryDatabase(file: string, log: (message: string) => void, now: Date): SqliteDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  removeStaleLock(file, log);
  const headerProblem = headerProblemOf(file);
  if (headerProblem !== undefined) moveAside(file, headerProblem, log, now);

  const found = openAndPrepare(file);
  if (found.db) return found.db;
  moveAside(file, found.problem, log, now);
  const fresh = openAndPrepare(file);
  if (fresh.db) return fresh.db;
  throw new HistoryFileError(`could not start a new alert history in ${file}: it ${fresh.problem}`);
}

/** An error that names the file and says what is wrong. */
class HistoryFileError extends Error {}

type Prepared = { db: SqliteDatabase; problem?: undefined } | { db?: undefined; problem: string };

/** Opens the file and prepares it; closes it again when it cannot hold the history or preparing throws. */
function openAndPrepare(file: string): Prepared {
  let db: SqliteDatabase;
  try {
    db = new Database(file);
  } catch (error) {
    throw new HistoryFileError(`could not open the alert history ${file}: ${errorText(error)}`, { cause: error });
  }
  try {
    const problem = prepare(db, file);
    if (problem === undefined) return { db };
    db.close();
    return { problem };
  } catch (error) {
    if (db.isOpen) db.close();
    if (error instanceof HistoryFileError) throw error;
    throw new HistoryFileError(`could not open the alert history ${file}: ${errorText(error)}`, { cause: error });
  }
}

/**
 * Why the open database cannot hold the history; undefined once its schema is current. Throws for
 * a newer schema version and for errors that are not the file's fault (it is then left as it is).
 */
function prepare(db: SqliteDatabase, file: string): string | undefined {
  const unreadable = unreadableReason(db);
  if (unreadable !== undefined) return unreadable;
  const version = userVersion(db);
  if (version > HISTORY_SCHEMA_VERSION) {
    throw new HistoryFileError(
      `the alert history ${file} was written by a newer version of the app (history schema version ${version}; this version reads up to ${HISTORY_SCHEMA_VERSION}); ` +
        'it was left as it is: run the newer version, or move the file away to start a new history',
    );
  }
  const missing = missingSchemaOf(db, version);
  if (missing !== undefined) return missing;
  db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192;');
  try {
    migrateHistory(db, HISTORY_SCHEMA_VERSION);
    return undefined;
  } catch (error) {
    if (error instanceof MigrationError && !NOT_THE_FILES_FAULT.test(error.reason)) return `could not be migrated to schema version ${error.version} (${error.reason})`;
    throw error;
  }
}

/**
 * node-sqlite3-wasm locks a database by creating the folder `<file>.lock`; a process killed while
 * holding it leaves it behind and every later open would fail as busy.
 */
function removeStaleLock(file: string, log: (message: string) => void): void {
  const lock = `${file}.lock`;
  if (!existsSync(lock)) return;
  rmdirSync(lock);
  log(`alert history: removed the lock ${lock} left by a process that ended`);
}

/** Why the file cannot be a SQLite database, judged from its first 100 bytes; undefined for a good header or a new (empty or absent) file. */
function headerProblemOf(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const size = statSync(file).size;
  if (size === 0) return undefined;
  if (size < 100) return `is ${size} bytes long, shorter than a SQLite header (100 bytes)`;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, SQLITE_MAGIC.length) !== SQLITE_MAGIC) return 'is not a SQLite database (it does not start with "SQLite format 3")';
  return undefined;
}

/**
 * Reads the schema, which also rolls back a transaction that a killed process left in the journal.
 * SQLite reports a file shorter than its header says as malformed.
 */
function unreadableReason(db: SqliteDatabase): string | undefined {
  try {
    db.get('SELECT count(*) FROM sqlite_schema');
    return undefined;
  } catch (error) {
    const message = errorText(error);
    if (/not a database|malformed|corrupt/i.test(message)) return `cannot be read as a SQLite database (${message})`;
    throw error;
  }
}

/** Keeps the unusable file (and its rollback journal, which belongs to it) beside the new one. */
function moveAside(file: string, reason: string, log: (message: string) => void, now: Date): void {
  const aside = moveAsideSync(file, now);
  const journal = `${file}-journal`;
  if (existsSync(journal)) renameSync(journal, `${aside}-journal`);
  log(`alert history ${file} ${reason}; kept it as ${aside} and started a new, empty history`);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
