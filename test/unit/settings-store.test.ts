import Conf from 'conf';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserSettings } from '../../electron/engine/settings';
import { defaultAuthorName } from '../../electron/persistence/settings-document';
import { createConfSettingsStore, createMemorySettingsStore, openSettingsStoreSafely } from '../../electron/persistence/settings-store';

/** Real files in a fresh temporary folder per test: conf reads and writes them as the app would. */
describe('settings store', () => {
  let dir: string;
  let problems: string[];
  const settingsFile = () => path.join(dir, 'settings.json');
  const onDisk = () => JSON.parse(readFileSync(settingsFile(), 'utf8')) as unknown;
  const asideFiles = () => readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
  const open = () => createConfSettingsStore(dir, (message) => problems.push(message));

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'occ-settings-'));
    problems = [];
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps values across a reopen, in settings.json with its schema version', () => {
    const store = open();
    expect(onDisk()).toEqual({ schemaVersion: 2 });
    store.set('preferences', { theme: 'light', groupBy: 'alertname', author: 'alice' });
    store.set('notificationsPausedUntil', '2030-01-01T00:00:00.000Z');
    store.set('gone', 1);
    store.delete('gone');

    const reopened = open();
    expect(reopened.get('preferences')).toEqual({ theme: 'light', groupBy: 'alertname', author: 'alice' });
    expect(reopened.get('notificationsPausedUntil')).toBe('2030-01-01T00:00:00.000Z');
    expect(reopened.get('gone')).toBeUndefined();
    expect(onDisk()).toEqual({
      schemaVersion: 2,
      preferences: { theme: 'light', groupBy: 'alertname', author: 'alice' },
      notificationsPausedUntil: '2030-01-01T00:00:00.000Z',
    });
    expect(problems).toEqual([]);
  });

  const CORRUPT: Array<{ kind: string; content: string | Buffer; says: string | RegExp }> = [
    { kind: 'not JSON', content: '{"preferences": {"theme": "li', says: 'is cut short: the JSON ends before it is complete' },
    { kind: 'truncated', content: '{\n\t"schemaVersion": 2,\n\t"preferences": {\n\t\t"theme": "light",\n', says: 'is cut short' },
    { kind: 'empty (a crash mid-write)', content: '', says: 'is empty' },
    { kind: 'binary', content: Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x7b, 0x22, 0x80, 0x00]), says: 'holds binary data, not JSON' },
    { kind: 'an array', content: '[{"theme":"light"}]', says: 'holds an array, not an object of settings' },
    { kind: 'a string', content: '"light"', says: 'holds a string, not an object of settings' },
    {
      kind: 'preferences of the wrong types',
      content: '{"schemaVersion":2,"preferences":{"theme":"purple","groupBy":7,"author":"a"}}',
      says: /does not have the expected shape \(preferences\.theme: .*; preferences\.groupBy: .*\)/,
    },
    { kind: 'a pause that is not a string', content: '{"schemaVersion":2,"notificationsPausedUntil":42}', says: 'notificationsPausedUntil' },
    { kind: 'v1 preferences of the wrong type', content: '{"preferences":"dark"}', says: 'does not have the expected shape after migrating it from version 1 to 2' },
    { kind: 'a version that is not a number', content: '{"schemaVersion":"2"}', says: 'has the schema version "2", which is not a whole number from 1' },
    { kind: 'a newer version', content: '{"schemaVersion":3,"preferences":{"theme":"dark"}}', says: 'was written by a newer version of the app (schema version 3; this version reads up to 2)' },
  ];

  it.each(CORRUPT)('moves a file that is $kind aside byte for byte, says what and where, and starts with defaults', ({ content, says }) => {
    writeFileSync(settingsFile(), content);
    const store = open();

    expect(store.get('preferences')).toBeUndefined();
    expect(new UserSettings(store).preferences).toEqual({ theme: 'system', groupBy: 'alertname', author: defaultAuthorName() });
    const aside = asideFiles();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(readFileSync(path.join(dir, aside[0]!)).equals(Buffer.from(content))).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(typeof says === 'string' ? new RegExp(escape(says)) : says);
    expect(problems[0]).toMatch(new RegExp(`^settings file ${escape(settingsFile())} `));
    expect(problems[0]).toContain(`; kept it as ${path.join(dir, aside[0]!)} and started with default settings`);

    // The fresh file is good and stays so: nothing more is moved or reported.
    store.set('notificationsPausedUntil', '2030-01-01T00:00:00.000Z');
    expect(open().get('notificationsPausedUntil')).toBe('2030-01-01T00:00:00.000Z');
    expect(onDisk()).toEqual({ schemaVersion: 2, notificationsPausedUntil: '2030-01-01T00:00:00.000Z' });
    expect(problems).toHaveLength(1);
    expect(asideFiles()).toEqual(aside);
  });

  // Why the file is checked before conf opens it: conf alone throws on an empty file and turns an array into an object of indexes.
  it('shows what conf itself does with an empty file and with an array', () => {
    const rawConf = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'on-call-companion', clearInvalidConfig: false });
    writeFileSync(settingsFile(), '');
    expect(() => rawConf()).toThrow(SyntaxError);

    writeFileSync(settingsFile(), '["light","dark"]');
    const conf = rawConf();
    expect(conf.get('0')).toBe('light');
    conf.set('x', 1);
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toEqual({ 0: 'light', 1: 'dark', x: 1 });
  });

  it('chains every migration from version 1 and writes the result back once', () => {
    const document = {
      version: 3,
      schema: z.looseObject({ look: z.object({ theme: z.string(), density: z.string() }) }),
      migrations: {
        1: (settings: unknown) => ({ look: { theme: (settings as { theme: string }).theme } }),
        2: (settings: unknown) => ({ look: { ...(settings as { look: object }).look, density: 'compact' } }),
      },
    };
    writeFileSync(settingsFile(), '{"theme":"light"}');
    const store = createConfSettingsStore(dir, (message) => problems.push(message), document);
    expect(store.get('look')).toEqual({ theme: 'light', density: 'compact' });
    expect(onDisk()).toEqual({ schemaVersion: 3, look: { theme: 'light', density: 'compact' } });

    writeFileSync(settingsFile(), '{"schemaVersion":2,"look":{"theme":"dark"}}');
    expect(createConfSettingsStore(dir, (message) => problems.push(message), document).get('look')).toEqual({ theme: 'dark', density: 'compact' });
    expect(problems).toEqual([]);
  });

  it('rethrows a folder that cannot exist (its parent is a file) with the path, renaming nothing', () => {
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be');
    const dataDir = path.join(blocker, 'data');

    expect(() => createConfSettingsStore(dataDir, (message) => problems.push(message))).toThrow(
      new RegExp(`settings file ${escape(path.join(dataDir, 'settings.json'))} could not be opened: .*ENOTDIR`),
    );
    expect(problems).toEqual([]);
    expect(readdirSync(dir)).toEqual(['not-a-folder']);
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the data folder should be');
  });

  it('rethrows other failures with the original as the cause, and leaves a valid file alone', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'settings.json'"), { code: 'EACCES' });
    const failingOpen = () => {
      throw denied;
    };

    expect(() => openSettingsStoreSafely(dir, failingOpen, (message) => problems.push(message))).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/settings\.json could not be opened: EACCES: permission denied/), cause: denied }),
    );

    // A valid file of the current version: not corruption, so it stays as it is.
    const valid = '{"schemaVersion":2,"preferences":{"theme":"dark"}}';
    writeFileSync(settingsFile(), valid);
    expect(() => openSettingsStoreSafely(dir, failingOpen, (message) => problems.push(message))).toThrow(/EACCES/);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(readFileSync(settingsFile(), 'utf8')).toBe(valid);
    expect(problems).toEqual([]);
  });

  it('rethrows a settings path that cannot be read (a folder), moving nothing', () => {
    mkdirSync(settingsFile());
    expect(() => open()).toThrow(new RegExp(`^settings file ${escape(settingsFile())} could not be opened: EISDIR`));
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(problems).toEqual([]);
  });

  it('opens only once when the first attempt works', () => {
    let opened = 0;
    const store = openSettingsStoreSafely(dir, () => (opened += 1, createMemorySettingsStore({ a: 1 })), () => undefined);
    expect(store.get('a')).toBe(1);
    expect(opened).toBe(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
