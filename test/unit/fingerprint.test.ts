import { describe, expect, it } from 'vitest';
import { labelsFingerprint } from '../../electron/sources/fingerprint';

describe("Alertmanager's label-set fingerprint", () => {
  it('is FNV-1a 64 over sorted names and values with 0xff separators', () => {
    // The empty set hashes to the FNV offset basis.
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
    // Order of keys does not matter.
    expect(labelsFingerprint({ b: '2', a: '1' })).toBe(labelsFingerprint({ a: '1', b: '2' }));
    expect(labelsFingerprint({ a: '1' })).not.toBe(labelsFingerprint({ a: '2' }));
    expect(labelsFingerprint({ a: '1' })).toMatch(/^[0-9a-f]{16}$/);
  });
  // Equality with a real Alertmanager's fingerprint is checked in test/integration/engine-sources.test.ts.
});
