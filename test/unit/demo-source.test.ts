import { describe, expect, it } from 'vitest';
import { DemoSource } from '../../electron/sources/demo-source';

describe('demo source', () => {
  it('is deterministic in time and its alerts fire and resolve over an hour', async () => {
    const start = Date.parse('2026-11-26T03:00:00Z');
    const at = async (minute: number) => (await new DemoSource('demo', () => start + minute * 60_000).fetchAlerts()).alerts;
    expect(await at(7)).toEqual(await at(7));
    const seen = new Map<string, Set<string>>();
    for (let minute = 0; minute < 60; minute++) {
      for (const alert of await at(minute)) {
        expect(alert.labels.source).toBe('demo');
        expect(Date.parse(alert.startsAt)).toBeLessThanOrEqual(start + minute * 60_000);
        const states = seen.get(alert.name) ?? new Set();
        states.add(alert.state);
        seen.set(alert.name, states);
      }
    }
    expect([...seen.keys()].sort()).toEqual([
      'CertificateExpiringSoon', 'DiskWillFillIn4Hours', 'HighErrorRate', 'KafkaConsumerLag', 'KubePodCrashLooping', 'LatencySLOBurn', 'UpstreamDependencyDown',
    ]);
    expect(seen.get('HighErrorRate')).toEqual(new Set(['pending', 'firing']));
    const counts = await Promise.all(Array.from({ length: 60 }, (_, minute) => at(minute).then((alerts) => alerts.length)));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(4);
  });
});
