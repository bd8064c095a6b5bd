import { describe, expect, it } from 'vitest';
import { createDemoSliProvider, demoServiceOf } from '../../electron/slo/demo-sli-provider';
import type { EvaluationRange, IndicatorDefinition, RangeCounts, SloDefinition } from '../../electron/slo/slo-definition';
import { evaluateSlo } from '../../electron/slo/slo-math';
import { sloWindowRange } from '../../electron/slo/slo-window';
import { BURN_WINDOWS, BURN_WINDOW_SECONDS } from '../../shared/slo';
import { makeSloDefinition } from '../helpers/slo-definitions';

const signal = new AbortController().signal;

const CHECKOUT = makeSloDefinition({
  id: 'checkout-availability',
  target: 0.999,
  indicator: { kind: 'ratio', bad: 'http_requests_total{service="checkout",code=~"5.."}', total: 'http_requests_total{service="checkout"}' },
});
const SEARCH_LATENCY = makeSloDefinition({
  id: 'search-latency',
  target: 0.99,
  indicator: { kind: 'ratio', good: 'http_request_duration_seconds_bucket{service="search",le="0.3"}', total: 'http_request_duration_seconds_count{service="search"}' },
});
const PAYMENTS = makeSloDefinition({
  id: 'payments-availability',
  target: 0.999,
  indicator: { kind: 'ratio', good: 'http_requests_total{service="payments",code!~"5.."}', total: 'http_requests_total{service="payments"}' },
});
const CHECKOUT_P99: SloDefinition = makeSloDefinition({
  id: 'checkout-latency-p99',
  target: 0.95,
  window: { kind: 'rolling', seconds: 7 * 86_400, label: '7d rolling' },
  indicator: { kind: 'threshold', query: 'service:http_request_duration_seconds:p99_rate5m{service="checkout"}', op: 'lte', value: 0.5, sliceSeconds: 60 },
});

function allRanges(slo: SloDefinition, at: Date): Record<EvaluationRange, number> {
  return { window: sloWindowRange(slo.window, at).elapsedSeconds, ...BURN_WINDOW_SECONDS };
}

async function countsOver(slo: SloDefinition, at: Date, seconds: number): Promise<RangeCounts> {
  const provider = createDemoSliProvider();
  const counts = await provider.counts(slo, { ...BURN_WINDOW_SECONDS, window: seconds }, at, signal);
  return counts.window;
}

async function evaluate(slo: SloDefinition, at: Date) {
  const counts = await createDemoSliProvider().counts(slo, allRanges(slo, at), at, signal);
  return evaluateSlo(slo, counts, at, sloWindowRange(slo.window, at));
}

/** Unix seconds of the `n`-th start of a cycle (`period`, `offset` in seconds) at or after `from`. */
function cycleStart(from: Date, periodSeconds: number, offsetSeconds: number, n = 0): number {
  const seconds = from.getTime() / 1000;
  const into = (((seconds - offsetSeconds) % periodSeconds) + periodSeconds) % periodSeconds;
  return seconds + (into === 0 ? 0 : periodSeconds - into) + n * periodSeconds;
}

const at = (seconds: number) => new Date(seconds * 1000);

