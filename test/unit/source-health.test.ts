import { describe, expect, it } from 'vitest';
import { initialHealth, nextHealth, probingHealth } from '../../electron/engine/source-health';
import type { PollOutcome } from '../../electron/engine/source-poller';

const T0 = Date.parse('2026-11-26T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function outcome(patch: Partial<PollOutcome>): PollOutcome {
  return { ok: true, result: { alerts: [], warnings: [] }, attempts: 1, finishedAt: T0, circuit: 'closed', nextAttemptAt: iso(T0 + 1_000), ...patch };
}

describe('source health', () => {
  it('takes the circuit and the next attempt from each outcome, and keeps fromCache as it is', () => {
    const cached = { ...initialHealth('am', 'alertmanager'), fromCache: true };
    const ok = nextHealth(cached, outcome({}));
    expect(ok).toMatchObject({ status: 'ok', circuit: 'closed', nextAttemptAt: iso(T0 + 1_000), lastSuccessAt: iso(T0), fromCache: true });

    const opened = nextHealth(ok, outcome({ ok: false, result: undefined, error: 'circuit open after 3 failures: HTTP 503', finishedAt: T0 + 5_000, circuit: 'open', nextAttemptAt: iso(T0 + 7_000) }));
    expect(opened).toMatchObject({
      status: 'down',
      circuit: 'open',
      nextAttemptAt: iso(T0 + 7_000),
      lastAttemptAt: iso(T0 + 5_000),
      lastSuccessAt: iso(T0),
      lastError: 'circuit open after 3 failures: HTTP 503',
      consecutiveFailures: 1,
      fromCache: true,
    });
  });

  it('keeps the time of the last real request when the open circuit refused the poll', () => {
    const opened = nextHealth(initialHealth('am', 'alertmanager'), outcome({ ok: false, result: undefined, error: 'x', circuit: 'open', nextAttemptAt: iso(T0 + 2_000) }));
    const refused = nextHealth(opened, outcome({ ok: false, result: undefined, error: 'x', attempts: 0, finishedAt: T0 + 1_000, circuit: 'open', nextAttemptAt: iso(T0 + 2_000) }));
    expect(refused).toMatchObject({ lastAttemptAt: iso(T0), consecutiveFailures: 2, nextAttemptAt: iso(T0 + 2_000) });
  });

  it('says "probing" while a half-open probe is under way', () => {
    const opened = nextHealth(initialHealth('am', 'alertmanager'), outcome({ ok: false, result: undefined, error: 'x', circuit: 'open', nextAttemptAt: iso(T0 + 2_000) }));
    expect(probingHealth(opened)).toEqual({ ...opened, circuit: 'half-open', nextAttemptAt: null });
  });

  it('is degraded after a retry and names the tries', () => {
    expect(nextHealth(initialHealth('am', 'alertmanager'), outcome({ attempts: 2 }))).toMatchObject({ status: 'degraded', warnings: ['needed 2 tries'] });
  });
});
