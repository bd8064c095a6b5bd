import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfSettingsStore, createMemorySettingsStore, openSettingsStoreSafely } from '../../electron/persistence/settings-store';

/** Real files in a fresh temporary folder per test: conf reads and writes them as the app would. */
describe('settings store', () => {
  let dir: string;
  let problems: string[];
  const settingsFile = () => path.join(dir, 'settings.json');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'occ-settings-'));
    problems = [];
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps values across a reopen, in settings.json', () => {
    const store = createConfSettingsStore(dir, (message) => problems.push(message));
    store.set('preferences', { theme: 'light', groupBy: 'alertname' });
    store.set('pausedUntil', '2030-01-01T00:00:00.000Z');
    store.set('gone', 1);
    store.delete('gone');

    const reopened = createConfSettingsStore(dir, (message) => problems.push(message));
    expect(reopened.get('preferences')).toEqual({ theme: 'light', groupBy: 'alertname' });
    expect(reopened.get('pausedUntil')).toBe('2030-01-01T00:00:00.000Z');
    expect(reopened.get('gone')).toBeUndefined();
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toMatchObject({ preferences: { theme: 'light' } });
    expect(problems).toEqual([]);
  });

  it('moves a file that is not JSON aside, keeps its content there, says so, and starts afresh', () => {
    writeFileSync(settingsFile(), '{"preferences": {"theme": "li');
    const store = createConfSettingsStore(dir, (message) => problems.push(message));

    expect(store.get('preferences')).toBeUndefined();
    const aside = readdirSync(dir).filter((name) => /^settings\.json\.corrupt-\d+$/.test(name));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"preferences": {"theme": "li');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(settingsFile());
    expect(problems[0]).toContain(path.join(dir, aside[0]!));

    store.set('pausedUntil', null);
    expect(createConfSettingsStore(dir).get('pausedUntil')).toBeNull();
  });

  it('treats an empty file (a crash mid-write) as corrupt too', () => {
    writeFileSync(settingsFile(), '');
    const store = createConfSettingsStore(dir, (message) => problems.push(message));
    expect(store.get('anything')).toBeUndefined();
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(problems).toHaveLength(1);
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

  it('rethrows other failures with the original as the cause, and leaves a valid or missing file alone', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'settings.json'"), { code: 'EACCES' });
    const failingOpen = () => {
      throw denied;
    };

    // No file at all: the real cause, not an ENOENT from trying to move a file that is not there.
    expect(() => openSettingsStoreSafely(dir, failingOpen, (message) => problems.push(message))).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/settings\.json could not be opened: EACCES: permission denied/), cause: denied }),
    );

    // A readable file with valid JSON: not corruption, so it stays where it is.
    writeFileSync(settingsFile(), '{"preferences":{"theme":"dark"}}');
    expect(() => openSettingsStoreSafely(dir, failingOpen, (message) => problems.push(message))).toThrow(/EACCES/);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(readFileSync(settingsFile(), 'utf8')).toBe('{"preferences":{"theme":"dark"}}');
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
