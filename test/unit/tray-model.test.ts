import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_MENU_LABEL_LENGTH,
  MAX_TOOLTIP_LENGTH,
  MAX_TOOLTIP_SOURCE_NAME_LENGTH,
  trayIconFile,
  trayModel,
  type TrayInput,
  type TrayMenuItem,
  type TrayState,
} from '../../electron/tray/tray-model';
import type { Alert, NotificationSettings, SourceHealth } from '../../shared/model';
import { initialHealth } from '../../electron/engine/source-health';
import type { Slo } from '../../shared/slo';

// Local times, so HH:MM expectations hold in any time zone.
const NOW = new Date(2025, 0, 15, 13, 5, 0);
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const at = (hours: number, minutes: number, day = 15) => new Date(2025, 0, day, hours, minutes).toISOString();

let nextFingerprint = 0;
function alert(overrides: Partial<Alert> = {}): Alert {
  nextFingerprint += 1;
  return {
    fingerprint: `f${nextFingerprint}`,
    name: 'HighErrorRate',
    labels: { service: 'checkout' },
    annotations: {},
    severity: 'critical',
    state: 'firing',
    startsAt: minutesAgo(12),
    sources: ['prod-am'],
    silencedBy: [],
    inhibitedBy: [],
    stale: false,
    ...overrides,
  };
}

function source(name: string, status: SourceHealth['status'] = 'ok'): SourceHealth {
  return { ...initialHealth(name, 'alertmanager'), status };
}

const UNPAUSED: NotificationSettings = { minSeverity: 'warning', onResolve: false, pausedUntil: null, silenceExpiryWarningMs: 600_000 };
const ONE_SOURCE = [source('prod-am')];

function input(overrides: Partial<TrayInput> = {}): TrayInput {
  return { alerts: [], sources: ONE_SOURCE, notifications: UNPAUSED, now: NOW, ...overrides };
}

const many = (count: number, overrides: Partial<Alert>) => Array.from({ length: count }, () => alert(overrides));
const labels = (menu: TrayMenuItem[]) => menu.map((item) => ('label' in item ? item.label : '---'));

