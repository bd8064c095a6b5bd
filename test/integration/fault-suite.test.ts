import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import type { SourceHealth } from '../../shared/model';
import { fastSource, madeRequest, recordPolls, startTestEngine, testConfig, waitForAlert, type PollRecorder } from '../helpers/engine-harness';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../helpers/fault-proxy';
import { postAlerts, startAlertmanager, startPrometheus, waitFor, type RunningAlertmanager, type RunningPrometheus } from '../helpers/servers';

/**
 * The fault suite: a real engine polls three real servers: `direct` (an Alertmanager that gets
 * SIGKILLed, SIGSTOPped and restarted), `proxied` (another Alertmanager behind the fault proxy)
 * and `steady` (a Prometheus nothing happens to). Each fault must give a clear source error, keep
 * the last alerts on screen marked stale, leave the steady source and the event loop alone, and
 * heal by the next-but-one request once the fault is gone.
 */

const INTERVAL = 500;
const DIRECT_TIMEOUT = 1_000;
const PROXIED_TIMEOUT = 1_500;

interface Row {
  fault: string;
  error: string;
  steadyPolls: number;
  recoveryRequests: number;
  recoveryMs: number;
}

/** Counts event-loop turns, and the longest wait between two of them. */
function startTicker() {
  let ticks = 0;
  let last = Date.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 50);
  return { ticks: () => ticks, longestGap: () => longestGap, stop: () => clearInterval(timer) };
}

