import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonlJournal } from '../../electron/persistence/jsonl-journal';
import { VersionedFile } from '../../electron/persistence/versioned-file';

const KILLS = 12;
const ROOT = path.resolve(import.meta.dirname, '../..');
const DocumentSchema = z.object({ n: z.number(), pad: z.string() });
const RecordSchema = z.object({ n: z.number(), pad: z.string() });

/**
 * A child process writes as fast as it can — whole 2 MB documents through `VersionedFile`, or
 * records through `JsonlJournal` — and prints each number once its write has returned; it is
 * SIGKILLed at a random moment. Whatever moment that is, the file must load without a problem
 * (a journal may lose only a torn last line) and hold everything acknowledged.
 */
const CHILD = `
import { z } from 'zod';
import { VersionedFile } from ${JSON.stringify(path.join(ROOT, 'electron/persistence/versioned-file.ts'))};
import { JsonlJournal } from ${JSON.stringify(path.join(ROOT, 'electron/persistence/jsonl-journal.ts'))};
const [file, kind] = process.argv.slice(1);
const schema = z.object({ n: z.number(), pad: z.string() });
if (kind === 'document') {
  const store = new VersionedFile({ file, version: 1, schema, defaults: () => ({ n: -1, pad: '' }) }, (m) => process.stderr.write(m + '\\n'));
  let n = (await store.read()).n;
  const pad = 'x'.repeat(2_000_000);
  for (;;) {
    n += 1;
    await store.write({ n, pad });
    process.stdout.write(n + '\\n');
  }
} else {
  const journal = await JsonlJournal.open(file, schema, (m) => process.stderr.write(m + '\\n'), { version: 1 });
  let n = journal.records().length;
  const pad = 'y'.repeat(20_000);
  for (;;) {
    journal.append({ n, pad });
    process.stdout.write(n + '\\n');
    n += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
`;

/** Runs the child until it has acknowledged a few writes, kills it after a random pause, and returns the last number it acknowledged. */
async function writeThenKill(file: string, kind: 'document' | 'journal', random: () => number): Promise<number> {
  // Evaluated from the repository's folder, so that `zod` resolves and tsx loads the TypeScript modules.
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', CHILD, file, kind], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let last = -1;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const acknowledgedBeforeKill = 1 + Math.floor(random() * 4);
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        last = Number(line);
        seen += 1;
        if (seen === acknowledgedBeforeKill) setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * 15));
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited with ${code ?? signal}: ${stderr}`))));
  });
  expect(stderr).toBe('');
  return last;
}

/** A small seeded generator, so a failing sequence of kill moments can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('stores killed while writing', () => {
  const dirs: string[] = [];
  const figures: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`\nkilled while writing:\n${figures.map((line) => `  ${line}`).join('\n')}\n`);
  });

  it(`a versioned file always holds the last or the next acknowledged document (${KILLS} kills)`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-kill-doc-'));
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    const random = seeded(20261126);
    let strayTemps = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const acknowledged = await writeThenKill(file, 'document', random);
      if (existsSync(`${file}.tmp`)) strayTemps += 1;
      const problems: string[] = [];
      const { n } = await new VersionedFile({ file, version: 1, schema: DocumentSchema, defaults: () => ({ n: -1, pad: '' }) }, (m) => problems.push(m)).read();
      expect(problems).toEqual([]);
      expect([acknowledged, acknowledged + 1]).toContain(n);
      expect(existsSync(`${file}.tmp`)).toBe(false);
    }
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    figures.push(`versioned file: ${KILLS} kills, ${strayTemps} left a temporary file mid-write, 0 lost or damaged documents`);
  });

  it(`a journal keeps every acknowledged record and loses at most a torn last line (${KILLS} kills)`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-kill-journal-'));
    dirs.push(dir);
    const file = path.join(dir, 'records.jsonl');
    const random = seeded(5);
    let torn = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const acknowledged = await writeThenKill(file, 'journal', random);
      const problems: string[] = [];
      const journal = await JsonlJournal.open(file, RecordSchema, (m) => problems.push(m), { version: 1 });
      const numbers = journal.records().map((record) => record.n);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, n) => n));
      expect([acknowledged + 1, acknowledged + 2]).toContain(numbers.length);
      if (problems.length > 0) torn += 1;
      for (const problem of problems) expect(problem).toMatch(/line \d+: the last line is incomplete/);
    }
    figures.push(`journal: ${KILLS} kills, ${torn} torn last lines set aside, 0 acknowledged records lost`);
  });
});
