import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/model';
import { episodeKey, planNotifications, type AlertChange, type PolicySettings } from '../../electron/notifications/notification-policy';
import { notificationRulesFor } from '../../electron/notifications/on-call-rules';
import { makeAlert } from '../helpers/alerts';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const settings: PolicySettings = { minSeverity: 'warning', onResolve: false, summaryThreshold: 3, pausedUntil: null };
const started = (alert: Alert): AlertChange => ({ before: undefined, after: alert });
const plan = (changes: AlertChange[], overrides: Partial<PolicySettings> = {}, extra: { baseline?: boolean; announced?: Set<string>; held?: Set<string> } = {}) =>
  planNotifications({
    changes,
    baseline: extra.baseline ?? false,
    settings: { ...settings, ...overrides },
    now: NOW,
    announced: extra.announced ?? new Set(),
    held: extra.held ?? new Set(),
  });

const many = (count: number) =>
  Array.from({ length: count }, (_, index) => makeAlert({ fingerprint: `fp${index}`, name: `Alert${index % 4}`, severity: index % 2 ? 'warning' : 'critical' }));

describe('notification policy', () => {
  it('announces one alert that starts firing', () => {
    const alert = makeAlert();
    expect(plan([started(alert)])).toEqual({ notifications: [{ kind: 'firing', alert }], announce: [episodeKey(alert)] });
  });

  it('announces an episode only once', () => {
    const alert = makeAlert();
    expect(plan([started(alert)], {}, { announced: new Set([episodeKey(alert)]) }).notifications).toEqual([]);
  });

  it('says nothing when an announced alert changes (steady state)', () => {
    const before = makeAlert();
    const after = { ...before, annotations: { summary: 'new text' } };
    expect(plan([{ before, after }], {}, { announced: new Set([episodeKey(before)]) }).notifications).toEqual([]);
  });

  it('waits while an alert is held for confirmation by Alertmanager', () => {
    const alert = makeAlert({ sources: ['prom'] });
    expect(plan([started(alert)], {}, { held: new Set([alert.fingerprint]) })).toEqual({ notifications: [], announce: [] });
  });

  it('announces pending → firing and silenced → firing, but not pending, silenced or stale alerts', () => {
    const pending = makeAlert({ state: 'pending' });
    const firing = makeAlert();
    expect(plan([started(pending)]).notifications).toEqual([]);
    expect(plan([started(makeAlert({ state: 'suppressed' }))]).notifications).toEqual([]);
    expect(plan([started(makeAlert({ stale: true }))]).notifications).toEqual([]);
    expect(plan([{ before: pending, after: firing }]).notifications).toHaveLength(1);
    expect(plan([{ before: makeAlert({ state: 'suppressed' }), after: firing }]).notifications).toHaveLength(1);
  });

  it('does not announce an acknowledged alert again, e.g. when its ack silence ends while it still fires', () => {
    const acknowledgement = { by: 'dev', at: '2026-11-26T11:50:00Z', comment: 'on it', delivery: 'sent' as const, silenceId: 's1', expiresAt: '2026-11-26T12:00:00Z' };
    const silenced = makeAlert({ state: 'suppressed', acknowledgement });
    const firingAgain = makeAlert({ acknowledgement });
    expect(plan([{ before: silenced, after: firingAgain }])).toEqual({ notifications: [], announce: [] });
    expect(plan([{ before: silenced, after: makeAlert() }]).notifications).toHaveLength(1);
  });

  it('honours the minimum severity', () => {
    const info = makeAlert({ severity: 'info' });
    const warning = makeAlert({ severity: 'warning', fingerprint: 'w' });
    expect(plan([started(info), started(warning)]).notifications).toEqual([{ kind: 'firing', alert: warning }]);
    expect(plan([started(warning)], { minSeverity: 'critical' }).notifications).toEqual([]);
    expect(plan([started(info)], { minSeverity: 'none' }).notifications).toHaveLength(1);
  });

  it('individual notifications up to the threshold, one summary above it', () => {
    expect(plan(many(3).map(started)).notifications.map((n) => n.kind)).toEqual(['firing', 'firing', 'firing']);
    const fifty = plan(many(50).map(started));
    expect(fifty.notifications).toHaveLength(1);
    expect(fifty.notifications[0]).toMatchObject({ kind: 'summary' });
    expect(fifty.announce).toHaveLength(50);
  });

  it('a first poll gives one "already firing" summary instead of a storm', () => {
    const result = plan(many(2).map(started), {}, { baseline: true });
    expect(result.notifications.map((n) => n.kind)).toEqual(['already-firing']);
  });

  it('stays quiet while paused but remembers what it saw', () => {
    const alert = makeAlert();
    const paused = plan([started(alert)], { pausedUntil: new Date(NOW + 60_000).toISOString() });
    expect(paused).toEqual({ notifications: [], announce: [episodeKey(alert)] });
    expect(plan([started(alert)], { pausedUntil: new Date(NOW - 1).toISOString() }).notifications).toHaveLength(1);
  });

  it('announces resolution only when asked to, and not for stale or pending alerts', () => {
    const firing = makeAlert();
    const resolved: AlertChange = { before: firing, after: undefined };
    expect(plan([resolved]).notifications).toEqual([]);
    expect(plan([resolved], { onResolve: true }).notifications).toEqual([{ kind: 'resolved', alert: firing }]);
    expect(plan([{ before: makeAlert({ stale: true }), after: undefined }], { onResolve: true }).notifications).toEqual([]);
    expect(plan([{ before: makeAlert({ state: 'pending' }), after: undefined }], { onResolve: true }).notifications).toEqual([]);
    const burst = many(10).map((alert) => ({ before: alert, after: undefined }));
    expect(plan(burst, { onResolve: true }).notifications.map((n) => n.kind)).toEqual(['resolved-summary']);
  });
});

