/**
 * Keeps a check's secrets (header values, the URL's password, secret-looking query values) out
 * of everything it writes into alerts and errors, including body snippets that echo them.
 */

/** Headers whose values say how to talk, not who you are. */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'content-type', 'cache-control', 'pragma', 'user-agent', 'host']);
const SECRET_QUERY_NAME = /token|key|secret|pass|auth|sig|session|credential/i;
const MASK = '***';
/** Shorter fragments would blank ordinary words in body snippets. */
const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  /** The URL for people: no user or password, secret-looking query values masked. */
  readonly displayUrl: string;
  /** `text` with every known secret masked. */
  redact(text: string): string;
}

export function redactorFor(url: URL, headers: Record<string, string>): Redactor {
  const secrets = new Set<string>();
  const addSecret = (value: string) => {
    if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
  };
  for (const [name, value] of Object.entries(headers)) {
    if (PLAIN_HEADERS.has(name.toLowerCase())) continue;
    addSecret(value);
    // "Bearer abc…": a server may echo the token alone.
    for (const part of value.split(/\s+/)) addSecret(part);
  }
  for (const part of [url.username, url.password]) {
    addSecret(part);
    addSecret(safeDecode(part));
  }
  const display = new URL(url.href);
  display.username = '';
  display.password = '';
  for (const [name, value] of url.searchParams) {
    if (!SECRET_QUERY_NAME.test(name)) continue;
    addSecret(value);
    addSecret(encodeURIComponent(value));
    display.searchParams.set(name, MASK);
  }
  // Longest first, so a token inside a longer value is not half-masked.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  return {
    displayUrl: display.href,
    redact: (text) => ordered.reduce((result, secret) => result.split(secret).join(MASK), text),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
