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

/** A copy of `fields` with every credential header value replaced by MASKED_SECRET. */
export function maskSecrets(fields: SourceFields): SourceFields {
  const headers = headersOf(fields);
  if (!headers) return fields;
  return { ...fields, headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isCredentialHeader(name) ? MASKED_SECRET : value])) };
}

/**
 * `fields` with each MASKED_SECRET header value put back from `stored` (the same source as the
 * file holds it), so an edit that did not retype a credential keeps it. A masked value with
 * nothing stored to put back is an error naming the header.
 */
export function restoreSecrets(fields: SourceFields, stored: SourceFields | undefined): SourceFields {
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
