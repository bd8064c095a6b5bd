/** Only web pages open outside the app: http(s) URLs, parsed rather than pattern-matched. */
export function safeExternalUrl(text: string): URL | null {
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
