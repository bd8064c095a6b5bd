import { createRequire } from 'node:module';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';

// A CommonJS package without named ESM exports.
export const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof NodeSqlite3Wasm;

export type SqliteDatabase = NodeSqlite3Wasm.Database;
