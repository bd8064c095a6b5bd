import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonlJournal } from '../../electron/persistence/jsonl-journal';

const RecordSchema = z.object({ id: z.string(), n: z.number() });
type Row = z.infer<typeof RecordSchema>;

/** Real files in a fresh temporary folder per test. */
describe('JSONL journal', () => {
  let dir: string;
  let file: string;
  let problems: string[];
  const open = (options = {}) => JsonlJournal.open<Row>(file, RecordSchema, (message) => problems.push(message), options);
  const lines = () => readFileSync(file, 'utf8');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'occ-journal-'));
    file = path.join(dir, 'nested', 'deeper', 'records.jsonl');
    problems = [];
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its folder and file, appends one line per record and reads them back after a reopen', async () => {
    const journal = await open();
    expect(existsSync(file)).toBe(true);
    expect(journal.records()).toEqual([]);

    journal.append({ id: 'a', n: 1 });
    journal.append({ id: 'b', n: 2 });
    expect(lines()).toBe('{"id":"a","n":1}\n{"id":"b","n":2}\n');
    expect(journal.sizeBytes).toBe(Buffer.byteLength(lines()));

    const reopened = await open();
    expect(reopened.records()).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    reopened.append({ id: 'c', n: 3 });
    expect((await open()).records().map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(problems).toEqual([]);
  });

  it('refuses to write a record its schema rejects, and the file stays as it was', async () => {
    const journal = await open();
    journal.append({ id: 'a', n: 1 });
    expect(() => journal.append({ id: 'b', n: 'two' } as unknown as Row)).toThrow(/invalid record.*n:/);
    expect(lines()).toBe('{"id":"a","n":1}\n');
    expect(journal.records()).toHaveLength(1);
  });

  it('ignores a last line torn by a crash, names file and line, keeps it aside, and appends cleanly after it', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"id":"a","n":1}\n{"id":"b","n":2}\n{"id":"c","n');

    const journal = await open();
    expect(journal.records().map((row) => row.id)).toEqual(['a', 'b']);
    expect(problems).toEqual([`${file} line 3: the last line is incomplete (cut short by a crash or a full disk); skipped it and kept it in ${file}.rejected`]);
    expect(readFileSync(`${file}.rejected`, 'utf8')).toContain('{"id":"c","n\n');

    journal.append({ id: 'd', n: 4 });
    expect(lines()).toBe('{"id":"a","n":1}\n{"id":"b","n":2}\n{"id":"d","n":4}\n');
    problems = [];
    expect((await open()).records().map((row) => row.id)).toEqual(['a', 'b', 'd']);
    expect(problems).toEqual([]);
  });

  it('keeps a complete last record whose newline the crash cut off', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"id":"a","n":1}\n{"id":"b","n":2}');
    const journal = await open();
    expect(journal.records().map((row) => row.id)).toEqual(['a', 'b']);
    expect(problems).toEqual([]);
    journal.append({ id: 'c', n: 3 });
    expect(lines()).toBe('{"id":"a","n":1}\n{"id":"b","n":2}\n{"id":"c","n":3}\n');
  });

  it('skips garbage and invalid records with a message each, and keeps every other record', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, ['{"id":"a","n":1}', 'garbage \u0000 here', '', '{"id":"b","n":"two"}', '{"id":"c","n":3}\r', ''].join('\n'));

    const journal = await open();
    expect(journal.records().map((row) => row.id)).toEqual(['a', 'c']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^${escapeRegExp(file)} line 2: not JSON \\(.+\\); skipped it and kept it in ${escapeRegExp(file)}\\.rejected$`));
    expect(problems[1]).toBe(`${file} line 4: not a valid record (n: Invalid input: expected number, received string); skipped it and kept it in ${file}.rejected`);
    const rejected = readFileSync(`${file}.rejected`, 'utf8');
    expect(rejected).toContain('garbage \u0000 here\n');
    expect(rejected).toContain('{"id":"b","n":"two"}\n');

    // The journal was rewritten without them, so the next open is quiet.
    expect(lines()).toBe('{"id":"a","n":1}\n{"id":"c","n":3}\n');
    problems = [];
    expect((await open()).records().map((row) => row.id)).toEqual(['a', 'c']);
    expect(problems).toEqual([]);
  });

  it('compacts atomically to the records given', async () => {
    const journal = await open();
    for (let n = 0; n < 5; n++) journal.append({ id: 'a', n });
    journal.compact([{ id: 'a', n: 4 }]);
    expect(lines()).toBe('{"id":"a","n":4}\n');
    expect(journal.records()).toEqual([{ id: 'a', n: 4 }]);
    expect(journal.sizeBytes).toBe(Buffer.byteLength(lines()));
    expect(existsSync(`${file}.tmp`)).toBe(false);

    journal.append({ id: 'b', n: 1 });
    expect((await open()).records()).toEqual([
      { id: 'a', n: 4 },
      { id: 'b', n: 1 },
    ]);
  });

  it('leaves the old file intact when the new one cannot be written, and stays usable', async () => {
    const journal = await open();
    journal.append({ id: 'a', n: 1 });
    journal.append({ id: 'a', n: 2 });
    const before = lines();
    mkdirSync(`${file}.tmp`); // the temporary path cannot be created as a file

    expect(() => journal.compact([{ id: 'a', n: 2 }])).toThrow(`could not compact journal ${file} (the old file is unchanged)`);
    expect(lines()).toBe(before);
    expect(journal.records()).toHaveLength(2);

    journal.append({ id: 'b', n: 3 });
    expect((await open()).records().map((row) => row.n)).toEqual([1, 2, 3]);
  });

  it('compacts by itself once the file outgrows the threshold, and reports instead of throwing when it cannot', async () => {
    const journal = await open({ compactAboveBytes: 200 });
    const live = new Map<string, Row>();
    const write = (row: Row) => {
      journal.append(row);
      live.set(row.id, row);
      return journal.compactIfLarge(() => [...live.values()]);
    };
    const compactions: number[] = [];
    for (let n = 0; n < 40; n++) if (write({ id: `k${n % 2}`, n })) compactions.push(n);

    expect(compactions.length).toBeGreaterThan(0);
    expect(journal.sizeBytes).toBeLessThanOrEqual(400);
    expect((await open()).records().at(-1)).toEqual({ id: 'k1', n: 39 });
    const latest = new Map((await open()).records().map((row) => [row.id, row.n]));
    expect(Object.fromEntries(latest)).toEqual({ k0: 38, k1: 39 });

    mkdirSync(`${file}.tmp`);
    for (let n = 40; n < 60; n++) expect(write({ id: `k${n % 2}`, n })).toBe(false);
    // Not reported on each of the 20 appends: retried only once the file has doubled again.
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(2);
    expect(problems[0]).toContain('could not compact journal');
    expect(Object.fromEntries(new Map((await open()).records().map((row) => [row.id, row.n])))).toEqual({ k0: 58, k1: 59 });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