describe('trayModel state and tooltip', () => {
  it.each<[string, Partial<TrayInput>, TrayState, string]>([
    ['nothing firing', {}, 'ok', 'On-Call Companion — all clear'],
    ['a warning', { alerts: [alert({ severity: 'warning' })] }, 'warning', 'On-Call Companion — 1 warning firing'],
    [
      'critical and warning',
      { alerts: [...many(2, { severity: 'critical' }), ...many(5, { severity: 'warning' })] },
      'critical',
      'On-Call Companion — 2 critical, 5 warning firing',
    ],
    [
      'pending and suppressed do not count',
      { alerts: [alert({ state: 'pending' }), alert({ state: 'suppressed' })] },
      'ok',
      'On-Call Companion — all clear',
    ],
    [
      'info and unlabelled alerts are named but do not raise the state',
      { alerts: [alert({ severity: 'info' }), alert({ severity: 'none' })] },
      'ok',
      'On-Call Companion — 1 info, 1 other firing',
    ],
    [
      'every source down',
      { sources: [source('a', 'down'), source('b', 'down')] },
      'offline',
      'On-Call Companion — offline: no source reachable',
    ],
    [
      'every source down, with last known alerts',
      { sources: [source('a', 'down')], alerts: [alert({ stale: true }), alert({ stale: true, severity: 'warning' })] },
      'offline',
      'On-Call Companion — offline: no source reachable · last known: 1 critical, 1 warning firing',
    ],
    [
      'no network: offline at once, before the sources have failed their polls',
      { sources: [source('a'), source('b')], alerts: [alert()], connectivity: { state: 'offline', network: false } },
      'offline',
      'On-Call Companion — offline: no network · last known: 1 critical firing',
    ],
    [
      'network up and sources answering: the connectivity verdict does not change the usual state',
      { sources: [source('a')], alerts: [alert({ severity: 'warning' })], connectivity: { state: 'online', network: true } },
      'warning',
      'On-Call Companion — 1 warning firing',
    ],
    [
      'one of three sources down: a partial outage is a warning, naming the source',
      { sources: [source('a'), source('prod-am', 'down'), source('c', 'degraded')] },
      'warning',
      'On-Call Companion — nothing firing · prod-am down',
    ],
    [
      'two of three sources down',
      { sources: [source('a', 'down'), source('b'), source('c', 'down')] },
      'warning',
      'On-Call Companion — nothing firing · 2 of 3 sources down',
    ],
    [
      'a source down with a warning firing stays a warning',
      { sources: [source('a'), source('prod-am', 'down')], alerts: [alert({ severity: 'warning' })] },
      'warning',
      'On-Call Companion — 1 warning firing · prod-am down',
    ],
    [
      'a source down with only info firing is a warning',
      { sources: [source('a'), source('prod-am', 'down')], alerts: [alert({ severity: 'info' })] },
      'warning',
      'On-Call Companion — 1 info firing · prod-am down',
    ],
    [
      'a firing critical outranks a source down',
      { sources: [source('a'), source('prod-am', 'down')], alerts: [alert()] },
      'critical',
      'On-Call Companion — 1 critical firing · prod-am down',
    ],
    [
      'degraded sources are not down',
      { sources: [source('a', 'degraded'), source('b', 'degraded')] },
      'ok',
      'On-Call Companion — all clear',
    ],
    [
      'a down source name is sanitised and cut',
      { sources: [source('a'), source(`evil\n${'x'.repeat(100)}`, 'down')] },
      'warning',
      `On-Call Companion — nothing firing · evil ${'x'.repeat(26)}… down`,
    ],
    [
      'a down source with an unprintable name is counted instead',
      { sources: [source('a'), source('\u0007', 'down')] },
      'warning',
      'On-Call Companion — nothing firing · 1 of 2 sources down',
    ],
    [
      'stale alerts count, and the tooltip says why',
      { sources: [source('a'), source('b', 'down')], alerts: [alert({ stale: true }), alert()] },
      'critical',
      'On-Call Companion — 2 critical firing · 1 stale: source unreachable · b down',
    ],
    [
      'sources still pending are not offline, but one down is a warning',
      { sources: [source('a', 'pending'), source('b', 'down')] },
      'warning',
      'On-Call Companion — nothing firing · b down',
    ],
    ['sources still pending are not a warning', { sources: [source('a', 'pending'), source('b', 'pending')] }, 'ok', 'On-Call Companion — all clear'],
    ['no sources configured', { sources: [] }, 'ok', 'On-Call Companion — all clear · no sources configured'],
    [
      'paused until later today',
      { notifications: { ...UNPAUSED, pausedUntil: at(14, 5) } },
      'ok',
      'On-Call Companion — all clear · notifications paused until 14:05',
    ],
    [
      'paused until tomorrow',
      { notifications: { ...UNPAUSED, pausedUntil: at(9, 0, 16) } },
      'ok',
      'On-Call Companion — all clear · notifications paused until 2025-01-16 09:00',
    ],
    ['a pause that has ended', { notifications: { ...UNPAUSED, pausedUntil: at(13, 4) } }, 'ok', 'On-Call Companion — all clear'],
    ['an unreadable pause', { notifications: { ...UNPAUSED, pausedUntil: 'soon', silenceExpiryWarningMs: 600_000 } }, 'ok', 'On-Call Companion — all clear'],
    [
      'everything at once',
      {
        alerts: [alert({ severity: 'warning' })],
        sources: [source('a', 'down'), source('b'), source('c')],
        notifications: { ...UNPAUSED, pausedUntil: at(14, 5) },
      },
      'warning',
      'On-Call Companion — 1 warning firing · a down · notifications paused until 14:05',
    ],
  ])('%s', (_, overrides, state, tooltip) => {
    const model = trayModel(input(overrides));
    expect(model.state).toBe(state);
    expect(model.tooltip).toBe(tooltip);
  });

  it('keeps a long down source name and the pause together within the limit', () => {
    const model = trayModel(
      input({
        sources: [source('up'), source('n'.repeat(200), 'down')],
        notifications: { ...UNPAUSED, pausedUntil: at(9, 0, 16) },
      }),
    );
    expect(model.state).toBe('warning');
    expect(model.tooltip).toBe(
      `On-Call Companion — nothing firing · ${'n'.repeat(MAX_TOOLTIP_SOURCE_NAME_LENGTH - 1)}… down · notifications paused until 2025-01-16 09:00`,
    );
    expect(model.tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP_LENGTH);
  });

  it('stays within the Windows tooltip limit, keeping the pause over the rest', () => {
    const model = trayModel(
      input({
        alerts: [
          ...many(1234, { severity: 'critical', stale: true }),
          ...many(1234, { severity: 'warning' }),
          ...many(1234, { severity: 'info' }),
          ...many(1234, { severity: 'none' }),
        ],
        sources: [...Array.from({ length: 99 }, (_, i) => source(`down-${i}`, 'down')), source('up')],
        notifications: { ...UNPAUSED, pausedUntil: at(9, 0, 16) },
      }),
    );
    expect(model.tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP_LENGTH);
    expect(model.tooltip).toBe(
      'On-Call Companion — 1234 critical, 1234 warning, 1234 info, 1234 other firing · notifications paused until 2025-01-16 09:00',
    );
  });
});