describe('demo SLI provider', () => {
  it('is deterministic: the same time gives the same numbers', async () => {
    const when = new Date('2026-11-26T10:17:42Z');
    for (const slo of [CHECKOUT, SEARCH_LATENCY, PAYMENTS, CHECKOUT_P99]) {
      const first = await createDemoSliProvider().counts(slo, allRanges(slo, when), when, signal);
      const second = await createDemoSliProvider(() => 0).counts(slo, allRanges(slo, when), when, signal);
      expect(second).toEqual(first);
      for (const range of [...BURN_WINDOWS, 'window'] as const) {
        expect(first[range].total, `${slo.id} ${range}`).toBeGreaterThan(0);
        expect(first[range].good!).toBeLessThanOrEqual(first[range].total!);
      }
    }
  });

  it.each([
    ['on whole minutes', new Date('2026-11-26T10:00:00Z')],
    ['between minutes', new Date('2026-11-26T10:17:42.5Z')],
  ])('gives counts over nested ranges that add up (%s)', async (_name, end) => {
    for (const slo of [CHECKOUT, SEARCH_LATENCY, CHECKOUT_P99]) {
      const hour = await countsOver(slo, end, 3_600);
      const last = await countsOver(slo, end, 1_234);
      const before = await countsOver(slo, new Date(end.getTime() - 1_234_000), 3_600 - 1_234);
      expect(last.total! + before.total!).toBeCloseTo(hour.total!, 6);
      expect(last.good! + before.good!).toBeCloseTo(hour.good!, 6);
    }
  });

  it('has no series for a service the demo does not run', async () => {
    const slo = makeSloDefinition({ indicator: { kind: 'ratio', good: 'http_requests_total{service="billing",code="200"}', total: 'http_requests_total{service="billing"}' } });
    const when = new Date('2026-11-26T10:00:00Z');
    const counts = await createDemoSliProvider().counts(slo, allRanges(slo, when), when, signal);
    for (const range of [...BURN_WINDOWS, 'window'] as const) expect(counts[range]).toEqual({ good: null, total: null });
    expect(evaluateSlo(slo, counts, when, sloWindowRange(slo.window, when)).status).toBe('no-data');
    const history = await createDemoSliProvider().history(slo, new Date(when.getTime() - 3_600_000), when, 300, signal);
    expect(history.t).toHaveLength(13);
    expect([...history.good, ...history.total, ...history.burnRate1h].every((value) => value === null)).toBe(true);
  });

  it('reads the service from the service="…" matcher', () => {
    expect(demoServiceOf('http_requests_total{service="checkout",code=~"5.."}')).toBe('checkout');
    expect(demoServiceOf('x{ service = "search" }')).toBe('search');
    expect(demoServiceOf('x{service=~"checkout"}')).toBeNull();
    expect(demoServiceOf('x{myservice="checkout"}')).toBeNull();
    expect(demoServiceOf('x{service="toString"}')).toBeNull();
  });

  it('raises checkout’s short-window burn rate while HighErrorRate fires during an incident, and pages', async () => {
    // HighErrorRate: 11-minute cycle from the epoch, 6 minutes firing. Incidents: the first hour of every 4 h (UTC).
    const burstStart = cycleStart(new Date('2026-11-26T00:25:00Z'), 660, 0);
    const inBurst = await evaluate(CHECKOUT, at(burstStart + 240));
    const afterBurst = await evaluate(CHECKOUT, at(burstStart + 660 - 1));
    expect(inBurst.burnRates['5m']!).toBeGreaterThan(14.4);
    expect(inBurst.burnRates['5m']!).toBeGreaterThan(5 * afterBurst.burnRates['5m']!);
    expect(inBurst.status).toBe('page');
  });

  it('pages on checkout some of the time, not all of the time', async () => {
    const statuses = new Set<string>();
    for (let minute = 0; minute < 8 * 60; minute += 20) {
      statuses.add((await evaluate(CHECKOUT, new Date(Date.UTC(2026, 10, 26, 0, minute)))).status);
    }
    expect(statuses).toContain('page');
    expect(statuses).toContain('ticket');
  });

  it('raises search’s latency burn while LatencySLOBurn fires (17-minute cycle from 2 min, 12 firing) without paging', async () => {
    const start = cycleStart(new Date('2026-11-26T10:00:00Z'), 1_020, 120);
    const firing = await evaluate(SEARCH_LATENCY, at(start + 600));
    const quiet = await evaluate(SEARCH_LATENCY, at(start + 1_020 - 1));
    expect(firing.burnRates['5m']!).toBeGreaterThan(0.8);
    expect(quiet.burnRates['5m']!).toBeLessThan(0.5);
    expect(firing.burnRates['5m']!).toBeGreaterThan(5 * quiet.burnRates['5m']!);
    expect(firing.status).toBe('ok');
    expect(firing.budget.remaining!).toBeGreaterThan(0);
  });

  it('keeps payments healthy', async () => {
    const result = await evaluate(PAYMENTS, new Date('2026-11-26T10:00:00Z'));
    expect(result.status).toBe('ok');
    expect(result.budget.remaining!).toBeGreaterThan(0.1);
  });

  it('counts time slices for a threshold SLI: one per slice, bad while checkout’s p99 is above 500 ms (first burst of an incident)', async () => {
    const incident = Date.parse('2026-11-26T00:00:00Z') / 1000;
    expect(await countsOver(CHECKOUT_P99, at(incident), 3_600)).toEqual({ good: 60, total: 60 });
    const start = await countsOver(CHECKOUT_P99, at(incident + 660), 660);
    expect(start.total).toBe(11);
    expect(start.good!).toBeLessThan(11);
    expect(await countsOver(CHECKOUT_P99, at(incident + 7_200), 3_600)).toEqual({ good: 60, total: 60 });
    // Slices sit at multiples of their length: the 90 s ending on one hold just that one.
    expect((await countsOver({ ...CHECKOUT_P99, indicator: { ...CHECKOUT_P99.indicator, sliceSeconds: 120 } as IndicatorDefinition }, at(incident + 7_200), 90)).total).toBe(1);
  });

  it('charts per-step counts that add up to the counts over the whole span, in at most 1,000 points', async () => {
    const provider = createDemoSliProvider();
    const to = new Date('2026-11-26T10:00:30Z');
    const from = new Date(to.getTime() - 86_400_000);
    const history = await provider.history(CHECKOUT, from, to, 60, signal);
    expect(history.t.length).toBeLessThanOrEqual(1_000);
    const step = history.t[1]! - history.t[0]!;
    expect(step).toBeGreaterThanOrEqual(60);
    const span = history.t.at(-1)! - history.t[0]! + step;
    const whole = await countsOver(CHECKOUT, at(history.t.at(-1)!), span);
    const sum = (values: Array<number | null>) => values.reduce<number>((total, value) => total + value!, 0);
    expect(sum(history.total)).toBeCloseTo(whole.total!, 4);
    expect(sum(history.good)).toBeCloseTo(whole.good!, 4);
    const hourAtEnd = await evaluate(CHECKOUT, at(history.t.at(-1)!));
    expect(history.burnRate1h.at(-1)).toBeCloseTo(hourAtEnd.burnRates['1h']!, 8);
  });

  it('shows the PromQL of the SLO', () => {
    const queries = createDemoSliProvider(() => Date.parse('2026-11-26T10:00:00Z')).queries(CHECKOUT);
    expect(queries.total).toBe('sum(increase(http_requests_total{service="checkout"}[30d]))');
    expect(queries.burnRate['1h']).toContain('[1h]');
  });

  it('measures latency below the le of the good bucket', async () => {
    const when = new Date('2026-11-26T10:00:00Z');
    const latency = (le: string): IndicatorDefinition => ({
      kind: 'ratio',
      good: `http_request_duration_seconds_bucket{service="search",le="${le}"}`,
      total: 'http_request_duration_seconds_count{service="search"}',
    });
    const strict = await countsOver(makeSloDefinition({ indicator: latency('0.1') }), when, 3_600);
    const loose = await countsOver(makeSloDefinition({ indicator: latency('1') }), when, 3_600);
    expect(strict.total).toBeCloseTo(loose.total!, 6);
    expect(strict.good!).toBeLessThan(loose.good!);
  });
});
