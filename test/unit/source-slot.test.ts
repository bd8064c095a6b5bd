import { describe, expect, it } from 'vitest';
import { SourceConfigSchema, type HttpCheckConfig } from '../../electron/config/config-schema';
import { endpointOf, isEndpointOf, reportsOf, type SourceSlot } from '../../electron/engine/source-slot';
import type { SourceAlert } from '../../electron/sources/source';

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

describe('a source\'s reports, poll after poll', () => {
  const config = SourceConfigSchema.parse({ type: 'alertmanager', name: 'am', url: 'http://127.0.0.1:1' });
  const alert = (fingerprint: string): SourceAlert => ({ fingerprint, name: 'DiskFull', labels: {}, annotations: {}, severity: 'warning', state: 'firing', startsAt: '2026-11-26T10:00:00.000Z', silencedBy: [], inhibitedBy: [] });
  const slotWith = (alerts: SourceAlert[], stale = false): SourceSlot => {
    const slot = { config, alerts: new Map() } as unknown as SourceSlot;
    slot.alerts = reportsOf(slot, alerts, stale);
    return slot;
  };

  it('gives back the slot\'s own map when every alert is the same object, so there is nothing to merge', () => {
    const alerts = [alert('a'), alert('b')];
    const slot = slotWith(alerts);
    expect(reportsOf(slot, [...alerts], false)).toBe(slot.alerts);
  });

  it('keeps unchanged reports and makes new ones for what changed, came, went or turned stale', () => {
    const [a, b] = [alert('a'), alert('b')];
    const slot = slotWith([a, b]);
    const changed = reportsOf(slot, [a, alert('b')], false);
    expect(changed).not.toBe(slot.alerts);
    expect(changed.get('a')).toBe(slot.alerts.get('a'));
    expect(changed.get('b')).not.toBe(slot.alerts.get('b'));
    expect(reportsOf(slot, [a], false)).not.toBe(slot.alerts);
    expect(reportsOf(slot, [a, b, alert('c')], false).size).toBe(3);
    const stale = reportsOf(slot, [a, b], true);
    expect([...stale.values()].every((report) => report.stale)).toBe(true);
    expect(reportsOf(slot, [a, a], false).size).toBe(1);
  });
});
