import { describe, expect, it } from 'vitest';
import { BURN_WINDOWS } from '../../shared/slo';
import type { EvaluationRange, RangeCounts, SliDataProvider } from '../../electron/slo/slo-definition';
import { SloMonitor, burnDown } from '../../electron/slo/slo-monitor';
import { makeSloDefinition } from '../helpers/slo-definitions';

const AT = Date.parse('2026-11-26T12:00:30Z');

/** A provider answering from a table, that can be told to fail like an unreachable Prometheus. */
function tableProvider(errorRatio: number) {
  const state = { failing: false, calls: 0 };
  const provider: SliDataProvider = {
    counts: async (_slo, ranges) => {
      state.calls++;
      if (state.failing) throw new Error('connection refused at 127.0.0.1:9090');
      return Object.fromEntries(Object.keys(ranges).map((range) => [range, { good: 1000 * (1 - errorRatio), total: 1000 }])) as Record<EvaluationRange, RangeCounts>;
    },
    history: async (_slo, from, to, step) => {
      const t: number[] = [];
      for (let s = from.getTime() / 1000; s <= to.getTime() / 1000; s += step) t.push(s);
      return { t, good: t.map(() => 99), total: t.map(() => 100), burnRate1h: t.map(() => 10) };
    },
    queries: () => ({ sli: 'sli', good: 'good', total: 'total', burnRate: Object.fromEntries(BURN_WINDOWS.map((w) => [w, `burn ${w}`])) as never }),
  };
  return { provider, state };
}

describe('SLO monitor', () => {
  it('evaluates every SLO and reports it with its queries and window', async () => {
    const { provider } = tableProvider(0.02);
    const monitor = new SloMonitor({ providerFor: () => ({ provider, source: 'prom' }), now: () => AT });
    monitor.setDefinitions([makeSloDefinition()], []);
    await monitor.evaluateAll();
    const [slo] = monitor.set.slos;
    expect(slo).toMatchObject({ id: 'api-availability', source: 'prom', status: 'page', stale: false, error: null, evaluatedAt: new Date(AT).toISOString() });
    expect(slo!.burnRates['1h']).toBeCloseTo(20, 8);
    expect(slo!.queries.burnRate['5m']).toBe('burn 5m');
    expect(slo!.window).toMatchObject({ label: '30d rolling', seconds: 2_592_000, end: new Date(AT).toISOString() });
  });

  it('keeps the last values, marked stale with the error, when the source stops answering', async () => {
    const { provider, state } = tableProvider(0.0001);
    const monitor = new SloMonitor({ providerFor: () => ({ provider, source: 'prom' }), now: () => AT });
    monitor.setDefinitions([makeSloDefinition()], []);
    await monitor.evaluateAll();
    const good = monitor.set.slos[0]!;
    state.failing = true;
    await monitor.evaluateAll();
    expect(monitor.set.slos[0]).toEqual({ ...good, stale: true, error: 'connection refused at 127.0.0.1:9090' });
  });

  it('shows values saved by an earlier run at once, stale, and keeps them while the source is still down', async () => {
    const { provider, state } = tableProvider(0.0001);
    const earlier = new SloMonitor({ providerFor: () => ({ provider, source: 'prom' }), now: () => AT });
    earlier.setDefinitions([makeSloDefinition(), makeSloDefinition({ id: 'removed-since' })], []);
    await earlier.evaluateAll();
    const saved = earlier.set.slos;

    state.failing = true;
    const monitor = new SloMonitor({ providerFor: () => ({ provider, source: 'prom' }), now: () => AT + 60_000 });
    monitor.restore(saved);
    monitor.setDefinitions([makeSloDefinition()], []);
    expect(monitor.set.slos).toEqual([{ ...saved[0], stale: true, error: `last known values from ${new Date(AT).toISOString()}; not evaluated yet since the app started` }]);
    await monitor.evaluateAll();
    expect(monitor.set.slos[0]).toMatchObject({ sli: saved[0]!.sli, stale: true, error: 'connection refused at 127.0.0.1:9090' });

    state.failing = false;
    await monitor.evaluateAll();
    expect(monitor.set.slos[0]).toMatchObject({ stale: false, error: null, evaluatedAt: new Date(AT + 60_000).toISOString() });
  });

  it('shows an SLO that never evaluated as an error in words, and file errors as they came', async () => {
    const monitor = new SloMonitor({ providerFor: () => ({ error: 'slos/api.yaml: no prometheus source is configured' }), now: () => AT });
    monitor.setDefinitions([makeSloDefinition()], ['slos/broken.yaml: line 3, kind: expected "SLO" or "SLI"']);
    await monitor.evaluateAll();
    expect(monitor.set).toMatchObject({
      slos: [{ status: 'error', statusReason: 'slos/api.yaml: no prometheus source is configured', sli: null, stale: false }],
      errors: ['slos/broken.yaml: line 3, kind: expected "SLO" or "SLI"'],
    });
  });

  it('builds chart data with at most about 1,000 points', async () => {
    const { provider } = tableProvider(0);
    const monitor = new SloMonitor({ providerFor: () => ({ provider, source: 'prom' }), now: () => AT });
    monitor.setDefinitions([makeSloDefinition()], []);
    const history = await monitor.history('api-availability');
    expect(history.t.length).toBeLessThanOrEqual(1_000);
    expect(history.t.length).toBeGreaterThan(900);
    expect(history.stepSeconds % 60).toBe(0);
    // 1 % errors against a 0.1 % budget: the burn-down falls linearly to 1 − 10 = −9 (overspent).
    expect(history.budgetRemaining.at(-1)).toBeCloseTo(-9, 8);
    await expect(monitor.history('nope')).rejects.toThrow('no SLO with id "nope"');
  });

  it('burn-down starts full, falls with each bad event, keeps gaps', () => {
    const points = burnDown([10, null, 8, 10], [10, null, 10, 10], 0.9);
    expect(points[0]).toBe(1);
    expect(points[1]).toBeNull();
    // 30 events allow 3 bad ones; 2 happened.
    expect(points[2]).toBeCloseTo(1 / 3, 12);
    expect(points[3]).toBeCloseTo(1 / 3, 12);
    expect(burnDown([0], [0], 0.99)).toEqual([null]);
  });

  it('throws away a cycle that was running when the SLO files changed, and evaluates the new ones', async () => {
    const { provider } = tableProvider(0.0005);
    let release: () => void = () => undefined;
    const slow: typeof provider = { ...provider, counts: async (...args) => { await new Promise<void>((resolve) => (release = resolve)); return provider.counts(...args); } };
    const monitor = new SloMonitor({ providerFor: () => ({ provider: slow, source: 'prom' }), now: () => AT });
    monitor.setDefinitions([makeSloDefinition({ target: 0.999 })], []);
    const first = monitor.evaluateAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    monitor.setDefinitions([makeSloDefinition({ target: 0.99 })], []);
    const second = monitor.evaluateAll();
    release();
    // Both callers wait for a cycle on the new definitions, which starts once the stale one ends.
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, second]);
    // 0.05 % errors: burn 0.05 against 99 %, not 0.5 against 99.9 %.
    expect(monitor.set.slos[0]).toMatchObject({ target: 0.99 });
    expect(monitor.set.slos[0]!.burnRates['1h']).toBeCloseTo(0.05, 8);
  });
});
