import { createRequire } from 'node:module';
import path from 'node:path';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';
import { expect, it } from 'vitest';
import { openAlertHistory } from '../../electron/history/alert-history';
import { searchHistory } from '../../electron/history/episode-reads';
import { useTempFolder } from '../helpers/temp-folder';

const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof NodeSqlite3Wasm;

const temp = useTempFolder('alert-history-worker-');
const EPISODES = 100_000;
const SEARCH = { query: 'diskfull checkout', resolvedOnly: true, limit: 100 };

/** 100,000 resolved episodes written straight into the store's schema (the full-text index fills through its triggers). */
function seed(file: string): void {
  const db = new Database(file);
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${EPISODES - 1})
    INSERT INTO episodes (fingerprint, starts_at, starts_at_ms, resolved_at, resolved_at_ms, name, labels, severity, sources)
    SELECT 'fp-' || (i % 2000), i, i * 60000, i, i * 60000 + 30000, 'DiskFull',
           json_object('alertname', 'DiskFull', 'service', 'checkout', 'instance', 'db-' || (i % 37)), 'critical', '["prod-am"]'
    FROM n;`);
  db.close();
}

/** Counts the main thread's timer ticks while `work` runs. */
async function ticksDuring(work: () => unknown): Promise<number> {
  let ticks = 0;
  const interval = setInterval(() => ticks++, 1);
  try {
    await work();
    return ticks;
  } finally {
    clearInterval(interval);
  }
}

it('keeps the main thread running timers while it searches 100,000 episodes', async () => {
  const file = path.join(temp.dir, 'history.sqlite');
  const options = { file, retention: { maxAgeMs: 1e13, maxEpisodes: 1_000_000 }, log: () => undefined, now: () => new Date(EPISODES * 60_000) };
  await (await openAlertHistory(options)).close();
  seed(file);
  const store = await openAlertHistory(options);

  let total = 0;
  const ticks = await ticksDuring(async () => (total = (await store.search(SEARCH)).total));
  await store.close();
  expect(total).toBe(EPISODES);
  expect(ticks).toBeGreaterThan(0);

  // The same search on the main thread holds the timers back: what the worker spares it.
  const db = new Database(file, { readOnly: true });
  const blockedTicks = await ticksDuring(() => expect(searchHistory(db, SEARCH).total).toBe(EPISODES));
  db.close();
  expect(blockedTicks).toBe(0);
  console.log(`timer ticks during a search of ${EPISODES} episodes: ${ticks} in the worker, ${blockedTicks} on the main thread`);
});
