import { describe, expect, it } from 'vitest';
import { inQuietHours, notificationRulesFor, notificationRulesText, type NotifyVerdict } from '../../electron/notifications/on-call-rules';
import type { NotificationConfig } from '../../electron/config/config-schema';
import type { Severity } from '../../shared/severity';

const config = (overrides: Partial<NotificationConfig> = {}): NotificationConfig => ({ minSeverity: 'warning', onResolve: false, summaryThreshold: 3, offCall: 'critical', rules: [], ...overrides });
const quiet22to07 = { from: '22:00', to: '07:00', timeZone: 'UTC', allow: 'critical' as const };
const NOON = Date.parse('2026-11-26T12:00:00Z');
const NIGHT = Date.parse('2026-11-26T23:30:00Z');
const alert = (severity: Severity, sources = ['am']) => ({ severity, sources });

describe('on-call-aware notification rules: thresholds', () => {
  it.each([
    ['on call: as configured', config(), 'on-call', { minSeverity: 'warning', muted: false }],
    ['on call, info and up configured', config({ minSeverity: 'info' }), 'on-call', { minSeverity: 'info', muted: false }],
    ['unknown (no on-call service, no toggle): as configured', config(), 'unknown', { minSeverity: 'warning', muted: false }],
    ['off call, default: critical only', config(), 'off-call', { minSeverity: 'critical', muted: false }],
    ['off call, critical only, already critical only', config({ minSeverity: 'critical' }), 'off-call', { minSeverity: 'critical', muted: false }],
    ['off call, everything', config({ offCall: 'all' }), 'off-call', { minSeverity: 'warning', muted: false }],
    ['off call, nothing', config({ offCall: 'none' }), 'off-call', { minSeverity: 'warning', muted: true }],
    ['off call, nothing, but an `always` rule can still notify', config({ offCall: 'none', rules: [{ severities: ['critical'], notify: 'always' }] }), 'off-call', { minSeverity: 'warning', muted: false }],
    ['on call with offCall none: still loud', config({ offCall: 'none' }), 'on-call', { minSeverity: 'warning', muted: false }],
  ] as const)('%s', (_case, notifications, state, expected) => {
    expect(notificationRulesFor(notifications, state)).toMatchObject(expected);
  });
});

type Case = [string, NotificationConfig, 'on-call' | 'off-call' | 'unknown', Severity, string[], number, NotifyVerdict];

describe('the per-alert verdict: on-call state × offCall × quiet hours × rules', () => {
  const rules: NotificationConfig['rules'] = [
    { sources: ['pd'], notify: 'always' },
    { sources: ['staging-am'], notify: 'never' },
    { severities: ['info'], notify: 'on-call' },
    { sources: ['am'], severities: ['critical'], notify: 'never' },
  ];
  const cases: Case[] = [
    ['on call, warning, daytime', config(), 'on-call', 'warning', ['am'], NOON, 'notify'],
    ['on call, info below minSeverity', config(), 'on-call', 'info', ['am'], NOON, 'below-min-severity'],
    ['unknown behaves as on call', config(), 'unknown', 'warning', ['am'], NOON, 'notify'],
    ['off call, critical-only, warning', config(), 'off-call', 'warning', ['am'], NOON, 'off-call'],
    ['off call, critical-only, critical', config(), 'off-call', 'critical', ['am'], NOON, 'notify'],
    ['off call, all, warning', config({ offCall: 'all' }), 'off-call', 'warning', ['am'], NOON, 'notify'],
    ['off call, none, critical', config({ offCall: 'none' }), 'off-call', 'critical', ['am'], NOON, 'off-call'],
    ['quiet hours, on call, warning', config({ quietHours: quiet22to07 }), 'on-call', 'warning', ['am'], NIGHT, 'quiet-hours'],
    ['quiet hours, on call, critical allowed', config({ quietHours: quiet22to07 }), 'on-call', 'critical', ['am'], NIGHT, 'notify'],
    ['quiet hours allow none, critical', config({ quietHours: { ...quiet22to07, allow: 'none' } }), 'on-call', 'critical', ['am'], NIGHT, 'quiet-hours'],
    ['outside quiet hours, warning', config({ quietHours: quiet22to07 }), 'on-call', 'warning', ['am'], NOON, 'notify'],
    ['off call and quiet: off call says first', config({ quietHours: quiet22to07 }), 'off-call', 'warning', ['am'], NIGHT, 'off-call'],
    ['rule always: off call, none, quiet, below minSeverity', config({ offCall: 'none', quietHours: { ...quiet22to07, allow: 'none' }, rules }), 'off-call', 'info', ['pd'], NIGHT, 'notify'],
    ['rule never: on call, critical', config({ rules }), 'on-call', 'critical', ['staging-am'], NOON, 'rule-never'],
    ['rule on-call by severity: on call, info (below minSeverity, the rule decides)', config({ rules }), 'on-call', 'info', ['x'], NOON, 'notify'],
    ['rule on-call: unknown counts as on call', config({ rules }), 'unknown', 'info', ['x'], NOON, 'notify'],
    ['rule on-call: off call', config({ offCall: 'all', rules }), 'off-call', 'info', ['x'], NOON, 'off-call'],
    ['rule on-call: in quiet hours', config({ quietHours: quiet22to07, rules }), 'on-call', 'info', ['x'], NIGHT, 'quiet-hours'],
    ['source AND severity must both match', config({ rules }), 'on-call', 'warning', ['am'], NOON, 'notify'],
    ['source and severity match: never', config({ rules }), 'on-call', 'critical', ['am'], NOON, 'rule-never'],
    ['first match wins (always before never)', config({ rules }), 'on-call', 'critical', ['am', 'pd'], NOON, 'notify'],
    ['first match wins: a critical always rule before the am+critical never rule', config({ rules: [{ severities: ['critical'], notify: 'always' }, ...rules] }), 'on-call', 'critical', ['am'], NIGHT, 'notify'],
    ['no rule matches: defaults apply', config({ rules }), 'off-call', 'warning', ['other'], NOON, 'off-call'],
  ];
  it.each(cases)('%s', (_case, notifications, state, severity, sources, now, expected) => {
    expect(notificationRulesFor(notifications, state).verdict(alert(severity, sources), now)).toBe(expected);
  });
});

