/**
 * Only web pages open outside the app: absolute http(s) URLs with a host, parsed rather than
 * pattern-matched. Used by the renderer (which links it shows) and the main process (which it opens).
 */
export function safeExternalUrl(text: string | undefined): URL | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url;
}
