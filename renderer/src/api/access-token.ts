/** The bridge token from a page address fragment such as `#token=XYZ`. */
export function readAccessToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token : null;
}