describe('quiet hours', () => {
  it.each([
    ['before the start', '22:00', '07:00', 'UTC', '2026-11-26T21:59:00Z', false],
    ['at the start (inclusive)', '22:00', '07:00', 'UTC', '2026-11-26T22:00:00Z', true],
    ['after midnight', '22:00', '07:00', 'UTC', '2026-11-27T03:00:00Z', true],
    ['one minute before the end', '22:00', '07:00', 'UTC', '2026-11-27T06:59:00Z', true],
    ['at the end (exclusive)', '22:00', '07:00', 'UTC', '2026-11-27T07:00:00Z', false],
    ['a range within one day', '12:00', '14:00', 'UTC', '2026-11-26T13:00:00Z', true],
    ['a range within one day, outside', '12:00', '14:00', 'UTC', '2026-11-26T14:30:00Z', false],
    ['equal ends: all day', '08:00', '08:00', 'UTC', '2026-11-26T15:00:00Z', true],
    ['another time zone: 23:30 in Berlin is 22:30 UTC', '23:00', '06:00', 'Europe/Berlin', '2026-11-26T22:30:00Z', true],
    ['another time zone: 21:30 UTC is 22:30 in Berlin, not yet', '23:00', '06:00', 'Europe/Berlin', '2026-11-26T21:30:00Z', false],
    ['New York, behind UTC: 03:00 UTC is 22:00 there', '22:00', '07:00', 'America/New_York', '2026-11-27T03:00:00Z', true],
    ['DST spring forward (Berlin 2026-03-29): 01:30 UTC is 03:30 local', '22:00', '03:00', 'Europe/Berlin', '2026-03-29T01:30:00Z', false],
    ['DST spring forward: 00:30 UTC is 01:30 local', '22:00', '03:00', 'Europe/Berlin', '2026-03-29T00:30:00Z', true],
    ['DST fall back (Berlin 2026-10-25): 06:30 UTC is 07:30 local', '22:00', '07:00', 'Europe/Berlin', '2026-10-25T06:30:00Z', false],
    ['DST fall back: 05:30 UTC is 06:30 local', '22:00', '07:00', 'Europe/Berlin', '2026-10-25T05:30:00Z', true],
  ] as const)('%s', (_case, from, to, timeZone, at, expected) => {
    expect(inQuietHours({ from, to, timeZone }, Date.parse(at))).toBe(expected);
  });
});

describe('the rules in words', () => {
  it('names quiet hours only while they apply, and the off-call rule', () => {
    const notifications = config({ quietHours: quiet22to07, rules: [{ sources: ['pd'], notify: 'always' }] });
    expect(notificationRulesText(notifications, 'off-call', NIGHT)).toEqual([
      'Off call: critical only',
      'Quiet hours 22:00–07:00 (UTC): critical only',
      'Only warning and above',
      '1 per-source/severity rule applies first',
    ]);
    expect(notificationRulesText(notifications, 'on-call', NOON)).toEqual(['Only warning and above', '1 per-source/severity rule applies first']);
    expect(notificationRulesText(config({ quietHours: { ...quiet22to07, allow: 'none' }, minSeverity: 'none' }), 'unknown', NIGHT)).toEqual(['Quiet hours 22:00–07:00 (UTC): nothing notifies']);
  });
});
