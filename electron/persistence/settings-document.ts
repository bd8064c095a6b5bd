import { userInfo } from 'node:os';
import { z } from 'zod';
import { PreferencesSchema } from '../../shared/model';
import type { SchemaVersions } from './schema-versions';
import { isPlainObject } from './schema-versions';

/** The key of the settings file that holds its schema version; a file without it is version 1. */
export const SETTINGS_VERSION_KEY = 'schemaVersion';

/**
 * What the settings file (`settings.json`, written by electron-store or conf) holds, without its
 * version key. Unknown keys are kept. Version 1: `preferences` {theme, groupBy} and
 * `notificationsPausedUntil`. Version 2: `preferences.author`.
 *
 * A new version is one entry: bump `version`, add `migrations[previous]`, change the schema, and
 * add a fixture of the previous format to `test/fixtures/persisted/settings/`.
 */
export const SETTINGS_DOCUMENT: SchemaVersions<Record<string, unknown>> = {
  version: 2,
  schema: z.looseObject({
    preferences: PreferencesSchema.partial().optional(),
    notificationsPausedUntil: z.string().optional(),
  }),
  migrations: {
    1: (settings) => {
      if (!isPlainObject(settings) || !isPlainObject(settings.preferences) || 'author' in settings.preferences) return settings;
      return { ...settings, preferences: { ...settings.preferences, author: defaultAuthorName() } };
    },
  },
};

/** The name written on acknowledgements and silences until the user sets theirs: the OS user name. */
export function defaultAuthorName(): string {
  try {
    return userInfo().username || 'on-call';
  } catch {
    // No passwd entry (some containers): any stable name will do until the user sets theirs.
    return 'on-call';
  }
}
