import Conf from 'conf';
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';

/**
 * Small synchronous key-value persistence for settings and small state. electron-store in the
 * desktop app and its base `conf` in plain Node both satisfy it. Both rewrite the whole file on
 * every change, so anything that grows belongs in a store chosen for it, not here.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export const SETTINGS_FILE_NAME = 'settings';

/** A conf-backed store in `dir` (plain Node: tests and browser mode). */
export function createConfSettingsStore(dir: string, onProblem: (message: string) => void = () => undefined): SettingsStore {
  return openSettingsStoreSafely(
    dir,
    () => new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_FILE_NAME, projectName: 'on-call-companion' }),
    onProblem,
  );
}

/**
 * Opens a store. A file that is there but is not JSON is moved aside (never silently deleted)
 * and a fresh one started; any other failure (permissions, a folder that cannot exist, a full
 * disk) is rethrown with the file's path, since starting afresh would not fix it.
 */
export function openSettingsStoreSafely(dir: string, open: () => SettingsStore, onProblem: (message: string) => void): SettingsStore {
  const file = path.join(dir, `${SETTINGS_FILE_NAME}.json`);
  try {
    return open();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!holdsInvalidJson(file)) throw new Error(`settings file ${file} could not be opened: ${reason}`, { cause: error });
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    onProblem(`${file} could not be read (${reason}); moved it to ${aside} and started with default settings`);
    return open();
  }
}

/** True only when the file can be read and its content does not parse as JSON. */
function holdsInvalidJson(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** A store that keeps values in memory only, for tests and throwaway runs. */
export function createMemorySettingsStore(initial: Record<string, unknown> = {}): SettingsStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}
