import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_KEY, takeAccessToken, type TokenPage } from '../../renderer/src/api/access-token';

/** A tab: its address, what replaceState made of it, and its sessionStorage (a Map, as the browser's per-tab store). */
function tab(address: string, stored = new Map<string, string>()) {
  const url = new URL(address);
  const addresses: string[] = [];
  const page: TokenPage = {
    location: { pathname: url.pathname, search: url.search, hash: url.hash },
    replaceAddress: (next) => void addresses.push(next),
    storage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value) },
  };
  return { page, addresses, stored };
}

describe('takeAccessToken', () => {
  it('takes the token from the printed link, keeps it for the tab and removes it from the address bar', () => {
    const { page, addresses, stored } = tab('http://127.0.0.1:4173/#token=abc-123_X');
    expect(takeAccessToken(page)).toBe('abc-123_X');
    expect(addresses).toEqual(['/']);
    expect(stored.get(ACCESS_TOKEN_KEY)).toBe('abc-123_X');
  });

  it('keeps the rest of the address: path, query and other fragment parameters', () => {
    const { page, addresses } = tab('http://127.0.0.1:4173/index.html?view=slos#a=1&token=t&b=2');
    expect(takeAccessToken(page)).toBe('t');
    expect(addresses).toEqual(['/index.html?view=slos#a=1&b=2']);
  });

  it('connects again after a reload (no token in the address any more) with the kept one', () => {
    const first = tab('http://127.0.0.1:4173/#token=kept');
    takeAccessToken(first.page);
    const reloaded = tab('http://127.0.0.1:4173/', first.stored);
    expect(takeAccessToken(reloaded.page)).toBe('kept');
    expect(reloaded.addresses).toEqual([]);
  });

  it('prefers a new link (a restarted bridge, a new token) over the kept token', () => {
    const { page, stored } = tab('http://127.0.0.1:4173/#token=new', new Map([[ACCESS_TOKEN_KEY, 'old']]));
    expect(takeAccessToken(page)).toBe('new');
    expect(stored.get(ACCESS_TOKEN_KEY)).toBe('new');
  });

  it('has none without a link or a kept token, and leaves the address alone', () => {
    const { page, addresses } = tab('http://127.0.0.1:4173/#token=');
    expect(takeAccessToken(page)).toBeNull();
    expect(addresses).toEqual([]);
  });

  it('still connects this once where the browser refuses storage', () => {
    const refusing: TokenPage['storage'] = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const linked = tab('http://127.0.0.1:4173/#token=t');
    expect(takeAccessToken({ ...linked.page, storage: refusing })).toBe('t');
    expect(linked.addresses).toEqual(['/']);
    expect(takeAccessToken({ ...tab('http://127.0.0.1:4173/').page, storage: refusing })).toBeNull();
    expect(takeAccessToken({ ...tab('http://127.0.0.1:4173/').page, storage: null })).toBeNull();
  });
});
