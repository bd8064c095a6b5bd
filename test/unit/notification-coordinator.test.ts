import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotificationCoordinator, type NotifyingSource } from '../../electron/notifications/notification-coordinator';
import type { NotificationText } from '../../electron/notifications/notification-text';
import type { Alert } from '../../shared/model';
import { makeAlert } from '../helpers/alerts';

function setup(sources: Record<string, NotifyingSource>) {
  let now = Date.parse('2026-11-26T03:00:00Z');
  const shown: NotificationText[] = [];
  const clicks: Array<() => void> = [];
  const opened: string[] = [];
  const alerts = new Map<string, Alert>();
  const coordinator = new NotificationCoordinator({
    notifier: {
      show: (text, onClick) => {
        shown.push(text);
        clicks.push(onClick);
      },
    },
    settings: () => ({ minSeverity: 'warning', onResolve: false, summaryThreshold: 3, pausedUntil: null }),
    source: (name) => sources[name],
    sources: () => Object.values(sources),
    alert: (fingerprint) => alerts.get(fingerprint),
    openAlert: (fingerprint) => void opened.push(fingerprint),
    openDashboard: () => void opened.push('(dashboard)'),
    now: () => now,
  });
  return { coordinator, shown, clicks, opened, alerts, advance: (ms: number) => (now += ms) };
}

const am: NotifyingSource = { type: 'alertmanager', notify: true, intervalMs: 15_000, down: false };
const prom: NotifyingSource = { type: 'prometheus', notify: true, intervalMs: 15_000, down: false };
const demo: NotifyingSource = { type: 'demo', notify: false, intervalMs: 5_000, down: false };

describe('notification coordinator', () => {
  afterEach(() => void vi.useRealTimers());

  it('announces a Prometheus alert on its own word when Alertmanager never reports it', () => {
    vi.useFakeTimers();
    const { coordinator, shown, alerts, advance } = setup({ am, prom });
    const fromPrometheus = makeAlert({ sources: ['prom'] });
    alerts.set(fromPrometheus.fingerprint, fromPrometheus);
    coordinator.handle([{ before: undefined, after: fromPrometheus }], false);
    advance(30_000);
    vi.advanceTimersByTime(30_000);
    expect(shown).toEqual([]);
    // Grace: two polls of the slowest Alertmanager (2 × 15 s) plus 5 s.
    advance(6_000);
    vi.advanceTimersByTime(6_000);
    expect(shown.map((text) => text.fingerprint)).toEqual([fromPrometheus.fingerprint]);
    coordinator.stop();
  });

  it('does not re-announce alerts that come back after an Alertmanager restart', () => {
    const { coordinator, shown } = setup({ am });
    const alert = makeAlert({ sources: ['am'] });
    coordinator.handle([{ before: undefined, after: alert }], false);
    coordinator.handle([{ before: alert, after: undefined }], false);
    coordinator.handle([{ before: undefined, after: alert }], false);
    expect(shown).toHaveLength(1);
  });

  it('announces again when a silenced alert is still firing after its silence ends', () => {
    const { coordinator, shown } = setup({ am });
    const alert = makeAlert({ sources: ['am'] });
    coordinator.handle([{ before: undefined, after: alert }], false);
    coordinator.handle([{ before: alert, after: { ...alert, state: 'suppressed' } }], false);
    coordinator.handle([{ before: { ...alert, state: 'suppressed' }, after: alert }], false);
    expect(shown).toHaveLength(2);
  });

  it('holds an alert seen only through Prometheus until Alertmanager confirms it', () => {
    const { coordinator, shown } = setup({ am, prom });
    const fromPrometheus = makeAlert({ sources: ['prom'] });
    coordinator.handle([{ before: undefined, after: fromPrometheus }], false);
    expect(shown).toEqual([]);
    const confirmed = { ...fromPrometheus, sources: ['am', 'prom'] };
    coordinator.handle([{ before: fromPrometheus, after: confirmed }], false);
    expect(shown).toHaveLength(1);
    coordinator.stop();
  });

  it('never announces a Prometheus alert that Alertmanager reports silenced', () => {
    const { coordinator, shown } = setup({ am, prom });
    const fromPrometheus = makeAlert({ sources: ['prom'] });
    coordinator.handle([{ before: undefined, after: fromPrometheus }], false);
    coordinator.handle([{ before: fromPrometheus, after: { ...fromPrometheus, sources: ['am', 'prom'], state: 'suppressed' } }], false);
    expect(shown).toEqual([]);
    coordinator.stop();
  });

  it('does not hold when no Alertmanager can confirm', () => {
    const { coordinator, shown } = setup({ prom, am: { ...am, down: true } });
    coordinator.handle([{ before: undefined, after: makeAlert({ sources: ['prom'] }) }], false);
    expect(shown).toHaveLength(1);
  });

  it('stays silent for sources configured not to notify, such as the demo', () => {
    const { coordinator, shown } = setup({ demo });
    coordinator.handle([{ before: undefined, after: makeAlert({ sources: ['demo'] }) }], false);
    expect(shown).toEqual([]);
  });

  it('turns a trickle of single notifications into one summary after the first few', () => {
    vi.useFakeTimers();
    const { coordinator, shown, alerts, advance } = setup({ am });
    for (let poll = 0; poll < 5; poll++) {
      const batch = [0, 1].map((i) => makeAlert({ fingerprint: `fp-${poll}-${i}`, name: `Alert${poll}${i}`, sources: ['am'] }));
      for (const alert of batch) alerts.set(alert.fingerprint, alert);
      coordinator.handle(batch.map((alert) => ({ before: undefined, after: alert })), false);
      advance(5_000);
    }
    expect(shown).toHaveLength(5);
    vi.advanceTimersByTime(30_000);
    expect(shown).toHaveLength(6);
    expect(shown[5]!.title).toBe('5 alerts started firing (5 critical)');
    coordinator.stop();
  });

  it('a click on a notification opens its alert; on a summary, the dashboard', () => {
    const { coordinator, clicks, opened } = setup({ am });
    const one = makeAlert({ fingerprint: 'one', sources: ['am'] });
    coordinator.handle([{ before: undefined, after: one }], false);
    const many = [1, 2, 3, 4].map((i) => makeAlert({ fingerprint: `m${i}`, name: `M${i}`, sources: ['am'] }));
    coordinator.handle(many.map((alert) => ({ before: undefined, after: alert })), false);
    clicks.forEach((click) => click());
    expect(opened).toEqual(['one', '(dashboard)']);
  });
});
