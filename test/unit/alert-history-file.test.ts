import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';
import { describe, expect, it } from 'vitest';
import type { AlertHistoryStore } from '../../electron/history/alert-history';
import { HISTORY_SCHEMA_VERSION, migrateHistory, userVersion } from '../../electron/history/history-migrations';
import { makeAlert } from '../helpers/alerts';
import { HISTORY_TEST_NOW, useHistoryStores } from '../helpers/history-store';
import { useTempFolder } from '../helpers/temp-folder';

const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof NodeSqlite3Wasm;

const temp = useTempFolder('alert-history-file-');
const NOW = HISTORY_TEST_NOW;
const { open, logs, file: historyFile } = useHistoryStores(temp);
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function writeHistory(episodes: number): Promise<void> {
  const store = await open();
  for (let i = 0; i < episodes; i++) {
    const alert = makeAlert({ fingerprint: `fp-${i}`, name: 'DiskFull', startsAt: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString() });
    store.record([{ before: undefined, after: alert }], NOW);
    store.record([{ before: alert, after: undefined }], NOW);
  }
  await store.close();
}

async function episodeCount(store: AlertHistoryStore): Promise<number> {
  return (await store.search({ query: '', resolvedOnly: false, limit: 1 })).total;
}

describe('schema versions', () => {
  it.each(Array.from({ length: HISTORY_SCHEMA_VERSION }, (_, version) => version))(
    'brings a history of schema version %i to the current version',
    async (version) => {
      const raw = new Database(historyFile());
      migrateHistory(raw, version);
      raw.close();

      const store = await open();
      store.record([{ before: undefined, after: makeAlert({ fingerprint: 'fp-1' }) }], NOW);
      expect(await episodeCount(store)).toBe(1);
      await store.close();

      const check = new Database(historyFile(), { readOnly: true });
      expect(userVersion(check)).toBe(HISTORY_SCHEMA_VERSION);
      check.close();
    },
  );

  it('starts a history in an empty file', async () => {
    writeFileSync(historyFile(), '');
    const store = await open();
    expect(await episodeCount(store)).toBe(0);
    expect(logs).toEqual([]);
  });

  it('refuses a history written by a newer version of the app, naming the file and both versions, and leaves it untouched', async () => {
    const raw = new Database(historyFile());
    raw.exec(`CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (1); PRAGMA user_version = ${HISTORY_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha256(historyFile());

    await expect(open()).rejects.toThrow(
      `the alert history ${historyFile()} was written by a newer version of the app (history schema version ${HISTORY_SCHEMA_VERSION + 1}; this version reads up to ${HISTORY_SCHEMA_VERSION})`,
    );
    expect(sha256(historyFile())).toBe(before);
    expect(readdirSync(temp.dir)).toEqual(['history.sqlite']);
  });
});

describe('a file that is not a usable database', () => {
  const cases: Array<[string, () => Promise<void>]> = [
    ['random binary', async () => writeFileSync(historyFile(), randomBytes(10_000))],
    ['text', async () => writeFileSync(historyFile(), 'this is not a database\n'.repeat(400))],
    ['zeros', async () => writeFileSync(historyFile(), Buffer.alloc(8_192))],
    ['shorter than a header', async () => writeFileSync(historyFile(), 'SQLite format 3\0garbage')],
    [
      'truncated to half',
      async () => {
        await writeHistory(400);
        truncateSync(historyFile(), Math.floor(readFileSync(historyFile()).length / 2));
      },
    ],
    [
      'missing its last page',
      async () => {
        await writeHistory(400);
        truncateSync(historyFile(), readFileSync(historyFile()).length - 4_096);
      },
    ],
  ];

  it.each(cases)('(%s) is moved aside with its bytes unchanged, and a new history starts', async (_kind, make) => {
    await make();
    logs.length = 0;
    const before = sha256(historyFile());

    const store = await open();
    expect(await episodeCount(store)).toBe(0);
    store.record([{ before: undefined, after: makeAlert({ fingerprint: 'fp-new' }) }], NOW);
    expect(await episodeCount(store)).toBe(1);

    const said = logs.find((line) => line.includes('kept it as'));
    expect(said).toContain(historyFile());
    const aside = /kept it as (\S+) and started/.exec(said ?? '')?.[1];
    expect(aside).toMatch(/history\.sqlite\.corrupt-2\S+$/);
    expect(sha256(aside!)).toBe(before);
  });

  it('keeps the rollback journal with the file it belongs to', async () => {
    writeFileSync(historyFile(), randomBytes(4_096));
    writeFileSync(`${historyFile()}-journal`, 'journal of the broken file');
    await open();
    const aside = readdirSync(temp.dir).find((name) => name.includes('.corrupt-') && !name.endsWith('-journal'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(temp.dir, `${aside!}-journal`), 'utf8')).toBe('journal of the broken file');
    expect(existsSync(`${historyFile()}-journal`)).toBe(false);
  });
});

describe('a database that cannot hold the history', () => {
  const V = HISTORY_SCHEMA_VERSION;
  /** Writes a SQLite file: `sql` on a database of schema version `from`, then `PRAGMA user_version = to`. */
  const database = (from: number, sql: string, to = from) => async (): Promise<void> => {
    const raw = new Database(historyFile());
    migrateHistory(raw, from);
    raw.exec(`${sql}; PRAGMA user_version = ${to}`);
    raw.close();
  };
  const cases: Array<[string, () => Promise<void>, string]> = [
    ['claims the current version without any table', database(0, 'CREATE TABLE unrelated (x)', V), `has schema version ${V} but lacks the table episodes, the index episodes_by_start`],
    ['lost its episodes table', database(V, "DROP TABLE episodes; INSERT INTO episodes_text (rowid, name) VALUES (1, 'kept')"), `has schema version ${V} but lacks the table episodes, the index`],
    [
      'lacks a column',
      database(V, "ALTER TABLE episodes RENAME COLUMN silence_comment TO remark; INSERT INTO episodes (fingerprint, starts_at, starts_at_ms, name, labels, severity, sources) VALUES ('fp', 'x', 0, 'n', '{}', 'critical', '[]')"),
      `has schema version ${V} but lacks the column silence_comment of the table episodes`,
    ],
    ['has a table its first migration cannot create', database(0, 'CREATE TABLE episodes (x); INSERT INTO episodes VALUES (1)'), 'could not be migrated to schema version 1 (table episodes already exists)'],
  ];

  it.each(cases)('(%s) is moved aside with its bytes unchanged, said in the log, and a new history starts', async (_kind, make, reason) => {
    await make();
    const before = sha256(historyFile());

    const store = await open();
    store.record([{ before: undefined, after: makeAlert({ fingerprint: 'fp-new' }) }], NOW);
    expect(await episodeCount(store)).toBe(1);

    const aside = readdirSync(temp.dir).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    const asidePath = path.join(temp.dir, aside[0]!);
    expect(sha256(asidePath)).toBe(before);
    const said = logs.filter((line) => line.includes('kept it as'));
    expect(said).toHaveLength(1);
    expect(said[0]!.startsWith(`alert history ${historyFile()} ${reason}`), said[0]).toBe(true);
    expect(said[0]!.endsWith(`; kept it as ${asidePath} and started a new, empty history`), said[0]).toBe(true);
  });

  it('keeps the rollback journal with a file whose schema lacks its tables', async () => {
    await database(0, 'CREATE TABLE unrelated (x)', V)();
    writeFileSync(`${historyFile()}-journal`, 'journal of the broken file');
    await open();
    const aside = readdirSync(temp.dir).find((name) => name.includes('.corrupt-') && !name.endsWith('-journal'));
    expect(readFileSync(path.join(temp.dir, `${aside!}-journal`), 'utf8')).toBe('journal of the broken file');
    expect(existsSync(`${historyFile()}-journal`)).toBe(false);
  });
});

it('takes over the lock that a killed process left behind', async () => {
  await writeHistory(3);
  mkdirSync(`${historyFile()}.lock`);
  const store = await open();
  expect(await episodeCount(store)).toBe(3);
  expect(logs.join('\n')).toContain(`removed the lock ${historyFile()}.lock left by a process that ended`);
});