describe('trayModel menu', () => {
  it('lists the five most severe, oldest first, then how many more', () => {
    const alerts = [
      alert({ name: 'NewWarning', severity: 'warning', startsAt: minutesAgo(1) }),
      alert({ name: 'Info', severity: 'info', startsAt: minutesAgo(600) }),
      alert({ name: 'NewCritical', startsAt: minutesAgo(5) }),
      alert({ name: 'Pending', state: 'pending', startsAt: minutesAgo(900) }),
      alert({ name: 'OldWarning', severity: 'warning', startsAt: minutesAgo(90) }),
      alert({ name: 'OldCritical', startsAt: minutesAgo(3 * 24 * 60) }),
      alert({ name: 'Untagged', severity: 'none', startsAt: minutesAgo(2000) }),
      alert({ name: 'NoStart', severity: 'critical', startsAt: 'not a date' }),
    ];
    const { menu } = trayModel(input({ alerts }));
    expect(menu).toEqual([
      { kind: 'alert', fingerprint: alerts[5]!.fingerprint, label: 'CRITICAL OldCritical — checkout (3d)' },
      { kind: 'alert', fingerprint: alerts[2]!.fingerprint, label: 'CRITICAL NewCritical — checkout (5m)' },
      { kind: 'alert', fingerprint: alerts[7]!.fingerprint, label: 'CRITICAL NoStart — checkout' },
      { kind: 'alert', fingerprint: alerts[4]!.fingerprint, label: 'WARNING OldWarning — checkout (1h 30m)' },
      { kind: 'alert', fingerprint: alerts[0]!.fingerprint, label: 'WARNING NewWarning — checkout (1m)' },
      { kind: 'more', label: '+2 more firing…' },
      { kind: 'separator' },
      { kind: 'open', label: 'Open dashboard' },
      { kind: 'pause', label: 'Pause notifications for 1 hour' },
      { kind: 'separator' },
      { kind: 'quit', label: 'Quit' },
    ]);
  });

  it('has no alert section when nothing fires', () => {
    expect(trayModel(input()).menu).toEqual([
      { kind: 'open', label: 'Open dashboard' },
      { kind: 'pause', label: 'Pause notifications for 1 hour' },
      { kind: 'separator' },
      { kind: 'quit', label: 'Quit' },
    ]);
  });

  it('shows exactly five without a "more" item', () => {
    expect(labels(trayModel(input({ alerts: many(5, {}) })).menu)).toEqual([
      ...Array<string>(5).fill('CRITICAL HighErrorRate — checkout (12m)'),
      '---',
      'Open dashboard',
      'Pause notifications for 1 hour',
      '---',
      'Quit',
    ]);
  });

  it('offers to resume while paused', () => {
    const { menu } = trayModel(input({ notifications: { ...UNPAUSED, pausedUntil: at(14, 5) } }));
    expect(menu).toContainEqual({ kind: 'resume', label: 'Resume notifications (paused until 14:05)' });
    expect(menu.some((item) => item.kind === 'pause')).toBe(false);
  });

  it.each<[string, Partial<Alert>, string]>([
    ['just started', { startsAt: minutesAgo(0.5) }, 'CRITICAL HighErrorRate — checkout (<1m)'],
    ['clock skew', { startsAt: minutesAgo(-3) }, 'CRITICAL HighErrorRate — checkout (<1m)'],
    ['59 minutes', { startsAt: minutesAgo(59) }, 'CRITICAL HighErrorRate — checkout (59m)'],
    ['whole hours', { startsAt: minutesAgo(120) }, 'CRITICAL HighErrorRate — checkout (2h)'],
    ['stale', { stale: true }, 'CRITICAL HighErrorRate — checkout (12m, stale)'],
    ['no severity, no target', { severity: 'none', labels: {} }, 'HighErrorRate (12m)'],
    ['job as target', { labels: { job: 'api', instance: 'host:9090' } }, 'CRITICAL HighErrorRate — api (12m)'],
    ['control characters', { name: 'High\nError\u202e', labels: { service: 'a\tb' } }, 'CRITICAL High Error — a b (12m)'],
    [
      'long names cut, age kept',
      { name: 'N'.repeat(200) },
      `CRITICAL ${'N'.repeat(MAX_MENU_LABEL_LENGTH - 'CRITICAL '.length - ' (12m)'.length - 1)}… (12m)`,
    ],
  ])('alert label: %s', (_, overrides, label) => {
    const [first] = trayModel(input({ alerts: [alert(overrides)] })).menu;
    expect(first).toMatchObject({ kind: 'alert', label });
    expect(Array.from(label).length).toBeLessThanOrEqual(MAX_MENU_LABEL_LENGTH);
  });
});

