import { MASKED_SECRET } from '../../shared/settings';
import type { SourceFields } from './config-editor';

/**
 * Which values of a source's settings are credentials, and hiding them from the renderer. Every
 * HTTP header value of a check counts as one except a few that only say how to talk: a custom
 * header is more often an API key than not, and showing a masked `Accept` costs nothing. In URLs,
 * the user part (`user:password@`, or a token as user) and secret-looking query values count.
 * Token references (`{ secret: name }`, `{ env: VAR }`, `{ file: path }`) name no secret and stay.
 *
 * A masked value comes back as the stored one only while the source's address is unchanged: a
 * credential saved for one server is never sent to another because a form kept its mask.
 */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'content-type', 'cache-control', 'pragma', 'user-agent']);
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]+)@/i;
const SECRET_QUERY_KEY = /token|key|secret|pass|auth|sig|session|credential/i;
const URL_FIELDS = ['url', 'baseUrl'] as const;

export function isCredentialHeader(name: string): boolean {
  return !PLAIN_HEADERS.has(name.toLowerCase());
}

/** A URL as the renderer may see it: credentials in its user part and query replaced by MASKED_SECRET, compared as text. */
export function maskUrl(url: string): string {
  const withoutUser = url.replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon === -1 ? `${scheme}${MASKED_SECRET}@` : `${scheme}${userinfo.slice(0, colon)}:${MASKED_SECRET}@`;
  });
  return withoutUser.replace(/([?&])([^=&#]+)=([^&#]*)/g, (match, separator: string, key: string) => (SECRET_QUERY_KEY.test(key) ? `${separator}${key}=${MASKED_SECRET}` : match));
}

/** A copy of `fields` with every credential header value and URL credential replaced by MASKED_SECRET. */
export function maskSecrets(fields: SourceFields): SourceFields {
  const masked: SourceFields = { ...fields };
  for (const key of URL_FIELDS) {
    const url = fields[key];
    if (typeof url === 'string') masked[key] = maskUrl(url);
  }
  const headers = headersOf(fields);
  if (!headers) return masked;
  return { ...masked, headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isCredentialHeader(name) ? MASKED_SECRET : value])) };
}

/** Whether the fields still point where the stored source does (its URLs, compared as the renderer saw them). */
export function sameAddress(fields: SourceFields, stored: SourceFields | undefined): boolean {
  if (!stored) return false;
  const masked = maskSecrets(stored);
  return URL_FIELDS.every((key) => fields[key] === masked[key] || fields[key] === stored[key]);
}

/**
 * `fields` with each masked URL and header value put back from `stored` (the same source as the
 * file holds it), so an edit that did not retype a credential keeps it. A masked value with
 * nothing stored, or whose source now points elsewhere, is an error naming the field.
 */
export function restoreSecrets(fields: SourceFields, stored: SourceFields | undefined): SourceFields {
  const restored: SourceFields = { ...fields };
  const sameServer = sameAddress(fields, stored);
  for (const key of URL_FIELDS) {
    const url = fields[key];
    if (typeof url !== 'string' || !url.includes(MASKED_SECRET)) continue;
    const storedUrl = stored?.[key];
    if (typeof storedUrl !== 'string' || maskUrl(storedUrl) !== url) throw new Error(`${key}: the address changed or has no saved credentials; type its credentials again`);
    restored[key] = storedUrl;
  }
  const headers = headersOf(fields);
  if (!headers || !Object.values(headers).includes(MASKED_SECRET)) return restored;
  const storedHeaders = new Map(Object.entries(stored ? (headersOf(stored) ?? {}) : {}).map(([name, value]) => [name.toLowerCase(), value]));
  const headerValues = Object.entries(headers).map(([name, value]) => {
    if (value !== MASKED_SECRET) return [name, value];
    const kept = storedHeaders.get(name.toLowerCase());
    if (typeof kept !== 'string') throw new Error(`headers.${name}: no saved value to keep; type the value`);
    if (!sameServer) throw new Error(`headers.${name}: the URL changed; type the value again (a saved credential only goes to the server it was saved for)`);
    return [name, kept];
  });
  return { ...restored, headers: Object.fromEntries(headerValues) };
}

function headersOf(fields: SourceFields): Record<string, unknown> | undefined {
  const headers = fields.headers;
  return typeof headers === 'object' && headers !== null && !Array.isArray(headers) ? (headers as Record<string, unknown>) : undefined;
}
