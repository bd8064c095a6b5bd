import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourcePoller, type PollerOptions, type PollOutcome } from '../../electron/engine/source-poller';
import { SourceError } from '../../electron/sources/http-json';
import type { AlertSource, SourceFetchResult } from '../../electron/sources/source';

const START = Date.parse('2026-11-26T12:00:00Z');
const INTERVAL = 1_000;
const OK: SourceFetchResult = { alerts: [], warnings: [] };

/** A source that answers as `next` says, counting the requests it gets. */
function scriptedSource() {
  const state = {
    calls: 0,
    next: (): Promise<SourceFetchResult> => Promise.resolve(OK),
  };
  const source: AlertSource = {
    name: 'scripted',
    type: 'alertmanager',
    fetchAlerts: () => {
      state.calls++;
      return state.next();
    },
  };
  return { source, state };
}

const refused = () => Promise.reject(new SourceError('connection refused at 127.0.0.1:9093', 'network'));
const never = () => new Promise<SourceFetchResult>(() => undefined);

function startPoller(source: AlertSource, options: Partial<PollerOptions> = {}) {
  const outcomes: PollOutcome[] = [];
  // random 0.5 makes the ±10% jitter exactly 0, so the waits below are exact.
  const poller = new SourcePoller(source, { intervalMs: INTERVAL, timeoutMs: 500, maxAttempts: 1, random: () => 0.5, ...options }, (outcome) =>
    outcomes.push(outcome),
  );
  poller.start();
  return { poller, outcomes };
}

const waitAfter = (outcome: PollOutcome | undefined) => Date.parse(outcome!.nextAttemptAt!) - outcome!.finishedAt;

describe('source poller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls on its interval and says when the next poll is due', async () => {
    const { source, state } = scriptedSource();
    const { poller, outcomes } = startPoller(source);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([{ ok: true, result: OK, attempts: 1, finishedAt: START, circuit: 'closed', nextAttemptAt: new Date(START + INTERVAL).toISOString() }]);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(state.calls).toBe(2);
    poller.stop();
  });

  it.each([
    { random: 0, wait: 900 },
    { random: 1, wait: 1_100 },
  ])('spreads polls a tenth either way: at the ends of random() the next poll comes after $wait ms, not 1000', async ({ random, wait }) => {
    const { source, state } = scriptedSource();
    const { poller, outcomes } = startPoller(source, { random: () => random });
    await vi.advanceTimersByTimeAsync(0);
    expect(waitAfter(outcomes[0])).toBe(wait);
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(state.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls).toBe(2);
    poller.stop();
  });

  it('backs off after failures, opens the circuit after three, and sends nothing until the probe', async () => {
    const { source, state } = scriptedSource();
    state.next = refused;
    const probes: number[] = [];
    const { poller, outcomes } = startPoller(source, { onProbe: () => probes.push(Date.now()) });

    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes[0]).toMatchObject({ ok: false, error: 'connection refused at 127.0.0.1:9093', circuit: 'closed', attempts: 1 });
    expect(waitAfter(outcomes[0])).toBe(INTERVAL);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(waitAfter(outcomes[1])).toBe(2 * INTERVAL);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL);

    const opened = outcomes[2]!;
    expect(opened).toMatchObject({ ok: false, circuit: 'open', attempts: 1 });
    expect(opened.error).toMatch(/^circuit open after 3 failures: connection refused at 127\.0\.0\.1:9093; next probe at \d\d:\d\d:\d\d$/);
    expect(waitAfter(opened)).toBe(2 * INTERVAL);
    expect(state.calls).toBe(3);

    // An interval later: a cycle that reports the open circuit without a request.
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(outcomes[3]).toMatchObject({ ok: false, attempts: 0, circuit: 'open', nextAttemptAt: opened.nextAttemptAt, error: opened.error });
    expect(state.calls).toBe(3);

    // The probe goes when due; it fails, so the circuit opens again for longer (4 intervals).
    await vi.advanceTimersByTimeAsync(INTERVAL + 10);
    expect(state.calls).toBe(4);
    expect(probes).toHaveLength(1);
    const reopened = outcomes[4]!;
    expect(reopened).toMatchObject({ ok: false, attempts: 1, circuit: 'open' });
    expect(reopened.error).toMatch(/^circuit open after 4 failures: /);
    expect(waitAfter(reopened)).toBe(4 * INTERVAL);

    // The next probe succeeds and closes the circuit.
    state.next = () => Promise.resolve(OK);
    await vi.advanceTimersByTimeAsync(4 * INTERVAL + 10);
    expect(state.calls).toBe(5);
    expect(outcomes.at(-1)).toMatchObject({ ok: true, attempts: 1, circuit: 'closed' });
    expect(outcomes.slice(5, -1).every((outcome) => outcome.attempts === 0)).toBe(true);
    poller.stop();
  });

  it('lets a probe through at once on pollNow even while the circuit is open', async () => {
    const { source, state } = scriptedSource();
    state.next = refused;
    const { poller, outcomes } = startPoller(source);
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(outcomes.at(-1)?.circuit).toBe('open');

    // A forced probe that fails opens the circuit again at once, not after three more failures.
    poller.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toBe(4);
    expect(outcomes.at(-1)).toMatchObject({ attempts: 1, circuit: 'open' });
    expect(outcomes.at(-1)?.error).toMatch(/^circuit open after 4 failures: /);

    state.next = () => Promise.resolve(OK);
    poller.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toBe(5);
    expect(outcomes.at(-1)).toMatchObject({ ok: true, circuit: 'closed' });
    poller.stop();
  });

  it('a pollNow while a poll is under way (started before a network change) polls again right after it', async () => {
    const { source, state } = scriptedSource();
    let release: (result: SourceFetchResult) => void = () => undefined;
    state.next = () => new Promise<SourceFetchResult>((resolve) => (release = resolve));
    const { poller, outcomes } = startPoller(source, { intervalMs: 3_600_000, timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toBe(1);
    poller.pollNow();
    state.next = () => Promise.resolve(OK);
    release(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.calls).toBe(2);
    expect(outcomes).toHaveLength(2);
    poller.stop();
  });

  it('cancels a try that takes longer than the timeout and says so', async () => {
    const { source, state } = scriptedSource();
    state.next = never;
    const { poller, outcomes } = startPoller(source, { timeoutMs: 1_500 });
    await vi.advanceTimersByTimeAsync(1_500);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: false, error: 'no complete answer within 1.5 s', attempts: 1 });
    poller.stop();
  });

  it('retries a network failure but not an answer of the wrong shape', async () => {
    const { source, state } = scriptedSource();
    state.next = refused;
    const { poller, outcomes } = startPoller(source, { maxAttempts: 2 });
    await vi.advanceTimersByTimeAsync(INTERVAL / 2);
    expect(outcomes[0]).toMatchObject({ ok: false, attempts: 2 });

    state.next = () => Promise.reject(new SourceError('/api/v2/alerts answered with something that is not JSON: <html>', 'shape'));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(outcomes[1]).toMatchObject({ ok: false, attempts: 1, error: '/api/v2/alerts answered with something that is not JSON: <html>' });
    poller.stop();
  });

  it('reports nothing once stopped, not even the poll under way', async () => {
    const { source, state } = scriptedSource();
    state.next = never;
    const { poller, outcomes } = startPoller(source);
    await vi.advanceTimersByTimeAsync(100);
    poller.stop();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(outcomes).toEqual([]);
    expect(state.calls).toBe(1);
  });
});
