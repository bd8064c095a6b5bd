import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as NodeSqlite3Wasm from 'node-sqlite3-wasm';
import { expect, it } from 'vitest';
import { openAlertHistory } from '../../electron/history/alert-history';
import { useTempFolder } from '../helpers/temp-folder';

const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof NodeSqlite3Wasm;

const temp = useTempFolder('alert-history-crash-');
const CHILD = fileURLToPath(new URL('./alert-history-crash-child.ts', import.meta.url));
const KILLS = 10;

interface Run {
  /** Fingerprints of the episodes the child reported committed, per batch, in order. */
  batches: string[][];
  killedAfterMs: number;
}

/** Starts the writer, lets it commit at least one batch, then SIGKILLs it at a random moment. */
function runAndKill(file: string, prefix: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killedAfterMs = Math.floor(Math.random() * 1_500);
    const batches: string[][] = [];
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('committed ')) batches.push(line.slice('committed '.length).split(' '));
      if (batches.length > 0 && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), killedAfterMs);
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve({ batches, killedAfterMs });
      else reject(new Error(`the writer ended by itself before it was killed:\n${stderr}`));
    });
  });
}

it(`keeps every committed episode, or sets a damaged file aside and says so, when the writer is SIGKILLed ${KILLS} times`, async () => {
  const file = path.join(temp.dir, 'history.sqlite');
  const committed = new Set<string>();
  const endedByLaterBatch = new Set<string>();
  const figures: string[] = [];
  const corruptions: string[] = [];
  for (let round = 0; round < KILLS; round++) {
    const run = await runAndKill(file, `r${round}`);
    run.batches.forEach((batch, b) => {
      for (const fingerprint of batch) committed.add(fingerprint);
      // The child ends half of each batch in the same transaction that adds the next one.
      if (b > 0) for (const fingerprint of run.batches[b - 1]!.slice(0, batch.length / 2)) endedByLaterBatch.add(fingerprint);
    });
    const leftovers = ['-journal', '.lock'].filter((suffix) => existsSync(`${file}${suffix}`));
    figures.push(`kill ${round + 1}: after ${run.killedAfterMs} ms, ${run.batches.length} batches committed, left ${leftovers.join(' and ') || 'nothing'}`);

    const logs: string[] = [];
    const store = await openAlertHistory({ file, retention: { maxAgeMs: 365 * 86_400_000, maxEpisodes: 1_000_000 }, log: (m) => logs.push(m) });
    await store.close();
    const setAside = logs.filter((line) => line.includes('kept it as'));
    if (setAside.length > 0) {
      // Known limit (README): now and then a kill leaves node-sqlite3-wasm's file malformed. It must
      // never pass silently: the damaged file is kept aside, said, and a new history starts.
      expect(setAside).toEqual([expect.stringMatching(/cannot be read as a SQLite database .*; kept it as .*\.corrupt-.* and started a new, empty history$/)]);
      corruptions.push(`kill ${round + 1}: ${setAside[0]!.replaceAll(temp.dir, '<dir>')}`);
      committed.clear();
      endedByLaterBatch.clear();
    }

    const db = new Database(file, { readOnly: true });
    const rows = db.all('SELECT fingerprint, resolved_at FROM episodes') as Array<{ fingerprint: string; resolved_at: string | null }>;
    expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    db.close();
    const stored = new Map(rows.map((row) => [row.fingerprint, row.resolved_at]));
    expect([...committed].filter((fingerprint) => !stored.has(fingerprint))).toEqual([]);
    expect([...endedByLaterBatch].filter((fingerprint) => stored.get(fingerprint) === null)).toEqual([]);
  }
  expect(readdirSync(temp.dir).filter((name) => name.includes('.corrupt-') && !name.endsWith('-journal'))).toHaveLength(corruptions.length);
  console.log(`alert history crash loop (${committed.size} committed episodes, ${corruptions.length} damaged files set aside):\n  ${[...figures, ...corruptions].join('\n  ')}`);
}, 180_000);
