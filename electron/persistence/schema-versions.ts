import type { z } from 'zod';

/** How a persisted thing's data looks now and how each older version becomes the next. */
export interface SchemaVersions<T> {
  /** The current version, written to disk. Version 1 is the first. */
  version: number;
  /** Validates data of the current version. */
  schema: z.ZodType<T>;
  /** `migrations[n]` turns data of version n into version n + 1: one entry per version after the first. */
  migrations?: Record<number, (data: unknown) => unknown>;
}

export type Upgraded<T> =
  | { ok: true; data: T; fromVersion: number }
  /** `shapeIssues` is set when the data (migrated) did not pass the schema. */
  | { ok: false; reason: string; shapeIssues?: string };

/** Throws when `version` is not a whole number ≥ 1 or a migration to it is missing: a mistake in the code, caught when the store is built. */
export function assertSchemaVersions(versions: SchemaVersions<unknown>, what: string): void {
  if (!Number.isInteger(versions.version) || versions.version < 1) {
    throw new Error(`${what}: the schema version must be a whole number from 1, not ${String(versions.version)}`);
  }
  for (let from = 1; from < versions.version; from++) {
    if (typeof versions.migrations?.[from] !== 'function') throw new Error(`${what}: there is no migration from version ${from} to ${from + 1}`);
  }
}

/**
 * Brings `data` written at `fromVersion` to the current version and validates it. The reason of a
 * failure is a phrase that follows the name of the file or line ("was written by …", "does not
 * have the expected shape (…)").
 */
export function upgrade<T>(versions: SchemaVersions<T>, fromVersion: unknown, data: unknown): Upgraded<T> {
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1) {
    return { ok: false, reason: `has the schema version ${JSON.stringify(fromVersion)}, which is not a whole number from 1` };
  }
  if (fromVersion > versions.version) {
    return {
      ok: false,
      reason: `was written by a newer version of the app (schema version ${fromVersion}; this version reads up to ${versions.version})`,
    };
  }
  let current = data;
  for (let version = fromVersion; version < versions.version; version++) {
    const migrate = versions.migrations?.[version];
    if (!migrate) return { ok: false, reason: `cannot be migrated: there is no migration from version ${version} to ${version + 1}` };
    try {
      current = migrate(current);
    } catch (error) {
      return { ok: false, reason: `could not be migrated from version ${version} to ${version + 1} (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  const checked = versions.schema.safeParse(current);
  if (!checked.success) {
    const migrated = fromVersion < versions.version ? ` after migrating it from version ${fromVersion} to ${versions.version}` : '';
    const shapeIssues = describeIssues(checked.error);
    return { ok: false, reason: `does not have the expected shape${migrated} (${shapeIssues})`, shapeIssues };
  }
  return { ok: true, data: checked.data, fromVersion };
}

/** The first three issues as `path: message`, and how many more there are. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '';
  return issues.join('; ') + more;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
