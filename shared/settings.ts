import { z } from 'zod';
import { SourceTypeSchema } from './model';

/** Shown instead of a secret value (a header that carries a credential); saving it back keeps the value on disk. */
export const MASKED_SECRET = '••••••••';

const Fields = z
  .record(z.string().max(100), z.unknown())
  .refine((fields) => Object.keys(fields).length <= 60, 'expected at most 60 fields');

/** One source as written in the config file (defaults not filled in), credentials masked. */
export const SourceSettingsSchema = z.object({
  name: z.string(),
  type: SourceTypeSchema,
  fields: Fields,
});
export type SourceSettings = z.infer<typeof SourceSettingsSchema>;

/** The config file's sources for the settings view, and whether the app may rewrite the file. */
export const SourceSettingsListSchema = z.object({
  /** The YAML file that edits are written to (created on the first save when it does not exist yet). */
  path: z.string().nullable(),
  writable: z.boolean(),
  /** Why edits cannot be saved now (e.g. the file has a YAML error), in words. */
  reason: z.string().nullable(),
  sources: z.array(SourceSettingsSchema),
});
export type SourceSettingsList = z.infer<typeof SourceSettingsListSchema>;

export const SaveSourceInputSchema = z
  .object({
    /** The source's name before this edit; null adds a new source. */
    previousName: z.string().min(1).max(64).nullable(),
    /** The source's fields, `type` and `name` included, as the config file takes them. */
    fields: Fields,
    /** The source as the list showed it when the form opened: refused if the file has changed it since. */
    listed: Fields.optional(),
  })
  .strict();
export type SaveSourceInput = z.output<typeof SaveSourceInputSchema>;

export const RemoveSourceInputSchema = z.object({ name: z.string().min(1).max(64) }).strict();

export const TestSourceInputSchema = z
  .object({
    fields: Fields,
    /** A token typed in the form: used for this one test, never stored. */
    token: z.string().min(1).max(10_000).optional(),
  })
  .strict();

/** One stage of a connection test, in the order a request goes through them. */
export const ConnectionStepSchema = z.object({
  step: z.enum(['config', 'dns', 'connect', 'tls', 'http', 'auth', 'shape']),
  ok: z.boolean(),
  /** What was found, in words: "resolved to 10.0.0.5", "certificate expired on 2026-01-02", "HTTP 401: token rejected". */
  detail: z.string(),
});
export type ConnectionStep = z.infer<typeof ConnectionStepSchema>;

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** The stages that ran; the first failed one is where it went wrong. */
  steps: z.array(ConnectionStepSchema),
  /** One line: "Connected: Alertmanager 0.25 answered with 3 alerts" or what failed. */
  summary: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

/** A token typed into the settings view, kept in the app's encrypted secret store under this name. */
export const SaveSecretInputSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected a secret name of letters, digits, ".", "_" or "-"'),
    value: z.string().min(1, 'expected a token').max(10_000),
    /** The source the token is for: a saved token another source uses is never replaced. */
    forSource: z.string().min(1).max(64).optional(),
  })
  .strict();
