import { describe, expect, it } from 'vitest';
import { AlertmanagerAlertReader } from '../../electron/sources/alertmanager-alerts';
import type { SourceSilence } from '../../electron/sources/alertmanager-silences';

const URL_ = new URL('http://127.0.0.1:9093/api/v2/alerts');

function element(fingerprint: string, overrides: Record<string, unknown> = {}) {
  return {
    fingerprint,
    labels: { alertname: 'DiskFull', instance: `host-${fingerprint}`, severity: 'critical' },
    annotations: { summary: 'disk is full' },
    startsAt: '2026-11-26T10:00:00.000Z',
    endsAt: '2026-11-26T11:00:00.000Z',
    updatedAt: '2026-11-26T10:00:30.000Z',
    generatorURL: 'http://prometheus/graph',
    receivers: [{ name: 'team' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    ...overrides,
  };
}

const noSilences = new Map<string, SourceSilence>();

describe('AlertmanagerAlertReader', () => {
  // When this reading changes, change READ_FORMAT too: alerts cached by the old reading must not be resumed.
  it('reads an element into the alert the app shows (canonical time, severity, state)', () => {
    const [alert] = new AlertmanagerAlertReader().read(URL_, [element('a', { startsAt: '2026-11-26T10:00:00.123456789+01:00', status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: null } })], noSilences);
    expect(alert).toEqual({
      fingerprint: 'a',
      name: 'DiskFull',
      labels: { alertname: 'DiskFull', instance: 'host-a', severity: 'critical' },
      annotations: { summary: 'disk is full' },
      severity: 'critical',
      state: 'suppressed',
      startsAt: '2026-11-26T09:00:00.123Z',
      silencedBy: ['s1'],
      inhibitedBy: [],
      silences: [],
      generatorURL: 'http://prometheus/graph',
    });
  });

  it('gives back the very same object for an alert that did not change, even when fields the app does not read moved on', () => {
    const reader = new AlertmanagerAlertReader();
    const first = reader.read(URL_, [element('a'), element('b')], noSilences);
    const second = reader.read(URL_, [element('a', { updatedAt: '2026-11-26T10:01:30.000Z', endsAt: '2026-11-26T11:01:00.000Z' }), element('b')], noSilences);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it.each([
    ['a label', { labels: { alertname: 'DiskFull', instance: 'host-a', severity: 'warning' } }, (alert: { severity: string }) => expect(alert.severity).toBe('warning')],
    ['a new label', { labels: { alertname: 'DiskFull', instance: 'host-a', severity: 'critical', team: 'db' } }, (alert: { labels: object }) => expect(alert.labels).toHaveProperty('team', 'db')],
    ['an annotation', { annotations: { summary: 'disk is full again' } }, (alert: { annotations: object }) => expect(alert.annotations).toEqual({ summary: 'disk is full again' })],
    ['annotations gone', { annotations: undefined }, (alert: { annotations: object }) => expect(alert.annotations).toEqual({})],
    ['the start', { startsAt: '2026-11-26T10:05:00.000Z' }, (alert: { startsAt: string }) => expect(alert.startsAt).toBe('2026-11-26T10:05:00.000Z')],
    ['the state', { status: { state: 'suppressed', silencedBy: [], inhibitedBy: ['i1'] } }, (alert: { state: string }) => expect(alert.state).toBe('suppressed')],
    ['the silences', { status: { state: 'suppressed', silencedBy: ['s9'], inhibitedBy: [] } }, (alert: { silencedBy: string[] }) => expect(alert.silencedBy).toEqual(['s9'])],
    ['the generator URL', { generatorURL: '' }, (alert: { generatorURL?: string }) => expect(alert.generatorURL).toBeUndefined()],
  ])('reads an alert again when %s changed', (_what, change, check) => {
    const reader = new AlertmanagerAlertReader();
    const [before] = reader.read(URL_, [element('a')], noSilences);
    const [after] = reader.read(URL_, [element('a', change)], noSilences);
    expect(after).not.toBe(before);
    check(after as never);
  });

  it('rebuilds the alerts when the details of their silences changed', () => {
    const silence = (comment: string): SourceSilence => ({ id: 's1', state: 'active', createdBy: 'ana', comment, startsAt: '2026-11-26T10:00:00.000Z', endsAt: '2026-11-26T12:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', matchers: [] });
    const reader = new AlertmanagerAlertReader();
    const muted = element('a', { status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] } });
    const [before] = reader.read(URL_, [muted], new Map([['s1', silence('deploying')]]));
    const [after] = reader.read(URL_, [muted], new Map([['s1', silence('deploying, back at 12')]]));
    expect(before!.silences).toEqual([{ id: 's1', createdBy: 'ana', comment: 'deploying', endsAt: '2026-11-26T12:00:00.000Z' }]);
    expect(after!.silences).toEqual([{ id: 's1', createdBy: 'ana', comment: 'deploying, back at 12', endsAt: '2026-11-26T12:00:00.000Z' }]);
  });

  it('still refuses an element that went bad after it was read once, naming its index and field', () => {
    const reader = new AlertmanagerAlertReader();
    reader.read(URL_, [element('a'), element('b')], noSilences);
    expect(() => reader.read(URL_, [element('a'), element('b', { labels: { alertname: 7 } })], noSilences)).toThrow(/^unexpected response from \/api\/v2\/alerts: 1\.labels: expected a string value for label "alertname", got 7/);
    expect(() => reader.read(URL_, [element('a', { status: { state: 'sleeping' } })], noSilences)).toThrow(/0\.status\.state/);
    expect(() => reader.read(URL_, [element('a', { startsAt: 'yesterday' })], noSilences)).toThrow(/0\.startsAt: expected an RFC 3339 time, got "yesterday"/);
    expect(() => reader.read(URL_, [null], noSilences)).toThrow(/0: Invalid input: expected object/);
    expect(() => reader.read(URL_, { data: [] }, noSilences)).toThrow(/\(root\): Invalid input: expected array/);
  });

  it('forgets alerts that are gone, so one that comes back is read afresh', () => {
    const reader = new AlertmanagerAlertReader();
    const [first] = reader.read(URL_, [element('a')], noSilences);
    reader.read(URL_, [], noSilences);
    const [again] = reader.read(URL_, [element('a')], noSilences);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('reads the same bytes again as the very same alerts, rebuilt only where the details of their silences changed', () => {
    const silence = (comment: string): SourceSilence => ({ id: 's1', state: 'active', createdBy: 'ana', comment, startsAt: '2026-11-26T10:00:00.000Z', endsAt: '2026-11-26T12:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', matchers: [] });
    const reader = new AlertmanagerAlertReader();
    const muted = element('a', { status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] } });
    const first = reader.read(URL_, [muted, element('b')], new Map([['s1', silence('deploying')]]));
    expect(reader.readAgain(new Map([['s1', silence('deploying')]]))).toBe(first);

    const again = reader.readAgain(new Map([['s1', silence('deploying, back at 12')]]));
    expect(again[0]!.silences).toEqual([{ id: 's1', createdBy: 'ana', comment: 'deploying, back at 12', endsAt: '2026-11-26T12:00:00.000Z' }]);
    expect(again[1]).toBe(first[1]);
    // What was read again is what the next poll compares with.
    const next = reader.read(URL_, [muted, element('b')], new Map([['s1', silence('deploying, back at 12')]]));
    expect(next[0]).toBe(again[0]);
    expect(reader.readAgain(new Map())[0]!.silences).toEqual([]);
  });
});
