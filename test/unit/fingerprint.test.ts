import { describe, expect, it } from 'vitest';
import { labelsFingerprint } from '../../electron/sources/fingerprint';

/** The textbook FNV-1a 64 in BigInt, as a reference for the two-halves version. */
function referenceFingerprint(labels: Record<string, string>): string {
  let hash = 0xcbf29ce484222325n;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of new TextEncoder().encode(name)) add(byte);
    add(0xff);
    for (const byte of new TextEncoder().encode(labels[name]!)) add(byte);
    add(0xff);
  }
  return hash.toString(16).padStart(16, '0');
}

describe("Alertmanager's label-set fingerprint", () => {
  it('matches a real Alertmanager 0.25 for a known label set', () => {
    // Recorded from POST /api/v2/alerts + GET /api/v2/alerts (see test/integration/servers.test.ts).
    expect(labelsFingerprint({ alertname: 'X', severity: 'critical' })).toBe('d5e08c84ef09a8b8');
    expect(labelsFingerprint({ severity: 'warning', alertname: 'AlwaysFiring' })).toBe('15a37193dce72bab');
  });

  it('is FNV-1a 64 over sorted names and values with 0xff separators', () => {
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
    const samples: Array<Record<string, string>> = [
      { a: '1' },
      { b: '2', a: '1' },
      { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', instance: 'web-1:9090' },
      { alertname: 'Ünïcødé', emoji: '🔥🔥', empty: '' },
      { long: 'x'.repeat(5000) },
    ];
    for (const labels of samples) expect(labelsFingerprint(labels)).toBe(referenceFingerprint(labels));
    expect(labelsFingerprint({ a: '1' })).not.toBe(labelsFingerprint({ a: '2' }));
  });
  // Equality with the fingerprints a real Alertmanager reports is also checked in test/integration/engine-sources.test.ts.
});