describe('trayIconFile', () => {
  it.each<[TrayState, string]>([
    ['ok', 'tray-ok.png'],
    ['warning', 'tray-warning.png'],
    ['critical', 'tray-critical.png'],
    ['offline', 'tray-offline.png'],
  ])('%s → %s, with a 2x sibling on disk', (state, file) => {
    expect(trayIconFile(state)).toBe(file);
    const dir = join(import.meta.dirname, '../../resources/tray');
    expect(existsSync(join(dir, file))).toBe(true);
    expect(existsSync(join(dir, file.replace('.png', '@2x.png')))).toBe(true);
  });
});

describe('tray model with SLOs', () => {
  const slo = (status: Slo['status']) => ({ id: status, status }) as Slo;
  const base = { alerts: [], sources: [initialHealth('prom', 'prometheus')].map((s) => ({ ...s, status: 'ok' as const })), notifications: { minSeverity: 'warning' as const, onResolve: false, pausedUntil: null, silenceExpiryWarningMs: 600_000 }, now: new Date('2026-11-26T12:00:00Z') };

  it('turns critical while an SLO pages and amber while one burns at ticket level', () => {
    expect(trayModel({ ...base, slos: [slo('ok'), slo('page')] })).toMatchObject({ state: 'critical', tooltip: 'On-Call Companion — nothing firing · 1 SLO paging' });
    expect(trayModel({ ...base, slos: [slo('ticket'), slo('ticket')] })).toMatchObject({ state: 'warning', tooltip: 'On-Call Companion — nothing firing · 2 SLOs burning (ticket)' });
    expect(trayModel({ ...base, slos: [slo('ok'), slo('no-data')] })).toMatchObject({ state: 'ok', tooltip: 'On-Call Companion — all clear' });
  });
});
