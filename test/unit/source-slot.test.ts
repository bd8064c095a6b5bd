import { describe, expect, it } from 'vitest';
import { SourceConfigSchema, type HttpCheckConfig } from '../../electron/config/config-schema';
import { endpointOf, isEndpointOf } from '../../electron/engine/source-slot';

describe('a source\'s endpoint, as the state cache keeps it', () => {
  const check = SourceConfigSchema.parse({ type: 'http', name: 'api', url: 'https://ops:url-pass@api.example.com/health', headers: { Authorization: 'Bearer header-secret' } }) as HttpCheckConfig;

  it('holds no credential of the config it stands for, and tells servers apart', () => {
    expect(endpointOf(check)).toMatch(/^[0-9a-f]{64}$/);
    expect(endpointOf(check)).toBe(endpointOf({ ...check, interval: 5_000, notify: false }));
    expect(endpointOf(check)).not.toBe(endpointOf({ ...check, url: 'https://api.example.com/other' }));
    expect(isEndpointOf(endpointOf(check), check)).toBe(true);
  });

  it('still recognises entries of caches written before the hash (the config text itself)', () => {
    const am = SourceConfigSchema.parse({ type: 'alertmanager', name: 'am', url: 'http://127.0.0.1:1' });
    const { interval: _interval, timeout: _timeout, notify: _notify, ...legacy } = am;
    expect(isEndpointOf(JSON.stringify(legacy), am)).toBe(true);
    expect(isEndpointOf(JSON.stringify({ ...legacy, url: 'http://127.0.0.1:2' }), am)).toBe(false);
  });
});
