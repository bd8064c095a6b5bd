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

  it('puts the stored password back, byte for byte, when the masked URL comes back', () => {
    expect(restoreSecrets(maskSecrets(stored), stored)).toEqual(stored);
    const moved = { ...maskSecrets(stored), url: `https://ops:${MASKED_SECRET}@am2.example.com/` };
    expect(restoreSecrets(moved, stored).url).toBe('https://ops:s3cr%2Fet@am2.example.com/');
  });

  it('refuses a masked password with none stored, naming the field', () => {
    expect(() => restoreSecrets({ url: `https://ops:${MASKED_SECRET}@am.example.com/` }, undefined)).toThrow('url: no saved password to keep; type the password');
  });
});
