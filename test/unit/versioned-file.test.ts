import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VersionedFile, type VersionedFileSpec } from '../../electron/persistence/versioned-file';
import { useTempFolder } from '../helpers/temp-folder';

/** Version 3: `items` with `name` and `count`, and `owner`. */
const CacheSchema = z.object({ items: z.array(z.object({ name: z.string(), count: z.number() })), owner: z.string() });
type Cache = z.infer<typeof CacheSchema>;

/** Version 1: `names` only. Version 2: `items` of names. Version 3: counts and an owner. */
const MIGRATIONS: Record<number, (data: unknown) => unknown> = {
  1: (data) => ({ items: (data as { names: string[] }).names.map((name) => ({ name })) }),
  2: (data) => ({ items: (data as { items: Array<{ name: string }> }).items.map((item) => ({ ...item, count: 0 })), owner: 'migrated' }),
};

const SAMPLE: Cache = { items: [{ name: 'a', count: 1 }], owner: 'me' };

describe('versioned file', () => {
  const folder = useTempFolder('occ-versioned-');
  let problems: string[] = [];
  const file = () => path.join(folder.dir, 'cache', 'state.json');
  const open = (spec: Partial<VersionedFileSpec<Cache>> = {}) => {
    problems = [];
    return new VersionedFile<Cache>(
      { file: file(), version: 3, schema: CacheSchema, migrations: MIGRATIONS, defaults: () => ({ items: [], owner: 'nobody' }), ...spec },
      (message) => problems.push(message),
    );
  };
  const put = (content: string | Buffer) => {
    mkdirSync(path.dirname(file()), { recursive: true });
    writeFileSync(file(), content);
  };
  const asideFiles = () => readdirSync(path.dirname(file())).filter((name) => name.startsWith('state.json.corrupt-'));

  it('starts with the defaults when there is no file, and reads back what it wrote, in its envelope', async () => {
    const store = open();
    expect(await store.read()).toEqual({ items: [], owner: 'nobody' });
    await store.write(SAMPLE);

    const onDisk = JSON.parse(readFileSync(file(), 'utf8')) as { version: number; savedAt: string; data: unknown };
    expect(onDisk).toEqual({ version: 3, savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), seal: expect.stringMatching(/^[\w+/]{43}=$/), data: SAMPLE });
    expect(await open().read()).toEqual(SAMPLE);
    expect(problems).toEqual([]);
    expect(readdirSync(path.dirname(file()))).toEqual(['state.json']);
  });

  describe('seal', () => {
    /** The sample schema, counting how often a value is validated against it. */
    const counting = () => {
      const counter = { checks: 0 };
      const schema = CacheSchema.superRefine(() => void counter.checks++) as unknown as z.ZodType<Cache>;
      return { counter, schema };
    };

    it('reads a file sealed as it was written without validating it again', async () => {
      const { counter, schema } = counting();
      await open({ schema }).write(SAMPLE);
      counter.checks = 0;
      expect(await open({ schema }).read()).toEqual(SAMPLE);
      expect(counter.checks).toBe(0);
    });

    it.each([
      ['edited by hand, still valid', (text: string) => text.replace('"owner":"me"', '"owner":"you"'), { items: [{ name: 'a', count: 1 }], owner: 'you' }],
      ['with white space added', (text: string) => text.replace('"data":', '"data": '), SAMPLE],
      ['with another seal', (text: string) => text.replace(/"seal":"[^"]*"/, `"seal":"${'A'.repeat(43)}="`), SAMPLE],
    ])('validates a file %s in full', async (_what, change, expected) => {
      const { counter, schema } = counting();
      await open({ schema }).write(SAMPLE);
      put(change(readFileSync(file(), 'utf8')));
      counter.checks = 0;
      expect(await open({ schema }).read()).toEqual(expected);
      expect(counter.checks).toBe(1);
      expect(problems).toEqual([]);
    });

    it('still refuses a sealed file whose data became wrong, and one sealed under another schema', async () => {
      await open().write(SAMPLE);
      put(readFileSync(file(), 'utf8').replace('"count":1', '"count":"one"'));
      expect(await open().read()).toEqual({ items: [], owner: 'nobody' });
      expect(problems[0]).toMatch(/does not have the expected shape \(items\.0\.count: /);

      const Wider = CacheSchema.extend({ note: z.string().default('') });
      const { counter, schema } = counting();
      await open({ schema }).write(SAMPLE);
      counter.checks = 0;
      expect(await open({ schema: Wider as unknown as z.ZodType<Cache> }).read()).toEqual({ ...SAMPLE, note: '' });
    });
  });

  const CORRUPT: Array<{ kind: string; content: string | Buffer; says: RegExp }> = [
    { kind: 'truncated', content: '{"version":3,"savedAt":"2026-11-26T03:12:00.000Z","data":{"items":[{"na', says: /is cut short: the JSON ends before it is complete \(/ },
    { kind: 'empty', content: '', says: /is empty/ },
    { kind: 'binary', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x7b, 0x22]), says: /holds binary data, not JSON/ },
    {
      kind: 'wrong schema (an envelope around the wrong data)',
      content: '{"version":3,"savedAt":"2026-11-26T03:12:00.000Z","data":{"items":"many","owner":7}}',
      says: /does not have the expected shape \(items: .*; owner: .*\)/,
    },
    { kind: 'wrong schema (an array, read as version 1 data)', content: '[1,2,3]', says: /does not have the expected shape|could not be migrated from version 1 to 2/ },
    { kind: 'an envelope without data', content: '{"version":3,"savedAt":"2026-11-26T03:12:00.000Z"}', says: /has a version but no "data" field/ },
    { kind: 'a version that is not a whole number', content: '{"version":"3","data":{}}', says: /has the schema version "3", which is not a whole number from 1/ },
  ];

  it.each(CORRUPT)('moves a $kind file aside byte for byte, says what and where, and starts with the defaults', async ({ content, says }) => {
    put(content);
    const store = open();
    expect(await store.read()).toEqual({ items: [], owner: 'nobody' });

    const aside = asideFiles();
    expect(aside).toHaveLength(1);
    const asidePath = path.join(path.dirname(file()), aside[0]!);
    expect(readFileSync(asidePath).equals(Buffer.from(content))).toBe(true);
    expect(existsSync(file())).toBe(false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(says);
    expect(problems[0]).toContain(`${file()} `);
    expect(problems[0]).toContain(`kept it as ${asidePath} and started with defaults`);

    // The next write starts a good file; the one kept aside stays.
    await store.write(SAMPLE);
    expect(await open().read()).toEqual(SAMPLE);
    expect(problems).toEqual([]);
    expect(asideFiles()).toEqual(aside);
  });

  it('moves aside a file from a newer version, naming both versions', async () => {
    put(JSON.stringify({ version: 4, savedAt: '2030-01-01T00:00:00.000Z', data: { whatever: true } }));
    expect(await open().read()).toEqual({ items: [], owner: 'nobody' });
    expect(problems).toEqual([
      `${file()} was written by a newer version of the app (schema version 4; this version reads up to 3); kept it as ${path.join(path.dirname(file()), asideFiles()[0]!)} and started with defaults`,
    ]);
  });

  it('migrates from each older version in turn: unversioned data is version 1', async () => {
    put(JSON.stringify({ names: ['a', 'b'] }));
    expect(await open().read()).toEqual({ items: [{ name: 'a', count: 0 }, { name: 'b', count: 0 }], owner: 'migrated' });
    put(JSON.stringify({ version: 1, savedAt: '2026-01-01T00:00:00.000Z', data: { names: ['c'] } }));
    expect(await open().read()).toEqual({ items: [{ name: 'c', count: 0 }], owner: 'migrated' });
    put(JSON.stringify({ version: 2, savedAt: '2026-01-01T00:00:00.000Z', data: { items: [{ name: 'd' }] } }));
    expect(await open().read()).toEqual({ items: [{ name: 'd', count: 0 }], owner: 'migrated' });
    expect(problems).toEqual([]);
    // Reading does not rewrite: the file stays at version 2 until the next write.
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ version: 2 });
  });

  it('moves aside a file whose migration fails or whose migrated data has the wrong shape', async () => {
    put(JSON.stringify({ version: 1, data: { names: 'not a list' } }));
    expect(await open().read()).toEqual({ items: [], owner: 'nobody' });
    expect(problems[0]).toMatch(/could not be migrated from version 1 to 2 \(.*map.*\)/);

    put(JSON.stringify({ version: 2, data: { items: [{ name: 5 }] } }));
    expect(await open().read()).toEqual({ items: [], owner: 'nobody' });
    expect(problems[0]).toMatch(/does not have the expected shape after migrating it from version 2 to 3 \(items\.0\.name: /);
    expect(asideFiles()).toHaveLength(2);
  });

  it('refuses a spec without a migration to its version', () => {
    expect(() => open({ migrations: { 1: MIGRATIONS[1]! } })).toThrow(`versioned file ${file()}: there is no migration from version 2 to 3`);
    expect(() => open({ version: 0 })).toThrow('the schema version must be a whole number from 1, not 0');
  });

  it('keeps the last complete file when a crash left a temporary file before the rename, and removes it', async () => {
    await open().write(SAMPLE);
    const before = readFileSync(file());
    // What a crash between writing the temporary file and renaming it leaves behind.
    writeFileSync(`${file()}.tmp`, '{"version":3,"savedAt":"2026-11-26T03:12:00.000Z","data":{"items":[{"name":"b","cou');

    expect(await open().read()).toEqual(SAMPLE);
    expect(problems).toEqual([]);
    expect(readFileSync(file()).equals(before)).toBe(true);
    expect(existsSync(`${file()}.tmp`)).toBe(false);
  });

  it('coalesces writes that wait: only the first and the latest reach the disk, and every promise settles', async () => {
    let validations = 0;
    const counting = CacheSchema.superRefine(() => void (validations += 1));
    const store = open({ schema: counting });
    const writes = Array.from({ length: 10 }, (_, n) => store.write({ items: [{ name: 'n', count: n }], owner: 'me' }));
    await Promise.all(writes);
    // One validation per write that reaches the disk: the first started at once, the other nine waited and merged.
    expect(validations).toBe(2);
    expect(await open().read()).toEqual({ items: [{ name: 'n', count: 9 }], owner: 'me' });

    void store.write({ items: [], owner: 'flushed' });
    await store.flush();
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ data: { owner: 'flushed' } });
    expect(validations).toBe(3);
  });

  it('rejects invalid data and a failed write, leaving the old file unchanged, and stays usable', async () => {
    const store = open();
    await store.write(SAMPLE);
    const before = readFileSync(file());

    await expect(store.write({ items: 'x' } as unknown as Cache)).rejects.toThrow(`refusing to write invalid data to ${file()}: items:`);
    mkdirSync(`${file()}.tmp`); // the temporary path cannot be created as a file
    await expect(store.write({ items: [], owner: 'next' })).rejects.toThrow(`could not write ${file()} (the old file is unchanged): EISDIR`);
    expect(readFileSync(file()).equals(before)).toBe(true);

    rmSync(`${file()}.tmp`, { recursive: true });
    await store.write({ items: [], owner: 'next' });
    expect(await open().read()).toEqual({ items: [], owner: 'next' });
  });

  it('throws with the path when the file exists but cannot be read, moving nothing', async () => {
    mkdirSync(file(), { recursive: true }); // a folder where the file should be
    await expect(open().read()).rejects.toThrow(`${file()} could not be read: EISDIR`);
    expect(asideFiles()).toEqual([]);
  });
});
