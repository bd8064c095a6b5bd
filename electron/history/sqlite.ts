import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';

// SQLite's WebAssembly stays on V8's baseline compiler (Liftoff). Left to tier up, V8 optimises
// SQLite's largest functions (the bytecode interpreter) with TurboFan, using some 30 MB of compiler
// memory each, which the allocator keeps afterwards: about 40 MB more RSS for the history thread.
// The price is on that thread only: bulk writes and full-text scans of a large history take two to
// three times as long (bench/history-store/compare.ts at 100,000 episodes: a search for a rare word
// 2 → 10 ms, for a word in every row 0.4 → 1.1 s). V8 flags are process-wide and are read when a
// module is compiled, so this runs before node-sqlite3-wasm is loaded; the process's other
// WebAssembly (undici's HTTP parser) fetched a 2 MB alert list no slower on Liftoff alone.
setFlagsFromString('--liftoff-only');

// A CommonJS package without named ESM exports.
export const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof NodeSqlite3Wasm;

export type SqliteDatabase = NodeSqlite3Wasm.Database;
