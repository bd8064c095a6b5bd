import Conf from 'conf';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from './atomic-write';
import { describeJsonKind, parseJsonDocument } from './json-document';
import { moveAsideSync } from './move-aside';
import { SETTINGS_DOCUMENT, SETTINGS_VERSION_KEY } from './settings-document';
import { isPlainObject, upgrade, type SchemaVersions, type Upgraded } from './schema-versions';

/**
 * Small synchronous key-value persistence for settings and small state. electron-store in the
 * desktop app and its base `conf` in plain Node both satisfy it. Both rewrite the whole file on
 * every change (atomically: conf writes through `atomically`, temporary file + fsync + rename), so
 * anything that grows belongs in a store chosen for it, not here.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export const SETTINGS_FILE_NAME = 'settings';

/** A conf-backed store in `dir` (plain Node: tests and browser mode). */
export function createConfSettingsStore(
  dir: string,
  onProblem: (message: string) => void = () => undefined,
  document: SchemaVersions<Record<string, unknown>> = SETTINGS_DOCUMENT,
): SettingsStore {
  return openSettingsStoreSafely(
    dir,
    () => new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_FILE_NAME, projectName: 'on-call-companion' }),
    onProblem,
    document,
  );
}

/**
 * Checks and migrates `<dir>/settings.json` before `open` reads it, since conf and electron-store
 * would throw on an empty or unparsable file and silently turn an array into an object of
 * indexes. A file that cannot be used (empty, cut short, binary, the wrong shape, or from a newer
 * version) is moved aside to `settings.json.corrupt-<time>`, never deleted, and a fresh one
 * started; `onProblem` says what was wrong and where the old file is. An older version is
 * migrated and written back atomically. A missing file is created with the current version, so
 * a file without one is always version 1. Any other failure (permissions, a folder that cannot
 * exist, a full disk) is thrown with the file's path, since starting afresh would not fix it.
 */
export function openSettingsStoreSafely(
  dir: string,
  open: () => SettingsStore,
  onProblem: (message: string) => void,
  document: SchemaVersions<Record<string, unknown>> = SETTINGS_DOCUMENT,
): SettingsStore {
  const file = path.join(dir, `${SETTINGS_FILE_NAME}.json`);
  try {
    prepareSettingsFile(file, document, onProblem);
    return open();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`settings file ${file} could not be opened: ${reason}`, { cause: error });
  }
}

function prepareSettingsFile(file: string, document: SchemaVersions<Record<string, unknown>>, onProblem: (message: string) => void): void {
  let bytes: Buffer | null = null;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (bytes !== null) {
    const read = decodeSettings(bytes, document);
    if (read.ok) {
      if (read.fromVersion < document.version) writeSettings(file, read.data, document.version);
      return;
    }
    const aside = moveAsideSync(file);
    onProblem(`settings file ${file} ${read.reason}; kept it as ${aside} and started with default settings`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeSettings(file, {}, document.version);
}

function decodeSettings(bytes: Buffer, document: SchemaVersions<Record<string, unknown>>): Upgraded<Record<string, unknown>> {
  const parsed = parseJsonDocument(bytes);
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) return { ok: false, reason: `holds ${describeJsonKind(parsed.value)}, not an object of settings` };
  const { [SETTINGS_VERSION_KEY]: version = 1, ...settings } = parsed.value;
  return upgrade(document, version, settings);
}

/** In conf's own format (tab-indented JSON), so either library reads it. */
function writeSettings(file: string, settings: Record<string, unknown>, version: number): void {
  writeFileAtomicSync(file, JSON.stringify({ [SETTINGS_VERSION_KEY]: version, ...settings }, undefined, '\t'));
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
