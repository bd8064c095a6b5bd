import { describe, expect, it } from 'vitest';
import { SloPageNotifier } from '../../electron/notifications/slo-page-notifier';
import type { NotificationText } from '../../electron/notifications/notification-text';
import type { Slo } from '../../shared/slo';

function setup(pausedUntil: string | null = null) {
  let now = Date.parse('2026-11-26T03:00:00Z');
  const shown: NotificationText[] = [];
  const notifier = new SloPageNotifier({ notifier: { show: (text) => void shown.push(text) }, pausedUntil: () => pausedUntil, openDashboard: () => undefined, now: () => now });
  return { notifier, shown, advance: (ms: number) => (now += ms) };
}

const slo = (status: Slo['status'], overrides: Partial<Slo> = {}) =>
  ({
    id: 'checkout',
    displayName: 'Checkout availability',
    objective: null,
    status,
    statusReason: 'burn 15.2× over 1h and 16.0× over 5m (page above 14.4×)',
    budget: { remaining: 0.42, consumed: 0.58, remainingSeconds: 1000, totalSeconds: 2592 },
    stale: false,
    ...overrides,
  }) as Slo;

describe('SLO page notifications', () => {
  it('announces a page once, with the reason and the budget left', () => {
    const { notifier, shown } = setup();
    notifier.handle([slo('ok')]);
    notifier.handle([slo('page')]);
    notifier.handle([slo('page')]);
    expect(shown).toEqual([
      { title: 'SLO burning · Checkout availability', body: 'burn 15.2× over 1h and 16.0× over 5m (page above 14.4×) · 42 % of the budget left', fingerprint: null, urgency: 'critical' },
    ]);
  });

  it('treats a page that flaps within the hour as one episode, and a later one as new', () => {
    const { notifier, shown, advance } = setup();
    notifier.handle([slo('page')]);
    advance(10 * 60_000);
    notifier.handle([slo('ok')]);
    advance(10 * 60_000);
    notifier.handle([slo('page')]);
    expect(shown).toHaveLength(1);
    advance(2 * 60 * 60_000);
    notifier.handle([slo('ok')]);
    notifier.handle([slo('page')]);
    expect(shown).toHaveLength(2);
  });

  it('stays quiet for tickets, stale values and while notifications are paused', () => {
    const quiet = setup('2026-11-26T04:00:00Z');
    quiet.notifier.handle([slo('page')]);
    expect(quiet.shown).toEqual([]);
    const other = setup();
    other.notifier.handle([slo('ticket'), slo('page', { id: 'stale', stale: true })]);
    expect(other.shown).toEqual([]);
  });
});
