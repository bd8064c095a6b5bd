import { describe, expect, it } from 'vitest';
import { maskSecrets, restoreSecrets } from '../../electron/source-settings/secret-masking';
import { MASKED_SECRET } from '../../shared/settings';

describe('credentials in source settings', () => {
  const stored = { type: 'alertmanager', name: 'am', url: 'https://ops:s3cr%2Fet@am.example.com:9093/prefix', headers: { Authorization: 'Bearer abc', Accept: 'application/json' } };

  it('masks URL passwords and credential headers for the renderer, and nothing else', () => {
    const masked = maskSecrets(stored);
    expect(masked.url).toBe(`https://ops:${MASKED_SECRET}@am.example.com:9093/prefix`);
    expect(masked.headers).toEqual({ Authorization: MASKED_SECRET, Accept: 'application/json' });
    expect(JSON.stringify(masked)).not.toMatch(/s3cr|abc/);
    expect(maskSecrets({ url: 'https://am.example.com/a:b@c' }).url).toBe('https://am.example.com/a:b@c');
  });

  it('puts the stored password back, byte for byte, when the masked URL comes back unchanged', () => {
    expect(restoreSecrets(maskSecrets(stored), stored)).toEqual(stored);
  });

  it('never sends a saved credential to another server: a changed address needs it typed again', () => {
    const moved = { ...maskSecrets(stored), url: `https://ops:${MASKED_SECRET}@am2.example.com/` };
    expect(() => restoreSecrets(moved, stored)).toThrow('url: the address changed or has no saved credentials; type its credentials again');
    const headerOnly = { ...maskSecrets(stored), url: 'https://elsewhere.example.com/' };
    expect(() => restoreSecrets(headerOnly, stored)).toThrow('headers.Authorization: the URL changed; type the value again');
    const ftp = { ...maskSecrets(stored), url: `ftp://ops:${MASKED_SECRET}@am.example.com:9093/prefix` };
    expect(() => restoreSecrets(ftp, stored)).toThrow(/url: the address changed/);
  });

  it('masks a token given as the user part and secret-looking query values', () => {
    expect(maskSecrets({ url: 'https://glpat-abc123@gitlab.example.com/api?private_token=xyz&page=2' }).url).toBe(`https://${MASKED_SECRET}@gitlab.example.com/api?private_token=${MASKED_SECRET}&page=2`);
    const storedQuery = { url: 'https://status.example.com/feed?api_key=k3y' };
    expect(restoreSecrets(maskSecrets(storedQuery), storedQuery)).toEqual(storedQuery);
  });

  it('refuses a masked password with none stored, naming the field', () => {
    expect(() => restoreSecrets({ url: `https://ops:${MASKED_SECRET}@am.example.com/` }, undefined)).toThrow('url: the address changed or has no saved credentials; type its credentials again');
  });
});

describe('credentials never in config errors', () => {
  it('a URL that is not http(s) is named without its user part', async () => {
    const { parseConfigText } = await import('../../electron/config/load-config');
    const text = 'sources:\n  - type: alertmanager\n    name: am\n    url: htps://ops:REAL-PASSWORD-42@am.example.com/\n';
    expect(() => parseConfigText(text, 'config.yaml')).toThrow('expected an http:// or https:// URL, got "htps://***@am.example.com/"');
  });

  it('a token file of several lines (a key, a credentials file) is not a token', async () => {
    const { resolveToken } = await import('../../electron/secrets/token-reference');
    const secrets = { get: () => undefined } as never;
    expect(() => resolveToken({ env: 'KEY' }, secrets, { KEY: '-----BEGIN KEY-----\nabc\n-----END KEY-----' })).toThrow('the environment variable KEY does not hold a single token');
    expect(resolveToken({ env: 'KEY' }, secrets, { KEY: '  glsa_token_1\n' })).toBe('glsa_token_1');
  });
});
