import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('moves a file without one valid record aside whole, byte for byte, reports it once and starts empty', async () => {
    const garbage = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0a, 0xfe, 0x0a]), Buffer.from('{"id":"a","n":"x"}\n{"id":')]);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, garbage);

    const journal = await open();
    expect(journal.records()).toEqual([]);
    const aside = readdirSync(path.dirname(file)).filter((name) => name.startsWith('records.jsonl.corrupt-'));
    expect(aside).toHaveLength(1);
    const asidePath = path.join(path.dirname(file), aside[0]!);
    expect(readFileSync(asidePath).equals(garbage)).toBe(true);
    expect(problems).toEqual([
      `journal ${file} holds no valid record (line 1: not JSON (binary data); 4 bad lines in all); kept it as ${asidePath} and started with an empty journal`,
    ]);
    expect(existsSync(`${file}.rejected`)).toBe(false);
    expect(lines()).toBe('');

    journal.append({ id: 'b', n: 1 });
    problems = [];
    expect((await open()).records()).toEqual([{ id: 'b', n: 1 }]);
    expect(problems).toEqual([]);
  });

  it('reads an empty file as an empty journal, quietly', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    expect((await open()).records()).toEqual([]);
    expect(problems).toEqual([]);
    expect(readdirSync(path.dirname(file))).toEqual(['records.jsonl']);
  });
});

/** Version 1 records were `{id, count}`; version 2 renamed `count` to `n`; version 3 adds `tags`. */
const V3Schema = z.object({ id: z.string(), n: z.number(), tags: z.array(z.string()) });
type V3 = z.infer<typeof V3Schema>;
const V3_OPTIONS = {
  version: 3,
  migrations: {
    1: (record: unknown) => {
      const { count, ...rest } = record as { id: string; count: number };
      return { ...rest, n: count };
    },
    2: (record: unknown) => ({ ...(record as object), tags: [] }),
  },
};

describe('JSONL journal with record versions', () => {
  let dir: string;
  let file: string;
  let problems: string[];
  const open = (options: object = V3_OPTIONS) => JsonlJournal.open<V3>(file, V3Schema, (message) => problems.push(message), options);
  const put = (text: string) => writeFileSync(file, text);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'occ-journal-v-'));
    file = path.join(dir, 'records.jsonl');
    problems = [];
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the version first on every line, and compacts in the current version', async () => {
    const journal = await open();
    journal.append({ id: 'a', n: 1, tags: ['x'] });
    expect(readFileSync(file, 'utf8')).toBe('{"v":3,"id":"a","n":1,"tags":["x"]}\n');
    journal.compact([{ id: 'b', n: 2, tags: [] }]);
    expect(readFileSync(file, 'utf8')).toBe('{"v":3,"id":"b","n":2,"tags":[]}\n');
    expect((await open()).records()).toEqual([{ id: 'b', n: 2, tags: [] }]);
    expect(problems).toEqual([]);
  });

  it('reads lines without a version as version 1 and migrates every older line in turn', async () => {
    put(['{"id":"a","count":1}', '{"v":1,"id":"b","count":2}', '{"v":2,"id":"c","n":3}', '{"v":3,"id":"d","n":4,"tags":["t"]}', ''].join('\n'));
    const journal = await open();
    expect(journal.records()).toEqual([
      { id: 'a', n: 1, tags: [] },
      { id: 'b', n: 2, tags: [] },
      { id: 'c', n: 3, tags: [] },
      { id: 'd', n: 4, tags: ['t'] },
    ]);
    expect(problems).toEqual([]);
    // Old lines stay as they are until the next compaction, which writes them in version 3.
    journal.compact(journal.records());
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).every((line) => line.startsWith('{"v":3,'))).toBe(true);
  });

  it('keeps a record from a newer version in .rejected and reports it, keeping the others', async () => {
    put('{"v":3,"id":"a","n":1,"tags":[]}\n{"v":4,"id":"b","shiny":true}\n{"v":"x","id":"c"}\n');
    const journal = await open();
    expect(journal.records().map((record) => record.id)).toEqual(['a']);
    expect(problems).toEqual([
      `${file} line 2: the record was written by a newer version of the app (schema version 4; this version reads up to 3); skipped it and kept it in ${file}.rejected`,
      `${file} line 3: the record has the schema version "x", which is not a whole number from 1; skipped it and kept it in ${file}.rejected`,
    ]);
    const rejected = readFileSync(`${file}.rejected`, 'utf8');
    expect(rejected).toContain('\n{"v":4,"id":"b","shiny":true}\n');
    expect(rejected).toContain('\n{"v":"x","id":"c"}\n');
  });

  it('rejects an old line its migration cannot turn into a valid record', async () => {
    put('{"v":3,"id":"a","n":1,"tags":[]}\n{"id":"b"}\n');
    expect((await open()).records().map((record) => record.id)).toEqual(['a']);
    expect(problems).toEqual([`${file} line 2: not a valid record (n: Invalid input: expected number, received undefined); skipped it and kept it in ${file}.rejected`]);
  });

  it('refuses a record with its own v field, and a journal without a migration to its version', async () => {
    const journal = await open();
    expect(() => journal.append({ id: 'a', n: 1, tags: [], v: 9 } as V3)).toThrow(`refusing to write to ${file}: a versioned journal's records must be objects without a "v" field`);
    expect(readFileSync(file, 'utf8')).toBe('');
    await expect(open({ version: 3, migrations: { 1: V3_OPTIONS.migrations[1] } })).rejects.toThrow(`journal ${file}: there is no migration from version 2 to 3`);
  });

  it('reads an unversioned journal as before when no version is given', async () => {
    put('{"id":"a","n":1,"tags":[]}\n');
    const journal = await JsonlJournal.open<V3>(file, V3Schema, (message) => problems.push(message));
    journal.append({ id: 'b', n: 2, tags: [] });
    expect(readFileSync(file, 'utf8')).toBe('{"id":"a","n":1,"tags":[]}\n{"id":"b","n":2,"tags":[]}\n');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
