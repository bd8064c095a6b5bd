import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Silence } from '../../shared/actions';
import type { Alert } from '../../shared/model';
import { SilenceExpiryNotifier } from '../../electron/notifications/silence-expiry-notifier';
import { makeAlert } from '../helpers/alerts';
import { recordingNotifier } from '../helpers/engine-harness';

const START = Date.parse('2026-11-26T10:00:00.000Z');
const MINUTE = 60_000;
const WARN_BEFORE = 10 * MINUTE;
const CHECK_EVERY = 30_000;
const inMinutes = (minutes: number) => new Date(START + minutes * MINUTE).toISOString();

const checkout = makeAlert({ fingerprint: 'fp-checkout', labels: { alertname: 'HighErrorRate', service: 'checkout' } });

function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 's1',
    sources: ['am'],
    matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
    startsAt: '2026-11-26T08:00:00.000Z',
    endsAt: inMinutes(5),
    createdBy: 'alice',
    comment: 'disk swap',
    state: 'active',
    acknowledgement: false,
    matchedAlerts: ['fp-checkout'],
    ...overrides,
  };
}

/** A notifier over the given (changeable) silences and alerts, reading the fake clock. */
function startNotifier(state: { silences: Silence[]; alerts: Alert[] }) {
  const notifier = recordingNotifier();
  const clicks: Array<() => void> = [];
  const opened: string[] = [];
  const expiry = new SilenceExpiryNotifier({
    notifier: { show: (text, onClick) => (notifier.show(text, onClick), void clicks.push(onClick)) },
    silences: () => state.silences,
    alerts: () => state.alerts,
    author: () => 'alice',
    warnBeforeMs: () => WARN_BEFORE,
    openAlert: (fingerprint) => void opened.push(fingerprint),
    openDashboard: () => void opened.push('dashboard'),
    now: () => new Date(Date.now()),
    checkEveryMs: CHECK_EVERY,
  });
  return { expiry, shown: notifier.shown, clicks, opened };
}

describe('silence expiry notifier', () => {
  let running: SilenceExpiryNotifier | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    running?.stop();
    running = undefined;
    vi.useRealTimers();
  });

  it('warns once about my silence ending soon while its alert fires, and the click opens the alert', async () => {
    const { expiry, shown, clicks, opened } = startNotifier({ silences: [silence()], alerts: [checkout] });
    running = expiry;
    expiry.check();
    expiry.check();
    await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY);
    expect(shown).toEqual([{ title: 'Your silence ends in 5 min', body: 'Still firing: HighErrorRate · disk swap', fingerprint: 'fp-checkout', urgency: 'normal' }]);
    clicks[0]!();
    expect(opened).toEqual(['fp-checkout']);
  });

  it.each<[string, Silence, Alert[]]>([
    ["another author's silence", silence({ createdBy: 'bob' }), [checkout]],
    ['an acknowledgement silence', silence({ acknowledgement: true, comment: 'ACK! on it' }), [checkout]],
    ['a silence whose alerts no longer fire', silence(), [{ ...checkout, state: 'pending' }]],
    ['a silence that matches no alert', silence(), []],
  ])('does not warn about %s', async (_name, ending, alerts) => {
    const { expiry, shown } = startNotifier({ silences: [ending], alerts });
    running = expiry;
    expiry.check();
    await vi.advanceTimersByTimeAsync(CHECK_EVERY);
    expect(shown).toEqual([]);
  });

  it('warns again when the silence is extended to a new end', () => {
    const state = { silences: [silence()], alerts: [checkout] };
    const { expiry, shown } = startNotifier(state);
    running = expiry;
    expiry.check();
    state.silences = [silence({ endsAt: inMinutes(8) })];
    expiry.check();
    expect(shown.map((text) => text.title)).toEqual(['Your silence ends in 5 min', 'Your silence ends in 8 min']);
  });

  it('catches, on its slow timer, a silence that comes within the warning time without any change', async () => {
    const { expiry, shown } = startNotifier({ silences: [silence({ endsAt: inMinutes(15) })], alerts: [checkout] });
    running = expiry;
    expiry.check();
    expect(shown).toEqual([]);
    // 15 min left becomes 10: only the timer can notice.
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(shown.map((text) => text.title)).toEqual(['Your silence ends in 10 min']);
  });

  it('checks no more once stopped', async () => {
    const { expiry, shown } = startNotifier({ silences: [silence({ endsAt: inMinutes(15) })], alerts: [checkout] });
    expect(vi.getTimerCount()).toBe(1);
    expiry.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(shown).toEqual([]);
  });
});
