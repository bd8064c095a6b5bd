/** The normalised URL when `value` is an absolute http(s) URL, else null. Parsed, never substring-matched. */
export function toExternalHttpUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
