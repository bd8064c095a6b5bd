import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';
import { moveAsideSync } from '../persistence/move-aside';
import { HISTORY_MIGRATIONS, HISTORY_SCHEMA_VERSION } from './history-migrations';

// A CommonJS package without named ESM exports.
const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof NodeSqlite3Wasm;

export type SqliteDatabase = NodeSqlite3Wasm.Database;

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Opens (or creates) the history database at `file` and brings its schema to the current version.
 * Expects to be the file's only user (the data-folder lock guarantees one app per folder).
 * A file that is not a readable SQLite database is moved aside and a new one started; a file of a
 * newer schema version is refused (thrown, naming the file and both versions) and left untouched.
 */
export function openHistoryDatabase(file: string, log: (message: string) => void, now: Date): SqliteDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  removeStaleLock(file, log);
  const headerProblem = headerProblemOf(file);
  if (headerProblem !== undefined) moveAside(file, headerProblem, log, now);

  let db = new Database(file);
  try {
    const problem = unreadableReason(db, file);
    if (problem !== undefined) {
      db.close();
      moveAside(file, problem, log, now);
      db = new Database(file);
    }
    const version = userVersion(db);
    if (version > HISTORY_SCHEMA_VERSION) {
      throw new Error(
        `the alert history ${file} was written by a newer version of the app (history schema version ${version}; this version reads up to ${HISTORY_SCHEMA_VERSION}); ` +
          'it was left as it is: run the newer version, or move the file away to start a new history',
      );
    }
    db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192;');
    migrateHistory(db, HISTORY_SCHEMA_VERSION);
    return db;
  } catch (error) {
    if (db.isOpen) db.close();
    throw error;
  }
}

/** Applies the migrations after the database's version up to `target`, each in its own transaction. */
export function migrateHistory(db: SqliteDatabase, target: number): void {
  for (let version = userVersion(db) + 1; version <= target; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(HISTORY_MIGRATIONS[version - 1]!);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`could not migrate the alert history to schema version ${version}: ${errorText(error)}`, { cause: error });
    }
  }
}

export function userVersion(db: SqliteDatabase): number {
  return Number(db.get('PRAGMA user_version')?.['user_version'] ?? 0);
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
function unreadableReason(db: SqliteDatabase, file: string): string | undefined {
  try {
    db.get('SELECT count(*) FROM sqlite_schema');
    return undefined;
  } catch (error) {
    const message = errorText(error);
    if (/not a database|malformed|corrupt/i.test(message)) return `cannot be read as a SQLite database (${message})`;
    throw new Error(`could not open the alert history ${file}: ${message}`, { cause: error });
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
