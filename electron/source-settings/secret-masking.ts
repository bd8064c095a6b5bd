import { MASKED_SECRET } from '../../shared/settings';
import type { SourceFields } from './config-editor';

/**
 * Which values of a source's settings are credentials, and hiding them from the renderer. Every
 * HTTP header value of a check counts as one except a few that only say how to talk: a custom
 * header is more often an API key than not, and showing a masked `Accept` costs nothing.
 * Token references (`{ secret: name }`, `{ env: VAR }`, `{ file: path }`) name no secret and stay.
 */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'content-type', 'cache-control', 'pragma', 'user-agent']);

export function isCredentialHeader(name: string): boolean {
  return !PLAIN_HEADERS.has(name.toLowerCase());
}

/** `scheme://user:password@` at the start of a URL, compared as text so that an unchanged URL is written back byte for byte. */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#:@]*):([^/?#@]+)@/i;
const URL_FIELDS = ['url', 'baseUrl'] as const;

/** A copy of `fields` with every credential header value and URL password replaced by MASKED_SECRET. */
export function maskSecrets(fields: SourceFields): SourceFields {
  const masked: SourceFields = { ...fields };
  for (const key of URL_FIELDS) {
    const url = fields[key];
    if (typeof url === 'string') masked[key] = url.replace(URL_PASSWORD, `$1:${MASKED_SECRET}@`);
  }
  const headers = headersOf(fields);
  if (!headers) return masked;
  return { ...masked, headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isCredentialHeader(name) ? MASKED_SECRET : value])) };
}

/** A URL whose password is still MASKED_SECRET gets the stored URL's password back. */
function restoreUrlPasswords(fields: SourceFields, stored: SourceFields | undefined): SourceFields {
  const restored: SourceFields = { ...fields };
  for (const key of URL_FIELDS) {
    const url = fields[key];
    if (typeof url !== 'string' || URL_PASSWORD.exec(url)?.[2] !== MASKED_SECRET) continue;
    const storedUrl = stored?.[key];
    const password = typeof storedUrl === 'string' ? URL_PASSWORD.exec(storedUrl)?.[2] : undefined;
    if (password === undefined) throw new Error(`${key}: no saved password to keep; type the password`);
    restored[key] = url.replace(URL_PASSWORD, (_match, start: string) => `${start}:${password}@`);
  }
  return restored;
}

/**
 * `fields` with each MASKED_SECRET header value and URL password put back from `stored` (the same source as the
 * file holds it), so an edit that did not retype a credential keeps it. A masked value with
 * nothing stored to put back is an error naming the header.
 */
export function restoreSecrets(original: SourceFields, stored: SourceFields | undefined): SourceFields {
  const fields = restoreUrlPasswords(original, stored);
  const headers = headersOf(fields);
  if (!headers || !Object.values(headers).includes(MASKED_SECRET)) return fields;
  const storedHeaders = new Map(Object.entries(stored ? (headersOf(stored) ?? {}) : {}).map(([name, value]) => [name.toLowerCase(), value]));
  const restored = Object.entries(headers).map(([name, value]) => {
    if (value !== MASKED_SECRET) return [name, value];
    const kept = storedHeaders.get(name.toLowerCase());
    if (typeof kept !== 'string') throw new Error(`headers.${name}: no saved value to keep; type the value`);
    return [name, kept];
  });
  return { ...fields, headers: Object.fromEntries(restored) };
}

function headersOf(fields: SourceFields): Record<string, unknown> | undefined {
  const headers = fields.headers;
  return typeof headers === 'object' && headers !== null && !Array.isArray(headers) ? (headers as Record<string, unknown>) : undefined;
}
