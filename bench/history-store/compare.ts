/**
 * Compares embedded SQLite builds for the alert history (issue 5). Each candidate runs in its
 * own child process so that its RSS is its own.
 *
 *   npx tsx bench/history-store/compare.ts [scratch-folder] [--runs 3]
 *
 * Candidates are loaded from `scratch-folder/node_modules` (install them there, never in the
 * repo: `npm install libsql sql.js better-sqlite3@12 node-sqlite3-wasm`); node-sqlite3-wasm
 * falls back to the repo's own copy. A candidate that is not installed is skipped.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';
import { HISTORY_MIGRATIONS } from '../../electron/history/history-migrations';

type Row = Record<string, unknown>;

interface Statement {
  run(params: unknown[]): void;
  all(params: unknown[]): Row[];
  finalize(): void;
}

interface Db {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  /** Makes committed data durable on disk; only sql.js (in memory) needs to do anything. */
  persist(): void;
  close(): void;
  /** Bytes on disk, including a WAL file. */
  size(): number;
}

interface Candidate {
  name: string;
  packageName: string;
  fullText: 'fts5' | 'fts4';
  /** Pragmas for durable commits: the strongest journal the build supports, fsync on every commit. */
  pragmas: string;
  open(mod: unknown, file: string): Promise<Db>;
}

/** Words searched in the 100,000 episodes, by how many they match. */
const SEARCH_WORDS = {
  'rare word (a ticket number, a few matches)': ['OPS-4242', 'OPS-70007', 'OPS-99995'],
  'common word (~10% of rows)': ['checkout', 'payments', 'diskfull', 'rollback'],
  'word in every row': ['team', 'zone'],
};

const EPISODES_TOTAL = 100_000;
const TIMED_EPISODES = 10_000;
const BATCH = 100;
const FINGERPRINTS = 2_000;

const self = fileURLToPath(import.meta.url);
const scratch = path.resolve(process.argv[2] ?? '/tmp/history-bench');

const fileSize = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

/** better-sqlite3 and libsql share one API. */
function openBetterSqliteLike(mod: unknown, file: string): Promise<Db> {
  const Database = mod as new (file: string) => {
    exec(sql: string): void;
    prepare(sql: string): { run(...p: unknown[]): void; all(...p: unknown[]): Row[] };
    close(): void;
  };
  const db = new Database(file);
  return Promise.resolve({
    exec: (sql) => db.exec(sql),
    prepare(sql) {
      const st = db.prepare(sql);
      return { run: (p) => void st.run(...p), all: (p) => st.all(...p), finalize: () => undefined };
    },
    persist: () => undefined,
    close: () => db.close(),
    size: () => fileSize(file) + fileSize(`${file}-wal`),
  });
}

const candidates: Candidate[] = [
  {
    name: 'node-sqlite3-wasm',
    packageName: 'node-sqlite3-wasm',
    fullText: 'fts5',
    // Its VFS has no shared memory, so no WAL: rollback journal (DELETE) with synchronous=FULL.
    pragmas: 'PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;',
    open(mod, file) {
      const { Database } = mod as typeof NodeSqlite3Wasm;
      const db = new Database(file);
      return Promise.resolve({
        exec: (sql) => db.exec(sql),
        prepare(sql) {
          const st = db.prepare(sql);
          return {
            run: (p) => void st.run(p as never),
            all: (p) => st.all(p as never) as Row[],
            finalize: () => st.finalize(),
          };
        },
        persist: () => undefined,
        close: () => db.close(),
        size: () => fileSize(file),
      });
    },
  },
  { name: 'libsql', packageName: 'libsql', fullText: 'fts5', pragmas: 'PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;', open: openBetterSqliteLike },
  {
    name: 'better-sqlite3 (reference only)',
    packageName: 'better-sqlite3',
    fullText: 'fts5',
    pragmas: 'PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;',
    open: openBetterSqliteLike,
  },
  {
    name: 'sql.js',
    packageName: 'sql.js',
    // Its npm build has FTS3/4 but not FTS5.
    fullText: 'fts4',
    pragmas: '',
    async open(mod, file) {
      type SqlJsStatement = { bind(p: unknown[]): void; step(): boolean; getAsObject(): Row; run(p: unknown[]): void; reset(): void; free(): void };
      type SqlJsDb = { exec(sql: string): void; prepare(sql: string): SqlJsStatement; export(): Uint8Array; close(): void };
      const init = mod as () => Promise<{ Database: new (data?: Uint8Array) => SqlJsDb }>;
      const SQL = await init();
      const db = new SQL.Database(existsSync(file) ? readFileSync(file) : undefined);
      let exported = 0;
      return {
        exec: (sql) => db.exec(sql),
        prepare(sql) {
          const st = db.prepare(sql);
          return {
            run: (p) => st.run(p),
            all(p) {
              st.bind(p);
              const rows: Row[] = [];
              while (st.step()) rows.push(st.getAsObject());
              st.reset();
              return rows;
            },
            finalize: () => st.free(),
          };
        },
        // In memory only: durability means writing the whole database to a new file and renaming it.
        persist() {
          const bytes = db.export();
          const temp = `${file}.tmp`;
          writeFileSync(temp, bytes);
          const fd = openSync(temp, 'r');
          fsyncSync(fd);
          closeSync(fd);
          renameSync(temp, file);
          exported = bytes.length;
        },
        close: () => db.close(),
        size: () => exported,
      };
    },
  },
];

