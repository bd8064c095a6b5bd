/** The bridge token from a page address fragment such as `#token=XYZ`. */
export function readAccessToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token : null;
}

/** Where this tab keeps the token, so that a reload still connects. */
export const ACCESS_TOKEN_KEY = 'oncall.accessToken';

export interface TokenPage {
  location: { pathname: string; search: string; hash: string };
  /** Replaces the address in the address bar and the current history entry (`history.replaceState`). */
  replaceAddress(address: string): void;
  /** This tab's sessionStorage; null where the browser refuses it. */
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
}

/**
 * The token for this page. From the link browser mode printed (`#token=…`): kept in this tab's
 * sessionStorage and removed from the address, so it is not on screen (screen share, screenshot)
 * nor in the current history entry. Without one in the address (a reload), the one kept before.
 */
export function takeAccessToken(page: TokenPage): string | null {
  const fromAddress = readAccessToken(page.location.hash);
  if (!fromAddress) return readStored(page.storage);
  try {
    page.storage?.setItem(ACCESS_TOKEN_KEY, fromAddress);
  } catch {
    // Storage full or refused: the token still works until the tab is reloaded.
  }
  const rest = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  rest.delete('token');
  const remaining = rest.toString();
  const hash = remaining ? `#${remaining}` : '';
  page.replaceAddress(`${page.location.pathname}${page.location.search}${hash}`);
  return fromAddress;
}

function readStored(storage: TokenPage['storage']): string | null {
  try {
    return storage?.getItem(ACCESS_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}
