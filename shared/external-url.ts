/*
 * Which URLs may leave the app for the system browser. Shared: the renderer shows as links only
 * what the main process (electron/security, the web bridge's openExternal) would open.
 */

/** Longer than any link a runbook or alert needs; longer ones are refused rather than cut. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to hand to the system browser for `text`, or null. Only absolute http(s) URLs with a
 * host, parsed and re-serialised (so an IDN host goes out in its punycode form and the browser
 * opens exactly what was checked). Refused: other schemes (javascript:, file:, data:, custom
 * ones), user names or passwords in the URL (`https://bank.example@evil.example/`), control
 * characters or whitespace anywhere in the text (the URL parser would silently drop them), and
 * over-long URLs.
 */
export function externalUrlToOpen(text: unknown): string | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username !== '' || url.password !== '') return null;
  if (!hostAsWritten(text, url)) return null;
  if (url.href.length > MAX_EXTERNAL_URL_LENGTH) return null;
  return url.href;
}

/**
 * The host must read in the text as it will be opened: the parser would otherwise turn
 * `http:///x`, `https:\\evil`, `http://127.1` or `example.com。evil.example` into a different host
 * than the reader saw. International names pass (they are opened in punycode), dot look-alikes do not.
 */
function hostAsWritten(text: string, url: URL): boolean {
  const written = /^https?:\/\/([^/?#]*)/i.exec(text)?.[1]?.toLowerCase();
  if (!written) return false;
  // eslint-disable-next-line no-control-regex -- any character outside ASCII marks an international name
  if (/[^\u0000-\u007f]/.test(written)) return !/[\u3002\uff0e\uff61]/.test(written);
  const defaultPort = url.protocol === 'https:' ? ':443' : ':80';
  return written === url.host || written === `${url.host}${defaultPort}`;
}

/** `externalUrlToOpen` as a URL, for the renderer's links and the main process's check. */
export function safeExternalUrl(text: string | undefined): URL | null {
  const href = externalUrlToOpen(text);
  return href === null ? null : new URL(href);
}