describe('fault suite: real servers, a fault proxy, and the real engine', () => {
  let direct: RunningAlertmanager;
  let proxied: RunningAlertmanager;
  let prometheus: RunningPrometheus;
  let proxy: FaultProxy;
  let engine: Engine;
  let polls: PollRecorder;
  let ticker: ReturnType<typeof startTicker>;
  const rows: Row[] = [];

  const health = (name: string): SourceHealth => engine.sources().find((source) => source.name === name)!;
  const alertNamed = (name: string) => engine.alerts().find((alert) => alert.name === name);

  beforeAll(async () => {
    [direct, proxied, prometheus] = await Promise.all([startAlertmanager(), startAlertmanager(), startPrometheus()]);
    proxy = await startFaultProxy(proxied.url);
    await Promise.all([
      postAlerts(direct.url, [{ labels: { alertname: 'DirectAlert', severity: 'warning' } }]),
      postAlerts(proxied.url, [{ labels: { alertname: 'ProxiedAlert', severity: 'warning' } }]),
    ]);
    ticker = startTicker();
    engine = startTestEngine(
      testConfig([
        fastSource('alertmanager', 'direct', direct.url, { interval: INTERVAL, timeout: DIRECT_TIMEOUT }),
        fastSource('alertmanager', 'proxied', proxy.url, { interval: INTERVAL, timeout: PROXIED_TIMEOUT }),
        fastSource('prometheus', 'steady', prometheus.url, { interval: INTERVAL }),
      ]),
    );
    polls = recordPolls(engine);
    await waitForAlert(engine, 'DirectAlert', (alert) => alert.name === 'DirectAlert');
    await waitForAlert(engine, 'ProxiedAlert', (alert) => alert.name === 'ProxiedAlert');
  });

  afterAll(async () => {
    engine?.stop();
    polls?.stop();
    ticker?.stop();
    if (direct?.pid()) process.kill(direct.pid()!, 'SIGCONT');
    await Promise.all([proxy?.close(), direct?.stop(), proxied?.stop(), prometheus?.stop()]);
    if (rows.length > 0) {
      console.log(
        `fault suite (interval ${INTERVAL} ms; longest event-loop gap ${ticker.longestGap()} ms)\n` +
          rows.map((row) => `  ${row.fault.padEnd(26)} → ${row.error}\n${' '.repeat(31)}recovered after ${row.recoveryRequests} request(s), ${row.recoveryMs} ms; steady source polled ${row.steadyPolls}× meanwhile`).join('\n'),
      );
    }
  });

  /** Waits for a source's health to satisfy `predicate`; a timeout names the health last seen. */
  async function waitForHealth(name: string, predicate: (now: SourceHealth) => boolean, what: string): Promise<SourceHealth> {
    try {
      return await waitFor(async () => predicate(health(name)) && health(name), { description: `${name} ${what}`, timeoutMs: 20_000, intervalMs: 10 });
    } catch (error) {
      throw new Error(`${(error as Error).message}; last health: ${JSON.stringify(health(name))}`, { cause: error });
    }
  }

  /**
   * Injects a fault into `source`, waits for the error it must cause, checks that the last alerts
   * stay (stale) and that the steady source and the event loop keep going, heals the fault, and
   * checks the source recovers by the next-but-one request.
   */
  async function underFault(fault: { name: string; source: 'direct' | 'proxied'; alert: string; error: RegExp; inject: () => Promise<void> | void; heal: () => Promise<void> | void }) {
    const steadyBefore = polls.of('steady').length;
    const ticksBefore = ticker.ticks();
    await fault.inject();

    const down = await waitForHealth(fault.source, (now) => now.status === 'down' && fault.error.test(now.lastError ?? ''), `to fail with ${fault.error} (${fault.name})`);
    expect(alertNamed(fault.alert)).toMatchObject({ stale: true });
    // While the fault is still on, the steady source polls again and the event loop keeps turning.
    await waitFor(async () => polls.of('steady').length > steadyBefore, { description: `the steady source to poll during ${fault.name}`, timeoutMs: 5 * INTERVAL });
    expect(polls.of('steady').at(-1)?.status).toBe('ok');
    expect(ticker.ticks()).toBeGreaterThan(ticksBefore);
    // Not a speed target: a fault that blocked the main thread would stall it for its whole length (1–3 s).
    expect(ticker.longestGap(), `longest event-loop gap so far, during ${fault.name}`).toBeLessThan(1_000);
    expect(engine.sources().map((source) => source.name)).toEqual(['direct', 'proxied', 'steady']);

    const pollsBeforeHeal = polls.of(fault.source).length;
    const healedAt = Date.now();
    await fault.heal();
    const recovered = await waitFor(async () => polls.of(fault.source).slice(pollsBeforeHeal).find((poll) => poll.status === 'ok' || poll.status === 'degraded'), {
      description: `${fault.source} to recover after ${fault.name}`,
      timeoutMs: 20_000,
      intervalMs: 20,
    });
    const recoveryMs = Date.now() - healedAt;
    const since = polls.of(fault.source).slice(pollsBeforeHeal - 1);
    const untilRecovered = since.slice(1, since.indexOf(recovered) + 1);
    const recoveryRequests = untilRecovered.filter((poll) => madeRequest(since[since.indexOf(poll) - 1], poll)).length;
    rows.push({ fault: fault.name, error: down.lastError!, steadyPolls: polls.of('steady').length - steadyBefore, recoveryRequests, recoveryMs });
    expect(recoveryRequests, `requests from healing to recovery after ${fault.name}`).toBeLessThanOrEqual(2);
    return { down, recovered };
  }

  describe('the server process itself', () => {
    it('SIGSTOP (a hang) hits the whole-request timeout, and SIGCONT brings the source back', async () => {
      await underFault({
        name: 'SIGSTOP (hang)',
        source: 'direct',
        alert: 'DirectAlert',
        error: /no complete answer within 1 s/,
        inject: () => void process.kill(direct.pid()!, 'SIGSTOP'),
        heal: () => void process.kill(direct.pid()!, 'SIGCONT'),
      });
      await waitForAlert(engine, 'DirectAlert fresh again', (alert) => alert.name === 'DirectAlert' && !alert.stale);
    });

    it('SIGKILL during a poll, then a restart on the same port', async () => {
      await underFault({
        name: 'SIGKILL during a poll',
        source: 'direct',
        alert: 'DirectAlert',
        error: /^connection refused at 127\.0\.0\.1:\d+$/,
        inject: async () => {
          // Stop the server, wait until the next poll is under way (and hanging), then kill it.
          const dueAt = Date.parse(health('direct').nextAttemptAt!);
          process.kill(direct.pid()!, 'SIGSTOP');
          await waitFor(async () => Date.now() > dueAt + 200, { description: 'the next poll of direct to be under way', intervalMs: 20 });
          await direct.kill();
        },
        heal: () => direct.restart(),
      });
      // Alertmanager keeps alerts in memory only: after the crash the source is fresh and empty.
      expect(health('direct')).toMatchObject({ alertCount: 0, lastError: null, circuit: 'closed' });
      expect(alertNamed('DirectAlert')).toBeUndefined();
    });
  });

  describe('through the fault proxy', () => {
    const faults: Array<{ name: string; mode: FaultMode; error: RegExp }> = [
      { name: 'slow (3 s delay)', mode: { kind: 'slow', delayMs: 3_000 }, error: /^no complete answer within 1\.5 s$/ },
      { name: 'slow (trickled body)', mode: { kind: 'slow', delayMs: 0, bytesPerTick: 40, tickMs: 150 }, error: /^no complete answer within 1\.5 s$/ },
      { name: 'connection reset', mode: { kind: 'reset' }, error: /^connection reset at 127\.0\.0\.1:\d+$/ },
      { name: 'truncated body', mode: { kind: 'truncate', bodyBytes: 40 }, error: /^response from \/api\/v2\/alerts was cut off after 40 of \d+ bytes \(connection closed unexpectedly\)$/ },
      { name: 'HTTP 500', mode: { kind: 'status', status: 500 }, error: /^HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/api\/v2\/alerts: fault proxy: 500 Internal Server Error$/ },
      { name: 'HTTP 503', mode: { kind: 'status', status: 503 }, error: /^HTTP 503 Service Unavailable from http:\/\/127\.0\.0\.1:\d+\/api\/v2\/alerts: fault proxy: 503 Service Unavailable$/ },
      { name: 'malformed JSON', mode: { kind: 'malformed' }, error: /^\/api\/v2\/alerts answered with something that is not JSON: \[\{"labels": \{"alertname": "Broken"/ },
      { name: '100 MB body', mode: { kind: 'huge' }, error: /^response from \/api\/v2\/alerts exceeds the 33554432-byte limit \(32 MB\)$/ },
      { name: 'blackhole', mode: { kind: 'blackhole' }, error: /^no complete answer within 1\.5 s$/ },
    ];

    afterEach(async () => {
      // A failed test must not leave the next one a broken proxy or an open circuit.
      if (proxy.mode().kind === 'pass' && health('proxied').status !== 'down') return;
      proxy.setMode({ kind: 'pass' });
      engine.pollAllNow();
      await waitForHealth('proxied', (now) => now.status !== 'down', 'to be back after the test');
    });

    for (const fault of faults) {
      it(`${fault.name}: a clear error, stale alerts kept, recovery on pass`, async () => {
        await underFault({ ...fault, source: 'proxied', alert: 'ProxiedAlert', inject: () => proxy.setMode(fault.mode), heal: () => proxy.setMode({ kind: 'pass' }) });
        await waitForAlert(engine, 'ProxiedAlert fresh again', (alert) => alert.name === 'ProxiedAlert' && !alert.stale);
      });
    }

    it('opens the circuit after three failed polls, sends nothing while open, and closes after a good probe', async () => {
      const connectionsAt = new Map<SourceHealth, number>();
      const sample = (sources: SourceHealth[]) => {
        const current = sources.find((source) => source.name === 'proxied');
        if (current && !connectionsAt.has(current)) connectionsAt.set(current, proxy.connections());
      };
      engine.on('sourcesChanged', sample);
      const start = polls.of('proxied').length;
      proxy.setMode({ kind: 'status', status: 503 });

      const opened = await waitForHealth('proxied', (now) => now.circuit === 'open', 'to open its circuit');
      expect(opened.lastError).toMatch(/^circuit open after 3 failures: HTTP 503 Service Unavailable from .*\/api\/v2\/alerts: fault proxy: 503 Service Unavailable; next probe at \d\d:\d\d:\d\d$/);
      expect(Date.parse(opened.nextAttemptAt!)).toBeGreaterThan(Date.parse(opened.lastAttemptAt!));
      expect(alertNamed('ProxiedAlert')).toMatchObject({ stale: true });

      // Stay failing until a probe has failed (the circuit opens again), then heal before the next one.
      const reopened = await waitFor(
        async () => {
          const list = polls.of('proxied');
          const index = list.indexOf(opened);
          return index >= 0 && list.slice(index + 1).find((poll) => poll.circuit === 'open' && poll.lastAttemptAt !== opened.lastAttemptAt);
        },
        { description: 'a failed probe', timeoutMs: 20_000, intervalMs: 20 },
      );
      expect(reopened.lastError).toMatch(/^circuit open after 4 failures: HTTP 503/);
      proxy.setMode({ kind: 'pass' });
      const closed = await waitForHealth('proxied', (now) => now.circuit === 'closed' && now.status !== 'down', 'to close its circuit after a good probe');
      engine.off('sourcesChanged', sample);

      const timeline = polls.of('proxied').slice(start);
      const openIndex = timeline.indexOf(opened);
      const isRefused = (index: number) => index > openIndex && timeline[index]!.circuit === 'open' && !madeRequest(timeline[index - 1], timeline[index]!);
      const refused = timeline.filter((_poll, index) => isRefused(index));
      // Between two refused polls nothing may reach the proxy. (Right after a failed poll, its
      // cancelled second request may still be connecting, so that gap is not counted.)
      const quiet = timeline.flatMap((poll, index) => (isRefused(index) && isRefused(index - 1) ? [[timeline[index - 1]!, poll] as const] : []));
      expect(quiet.length, 'pairs of polls refused by the open circuit').toBeGreaterThan(0);
      for (const [previous, poll] of quiet) {
        expect(connectionsAt.get(poll), 'no connection while the circuit is open').toBe(connectionsAt.get(previous));
      }
      expect(connectionsAt.get(reopened)!).toBeGreaterThan(connectionsAt.get(timeline[timeline.indexOf(reopened) - 1]!)!);
      const afterHeal = timeline.slice(timeline.indexOf(reopened) + 1, timeline.indexOf(closed) + 1);
      expect(afterHeal.filter((poll, index) => madeRequest(index === 0 ? reopened : afterHeal[index - 1], poll))).toEqual([closed]);
      console.log(
        `circuit: ${timeline.length} polls; ${refused.length} refused while open, no connection in the ${quiet.length} gap(s) between refused polls; ` +
          `opened ${opened.lastAttemptAt}, probe failed ${reopened.lastAttemptAt}, closed by a probe ${closed.lastAttemptAt}`,
      );
    });

    it('lets a probe through at once on a network change, even while the circuit is open', async () => {
      proxy.setMode({ kind: 'status', status: 503 });
      const opened = await waitForHealth('proxied', (now) => now.circuit === 'open', 'to open its circuit');
      proxy.setMode({ kind: 'pass' });
      const before = polls.of('proxied').length;
      engine.pollAllNow();
      const next = await waitFor(async () => polls.of('proxied').slice(before).find((poll) => poll.lastAttemptAt !== opened.lastAttemptAt), {
        description: 'the forced probe',
        intervalMs: 10,
      });
      expect(next).toMatchObject({ status: 'ok', circuit: 'closed' });
      // It went before the probe the open circuit had announced.
      expect(Date.parse(next.lastSuccessAt!)).toBeLessThan(Date.parse(opened.nextAttemptAt!));
    });
  });
});