/** The store's own schema; sql.js gets FTS4 in place of FTS5. */
function schema(fullText: 'fts5' | 'fts4'): string {
  const sql = HISTORY_MIGRATIONS.join(';\n');
  if (fullText === 'fts5') return sql;
  const fts5 = "USING fts5 (name, label_values, comments, content = '', contentless_delete = 1)";
  if (!sql.includes(fts5)) throw new Error('the FTS5 table of history-migrations.ts changed: update the FTS4 variant here');
  return sql.replace(fts5, 'USING fts4 (name, label_values, comments)');
}

const INSERT = `INSERT INTO episodes (fingerprint, starts_at, starts_at_ms, resolved_at, resolved_at_ms, name, labels, severity, sources,
  acknowledged_by, acknowledged_at, acknowledge_comment, silence_comment, silenced_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`;

const SERVICES = ['checkout', 'payments', 'search', 'inventory', 'auth', 'gateway', 'billing', 'shipping', 'catalog', 'reports'];
const NAMES = ['HighErrorRate', 'HighLatency', 'DiskFull', 'InstanceDown', 'CertificateExpiry', 'QueueBacklog', 'MemoryPressure', 'ReplicationLag'];
const WORDS = ['deploy', 'rollback', 'database', 'network', 'flaky', 'upstream', 'investigating', 'maintenance', 'capacity', 'noisy'];