describe('notification policy with the on-call rules', () => {
  const config = { minSeverity: 'warning' as const, onResolve: true, summaryThreshold: 3, offCall: 'critical' as const, rules: [], quietHours: { from: '22:00', to: '07:00', timeZone: 'UTC', allow: 'critical' as const } };
  const NIGHT = Date.parse('2026-11-26T23:00:00Z');
  const withRules = (state: 'on-call' | 'off-call' | 'unknown') => ({ ...config, ...notificationRulesFor(config, state), pausedUntil: null });

  it('off call: a warning is seen (announced) but not notified; a critical notifies', () => {
    const warning = makeAlert({ fingerprint: 'w', severity: 'warning' });
    const critical = makeAlert({ fingerprint: 'c', severity: 'critical' });
    expect(plan([started(warning), started(critical)], withRules('off-call'))).toEqual({
      notifications: [{ kind: 'firing', alert: critical }],
      announce: [episodeKey(warning), episodeKey(critical)],
    });
  });

  it('below the minimum severity: neither notified nor counted as seen (lowering it later can announce it)', () => {
    const info = makeAlert({ severity: 'info' });
    expect(plan([started(info)], withRules('on-call'))).toEqual({ notifications: [], announce: [] });
  });

  it('quiet hours hold back a warning and its resolve, not a critical', () => {
    const warning = makeAlert({ fingerprint: 'w', severity: 'warning' });
    const critical = makeAlert({ fingerprint: 'c', severity: 'critical' });
    const decision = planNotifications({
      changes: [started(warning), { before: critical, after: undefined }, { before: makeAlert({ fingerprint: 'w2', severity: 'warning' }), after: undefined }],
      baseline: false,
      settings: withRules('on-call'),
      now: NIGHT,
      announced: new Set(),
    });
    expect(decision).toEqual({ notifications: [{ kind: 'resolved', alert: critical }], announce: [episodeKey(warning)] });
  });

  it('a manual pause still wins over an `always` rule', () => {
    const rules = { ...config, rules: [{ notify: 'always' as const }] };
    const alert = makeAlert();
    const settingsNow = { ...rules, ...notificationRulesFor(rules, 'off-call'), pausedUntil: '2026-11-26T13:00:00Z' };
    expect(plan([started(alert)], settingsNow)).toEqual({ notifications: [], announce: [episodeKey(alert)] });
    expect(plan([started(alert)], { ...settingsNow, pausedUntil: null }).notifications).toEqual([{ kind: 'firing', alert }]);
  });
});
