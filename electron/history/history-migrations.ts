import type { SqliteDatabase } from './sqlite';

/**
 * The alert history's schema, one entry per version: `HISTORY_MIGRATIONS[n - 1]` turns a database
 * of version n - 1 into version n (`PRAGMA user_version`; 0 is an empty file). A new version is one
 * more string at the end; never edit an entry that has shipped.
 */
export const HISTORY_MIGRATIONS: readonly string[] = [
  // 1: episodes, their indexes, and the full-text index kept in step by triggers.
  `CREATE TABLE episodes (
     id INTEGER PRIMARY KEY,
     fingerprint TEXT NOT NULL,
     starts_at TEXT NOT NULL,
     starts_at_ms INTEGER NOT NULL,
     resolved_at TEXT,
     resolved_at_ms INTEGER,
     name TEXT NOT NULL,
     labels TEXT NOT NULL,
     severity TEXT NOT NULL,
     sources TEXT NOT NULL,
     acknowledged_by TEXT,
     acknowledged_at TEXT,
     acknowledge_comment TEXT,
     silenced_by TEXT,
     silence_comment TEXT,
     UNIQUE (fingerprint, starts_at)
   );
   CREATE INDEX episodes_by_start ON episodes (starts_at_ms);
   CREATE INDEX episodes_by_resolution ON episodes (resolved_at_ms);
   CREATE VIRTUAL TABLE episodes_text USING fts5 (name, label_values, comments, content = '', contentless_delete = 1);
   CREATE TRIGGER episodes_text_insert AFTER INSERT ON episodes BEGIN
     INSERT INTO episodes_text (rowid, name, label_values, comments)
     VALUES (new.id, new.name, (SELECT group_concat(value, ' ') FROM json_each(new.labels)),
             concat_ws(' ', new.acknowledge_comment, new.silence_comment));
   END;
   CREATE TRIGGER episodes_text_update AFTER UPDATE OF name, labels, acknowledge_comment, silence_comment ON episodes
   WHEN old.name IS NOT new.name OR old.labels IS NOT new.labels
     OR old.acknowledge_comment IS NOT new.acknowledge_comment OR old.silence_comment IS NOT new.silence_comment
   BEGIN
     DELETE FROM episodes_text WHERE rowid = old.id;
     INSERT INTO episodes_text (rowid, name, label_values, comments)
     VALUES (new.id, new.name, (SELECT group_concat(value, ' ') FROM json_each(new.labels)),
             concat_ws(' ', new.acknowledge_comment, new.silence_comment));
   END;
   CREATE TRIGGER episodes_text_delete AFTER DELETE ON episodes BEGIN
     DELETE FROM episodes_text WHERE rowid = old.id;
   END;`,
];

export const HISTORY_SCHEMA_VERSION = HISTORY_MIGRATIONS.length;

/**
 * Applies the migrations after the database's version up to `target` in one transaction: the file
 * either reaches `target` or stays exactly as it was.
 */
export function migrateHistory(db: SqliteDatabase, target: number): void {
  const from = userVersion(db);
  if (from >= target) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let version = from + 1; version <= target; version++) {
      try {
        db.exec(HISTORY_MIGRATIONS[version - 1]!);
      } catch (error) {
        throw new MigrationError(version, error);
      }
    }
    db.exec(`PRAGMA user_version = ${target}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** A migration that SQLite refused; `reason` is SQLite's message. */
export class MigrationError extends Error {
  readonly reason: string;

  constructor(
    readonly version: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`could not migrate the alert history to schema version ${version}: ${reason}`, { cause });
    this.reason = reason;
  }
}

export function userVersion(db: SqliteDatabase): number {
  return Number(db.get('PRAGMA user_version')?.['user_version'] ?? 0);
}