/** Deterministic data: the same 100,000 episodes for every candidate. */
function episode(i: number): unknown[] {
  const fp = i % FINGERPRINTS;
  const service = SERVICES[fp % SERVICES.length]!;
  const name = NAMES[fp % NAMES.length]!;
  const labels = { alertname: name, service, instance: `${service}-${fp % 37}.prod:9100`, team: `team-${fp % 13}`, zone: `zone-${fp % 5}` };
  const startsMs = Date.UTC(2025, 0, 1) + i * 60_000;
  const resolvedMs = i % 20 === 0 ? null : startsMs + ((i * 7919) % 3_600_000);
  const comment = i % 7 === 0 ? `${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]} ticket OPS-${i}` : null;
  return [
    `fp${fp.toString(16).padStart(16, '0')}`,
    new Date(startsMs).toISOString(),
    startsMs,
    resolvedMs === null ? null : new Date(resolvedMs).toISOString(),
    resolvedMs,
    name,
    JSON.stringify(labels),
    ['critical', 'warning', 'info'][fp % 3],
    JSON.stringify(['am-prod-1', 'am-prod-2']),
    comment === null ? null : 'alice',
    comment === null ? null : new Date(startsMs + 120_000).toISOString(),
    comment,
    i % 11 === 0 ? 'silenced for maintenance window' : null,
    i % 11 === 0 ? 'bob' : null,
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

function insertRange(db: Db, from: number, to: number): void {
  db.exec('BEGIN');
  const st = db.prepare(INSERT);
  for (let i = from; i < to; i++) st.run(episode(i));
  st.finalize();
  db.exec('COMMIT');
  db.persist();
}

/** Runs the statements one after the other for each set of parameters; the median time of a set. */
function timeQuery(db: Db, statements: string[], params: unknown[][]): { medianMs: number } {
  const durations: number[] = [];
  for (const p of params) {
    const started = performance.now();
    for (const sql of statements) {
      const st = db.prepare(sql);
      st.all(p);
      st.finalize();
    }
    durations.push(performance.now() - started);
  }
  return { medianMs: round(median(durations)) };
}

async function measure(candidate: Candidate): Promise<Record<string, unknown>> {
  const require = createRequire(path.join(scratch, 'node_modules', 'x.js'));
  const repoRequire = createRequire(self);
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let mod: unknown;
  try {
    mod = require(candidate.packageName);
  } catch {
    mod = repoRequire(candidate.packageName);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'history-bench-'));
  const file = path.join(dir, 'history.sqlite');
  try {
    let started = performance.now();
    let db = await candidate.open(mod, file);
    if (candidate.pragmas) db.exec(candidate.pragmas);
    db.exec(schema(candidate.fullText));
    db.persist();
    const openMs = performance.now() - started;

    started = performance.now();
    for (let from = 0; from < TIMED_EPISODES; from += BATCH) insertRange(db, from, from + BATCH);
    const insertMs = performance.now() - started;

    started = performance.now();
    for (let from = TIMED_EPISODES; from < EPISODES_TOTAL; from += 5_000) insertRange(db, from, from + 5_000);
    const fillMs = performance.now() - started;

    started = performance.now();
    insertRange(db, EPISODES_TOTAL, EPISODES_TOTAL + BATCH);
    const lateBatchMs = performance.now() - started;

    const byFingerprint = timeQuery(
      db,
      ['SELECT * FROM episodes WHERE fingerprint = ? ORDER BY starts_at_ms DESC, id DESC LIMIT 50'],
      Array.from({ length: 200 }, (_, k) => [`fp${((k * 37) % FINGERPRINTS).toString(16).padStart(16, '0')}`]),
    );
    // The shapes of electron/history/episode-reads.ts: the number of matches, then the most recently resolved 100.
    const ftsFrom = 'FROM episodes_text JOIN episodes e ON e.id = episodes_text.rowid WHERE episodes_text MATCH ? AND e.resolved_at_ms IS NOT NULL';
    const likeFrom = `FROM episodes e WHERE (name LIKE ? OR labels LIKE ? OR acknowledge_comment LIKE ? OR silence_comment LIKE ?)
      AND e.resolved_at_ms IS NOT NULL`;
    const searches: Record<string, { medianMs: number }> = {};
    for (const [kind, words] of Object.entries(SEARCH_WORDS)) {
      searches[`${candidate.fullText} search, ${kind} ms`] = timeQuery(
        db,
        [`SELECT count(*) ${ftsFrom}`, `SELECT e.* ${ftsFrom} ORDER BY e.resolved_at_ms DESC, e.id DESC LIMIT 100`],
        words.map((w) => [`"${w}"*`]),
      );
      searches[`LIKE scan, ${kind} ms`] = timeQuery(
        db,
        [`SELECT count(*) ${likeFrom}`, `SELECT e.* ${likeFrom} ORDER BY e.resolved_at_ms DESC, e.id DESC LIMIT 100`],
        words.map((w) => Array<string>(4).fill(`%${w}%`)),
      );
    }
    db.persist();
    const sizeMb = db.size() / 2 ** 20;
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    db.close();

    started = performance.now();
    db = await candidate.open(mod, file);
    db.prepare('SELECT count(*) FROM episodes').all([]);
    const reopenMs = performance.now() - started;
    db.close();

    return {
      candidate: candidate.name,
      'open+schema ms': round(openMs),
      [`insert ${TIMED_EPISODES} in ${TIMED_EPISODES / BATCH} tx ms`]: round(insertMs),
      'per batch ms': round(insertMs / (TIMED_EPISODES / BATCH)),
      [`fill to ${EPISODES_TOTAL} ms`]: round(fillMs),
      [`one batch of ${BATCH} at ${EPISODES_TOTAL} ms`]: round(lateBatchMs),
      'last 50 of a fingerprint ms (median)': byFingerprint.medianMs,
      ...Object.fromEntries(Object.entries(searches).map(([key, result]) => [key, result.medianMs])),
      'file MB': round(sizeMb),
      'reopen 100k ms': round(reopenMs),
      'RSS MB (before load → after)': `${Math.round(rssBeforeMb)} → ${Math.round(rssMb)}`,
      'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isInstalled(packageName: string): boolean {
  for (const from of [path.join(scratch, 'node_modules', 'x.js'), self]) {
    try {
      createRequire(from).resolve(packageName);
      return true;
    } catch {
      // try the next place
    }
  }
  return false;
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--candidate');
  if (only !== -1) {
    const candidate = candidates.find((c) => c.name === process.argv[only + 1]);
    if (!candidate) throw new Error(`unknown candidate ${process.argv[only + 1]}`);
    process.stdout.write(`${JSON.stringify(await measure(candidate))}\n`);
    return;
  }
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag === -1 ? 3 : Number(process.argv[runsFlag + 1]);
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}; candidates from ${scratch}`);
  console.log(`each figure is the median of ${runs} runs, each run in a fresh process`);
  for (const candidate of candidates) {
    if (!isInstalled(candidate.packageName)) {
      console.log(`\n${candidate.name}: not installed in ${scratch}, skipped`);
      continue;
    }
    const results: Row[] = [];
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(process.execPath, [...process.execArgv, self, scratch, '--candidate', candidate.name], { encoding: 'utf8' });
      if (child.status !== 0) {
        console.log(`\n${candidate.name}: failed (exit ${child.status})\n${child.stderr}`);
        break;
      }
      results.push(JSON.parse(child.stdout) as Row);
    }
    if (results.length < runs) continue;
    console.log(`\n${candidate.name}`);
    for (const key of Object.keys(results[0]!)) {
      if (key === 'candidate') continue;
      const values = results.map((r) => r[key]);
      const shown = values.every((v) => typeof v === 'number') ? median(values as number[]) : values.join(' | ');
      console.log(`  ${key}: ${String(shown)}`);
    }
  }
}

await main();
