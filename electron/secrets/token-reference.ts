import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { SecretStore } from './secret-store';

/**
 * How the config names an API token without holding it in clear: a secret saved in the app
 * (`secret: pagerduty`), an environment variable (`env: PD_TOKEN`) or a file (`file: ~/.config/pd-token`).
 */
export const TokenReferenceSchema = z.union(
  [
    z.strictObject({ secret: z.string().min(1).max(100) }),
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name') }),
    z.strictObject({ file: z.string().min(1).max(4096) }),
  ],
  { error: () => 'expected a token reference: { secret: NAME }, { env: VARIABLE } or { file: PATH } (never the token itself)' },
);
export type TokenReference = z.output<typeof TokenReferenceSchema>;

/** In words, for errors and the UI: where the token comes from, never the token. */
export function describeTokenReference(reference: TokenReference): string {
  if ('secret' in reference) return `the saved secret "${reference.secret}"`;
  if ('env' in reference) return `the environment variable ${reference.env}`;
  return `the file ${reference.file}`;
}

/** The token, or an error that says where it was looked for (and never what it is). */
export function resolveToken(reference: TokenReference, secrets: SecretStore, env: NodeJS.ProcessEnv = process.env): string {
  const where = describeTokenReference(reference);
  let value: string | undefined;
  if ('secret' in reference) value = secrets.get(reference.secret);
  else if ('env' in reference) value = env[reference.env];
  else {
    const file = reference.file.startsWith('~') ? path.join(os.homedir(), reference.file.slice(1)) : reference.file;
    try {
      value = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the token from ${where}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, { cause: error });
    }
  }
  const token = value?.trim();
  if (!token) throw new Error(`no token in ${where}`);
  // A token is one word: a file of several lines (a key pair, a credentials file) is not sent anywhere.
  if (/\s/.test(token) || token.length > 8192) throw new Error(`${where} does not hold a single token (expected one line without spaces, at most 8192 characters)`);
  return token;
}
