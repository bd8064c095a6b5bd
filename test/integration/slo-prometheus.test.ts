/**
 * SLO numbers against a real Prometheus: 31 days of exactly known history are backfilled with
 * promtool, and what the provider and the maths make of them is compared with the values
 * computed by hand from the generated samples (test/helpers/slo-history.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusSliProvider } from '../../electron/slo/prometheus-sli-provider';
import type { EvaluationRange, IndicatorDefinition, RangeCounts, SliDataProvider, SloDefinition } from '../../electron/slo/slo-definition';
import { evaluateSlo } from '../../electron/slo/slo-math';
import { sloWindowRange } from '../../electron/slo/slo-window';
import { PrometheusSource } from '../../electron/sources/prometheus';
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, DEFAULT_BURN_RULES, type BurnRule, type BurnWindow } from '../../shared/slo';
import { startPrometheus, type RunningPrometheus } from '../helpers/servers';
import {
  ERROR_RATIO_QUERY,
  SELECTORS,
  expectedErrorRatioSlices,
  expectedRatioCounts,
  generateSloHistory,
  promIncrease,
  rawIncrease,
  type RatioSli,
  type SloHistory,
} from '../helpers/slo-history';

const WINDOW_SECONDS = 30 * 86_400;
const TOLERANCE = 0.001;
const SLICE_SECONDS = 300;
const ERROR_RATIO_THRESHOLD = 0.015;

function definition(id: string, indicator: IndicatorDefinition, target: number): SloDefinition {
  return {
    id,
    name: id,
    displayName: id,
    description: '',
    service: 'api',
    objective: null,
    file: 'slos/api.yaml',
    metricSourceRef: null,
    target,
    window: { kind: 'rolling', seconds: WINDOW_SECONDS, label: '30d rolling' },
    indicator,
    rules: DEFAULT_BURN_RULES,
    labels: { service: 'api' },
  };
}

interface Case {
  slo: SloDefinition;
  /** Good and total by hand over a range ending at `at` (unix seconds), Prometheus' extrapolation or raw deltas. */
  expected: (at: number, seconds: number, raw: boolean) => { good: number | null; total: number | null };
  status: 'page' | 'ticket' | null;
}

function ratioCase(id: string, sli: RatioSli, indicator: IndicatorDefinition, target: number, status: Case['status']): Case {
  return {
    slo: definition(id, indicator, target),
    expected: (at, seconds, raw) => expectedRatioCounts(history, sli, at, seconds, raw ? rawIncrease : promIncrease),
    status,
  };
}

let history: SloHistory;
let prometheus: RunningPrometheus;
let provider: SliDataProvider;
let at: Date;
let atSeconds: number;

const cases: Case[] = [
  ratioCase('availability-good', 'availability-good', { kind: 'ratio', good: SELECTORS.ok, total: SELECTORS.requests }, 0.999, 'page'),
  ratioCase('availability-bad', 'availability-bad', { kind: 'ratio', bad: SELECTORS.errors, total: SELECTORS.requests }, 0.999, 'page'),
  ratioCase('latency', 'latency', { kind: 'ratio', good: SELECTORS.latencyGood, total: SELECTORS.latencyTotal }, 0.99, 'ticket'),
  {
    slo: definition('error-ratio-slices', { kind: 'threshold', query: ERROR_RATIO_QUERY, op: 'lt', value: ERROR_RATIO_THRESHOLD, sliceSeconds: SLICE_SECONDS }, 0.99),
    // Slices are counted, not extrapolated: raw and Prometheus agree.
    expected: (end, seconds) => expectedErrorRatioSlices(history, end, seconds, SLICE_SECONDS, ERROR_RATIO_THRESHOLD),
    status: 'page',
  },
];

function allRanges(): Record<EvaluationRange, number> {
  return { window: WINDOW_SECONDS, ...BURN_WINDOW_SECONDS };
}

function signal(): AbortSignal {
  return AbortSignal.timeout(30_000);
}

function expectClose(actual: number | null | undefined, expected: number | null, what: string): void {
  expect(expected, `${what}: hand value`).not.toBeNull();
  expect(actual, `${what}: value`).not.toBeNull();
  expect(actual, `${what}: value`).not.toBeUndefined();
  const relative = Math.abs(actual! - expected!) / Math.max(Math.abs(expected!), Number.EPSILON);
  expect(relative, `${what}: ${actual} vs ${expected} by hand`).toBeLessThanOrEqual(TOLERANCE);
}

function handBurn(counts: { good: number | null; total: number | null }, target: number): number {
  return (1 - counts.good! / counts.total!) / (1 - target);
}

/** The multi-window rules applied by hand: page before ticket, both windows above the threshold. */
function handStatus(burns: Record<BurnWindow, number>, rules: BurnRule[]): 'page' | 'ticket' | 'ok' {
  for (const severity of ['page', 'ticket'] as const) {
    if (rules.some((rule) => rule.severity === severity && burns[rule.long] > rule.threshold && burns[rule.short] > rule.threshold)) return severity;
  }
  return 'ok';
}

async function instant(query: string): Promise<number | null> {
  const source = new PrometheusSource({ name: 'prom', url: prometheus.url });
  const { data } = await source.queryInstant(query, { signal: signal(), time: at });
  if (data.resultType !== 'vector') throw new Error(`expected a vector from ${query}`);
  const [sample] = data.result;
  return sample ? Number(sample.value[1]) : null;
}

beforeAll(async () => {
  history = generateSloHistory();
  at = history.at;
  atSeconds = at.getTime() / 1000;
  prometheus = await startPrometheus({ openMetrics: history.openMetrics, startTimeoutMs: 60_000 });
  provider = createPrometheusSliProvider(new PrometheusSource({ name: 'prom', url: prometheus.url }), () => at.getTime());
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
});

describe.each(cases)('SLO $slo.id against backfilled Prometheus history', ({ slo, expected, status }) => {
  let counts: Record<EvaluationRange, RangeCounts>;

  beforeAll(async () => {
    counts = await provider.counts(slo, allRanges(), at, signal());
  });

  it('counts every range in one query, as Prometheus computes them from the samples', () => {
    for (const [range, seconds] of Object.entries(allRanges()) as Array<[EvaluationRange, number]>) {
      const hand = expected(atSeconds, seconds, false);
      expectClose(counts[range].good, hand.good, `good over ${range}`);
      expectClose(counts[range].total, hand.total, `total over ${range}`);
    }
  });

  it('gives the SLI, budget and burn rates computed by hand from the events, and the expected status', () => {
    const window = sloWindowRange(slo.window, at);
    const evaluation = evaluateSlo(slo, counts, at, window);
    const handWindow = expected(atSeconds, WINDOW_SECONDS, true);
    const handSli = handWindow.good! / handWindow.total!;
    expectClose(evaluation.sli, handSli, 'SLI over 30 days');
    expectClose(evaluation.budget.remaining, 1 - (1 - handSli) / (1 - slo.target), 'budget remaining');
    expectClose(evaluation.budget.consumed, (1 - handSli) / (1 - slo.target), 'budget consumed');
    const burns = {} as Record<BurnWindow, number>;
    for (const window of BURN_WINDOWS) {
      burns[window] = handBurn(expected(atSeconds, BURN_WINDOW_SECONDS[window], true), slo.target);
      expectClose(evaluation.burnRates[window], burns[window], `burn rate over ${window}`);
    }
    const expectedStatus = handStatus(burns, slo.rules);
    if (status) expect(expectedStatus, 'the history is built to give this status').toBe(status);
    expect(evaluation.status, evaluation.statusReason).toBe(expectedStatus);
    expect(evaluation.dataErrors).toEqual([]);
  });

  it('shows display queries that give the same SLI and burn rates when run', async () => {
    const queries = provider.queries(slo);
    const handWindow = expected(atSeconds, WINDOW_SECONDS, true);
    expectClose(await instant(queries.sli), handWindow.good! / handWindow.total!, 'display SLI');
    expectClose(await instant(queries.good), expected(atSeconds, WINDOW_SECONDS, false).good, 'display good');
    expectClose(await instant(queries.total), expected(atSeconds, WINDOW_SECONDS, false).total, 'display total');
    for (const window of ['5m', '1h', '3d'] as const) {
      expectClose(await instant(queries.burnRate[window]), handBurn(expected(atSeconds, BURN_WINDOW_SECONDS[window], true), slo.target), `display burn rate ${window}`);
    }
  });

  it('charts per-step counts and the 1 h burn rate over the window in at most 1,000 points', async () => {
    // The step the SLO monitor asks for: whole minutes, ≤ 1,000 points over the window.
    const stepSeconds = Math.ceil(WINDOW_SECONDS / 1000 / 60) * 60;
    const from = new Date(at.getTime() - (WINDOW_SECONDS - stepSeconds) * 1000);
    const chart = await provider.history(slo, from, at, stepSeconds, signal());
    expect(chart.t.length).toBeLessThanOrEqual(1000);
    expect(chart.t.length).toBe(Math.floor((WINDOW_SECONDS - stepSeconds) / stepSeconds) + 1);
    expect([chart.good.length, chart.total.length, chart.burnRate1h.length]).toEqual([chart.t.length, chart.t.length, chart.t.length]);
    let good = 0;
    let total = 0;
    let handGood = 0;
    let handTotal = 0;
    chart.t.forEach((t, index) => {
      expect(t).toBeCloseTo(from.getTime() / 1000 + index * stepSeconds, 6);
      const hand = expected(t, stepSeconds, false);
      expectClose(chart.good[index], hand.good, `good in step ${index}`);
      expectClose(chart.total[index], hand.total, `total in step ${index}`);
      expectClose(chart.burnRate1h[index], handBurn(expected(t, 3_600, true), slo.target), `1 h burn rate at step ${index}`);
      good += chart.good[index]!;
      total += chart.total[index]!;
      handGood += hand.good!;
      handTotal += hand.total!;
    });
    expectClose(good, handGood, 'sum of good over the steps');
    expectClose(total, handTotal, 'sum of total over the steps');
  });
});

describe('series that are missing', () => {
  it('give null counts and no data, never zero or 100 %', async () => {
    const slo = definition('unknown-service', { kind: 'ratio', good: 'http_requests_total{service="nope",code="200"}', total: 'http_requests_total{service="nope"}' }, 0.999);
    const counts = await provider.counts(slo, allRanges(), at, signal());
    for (const range of Object.keys(allRanges()) as EvaluationRange[]) expect(counts[range], range).toEqual({ good: null, total: null });
    const evaluation = evaluateSlo(slo, counts, at, sloWindowRange(slo.window, at));
    expect(evaluation.sli).toBeNull();
    expect(evaluation.status).toBe('no-data');

    const chart = await provider.history(slo, new Date(at.getTime() - 6 * 3_600_000), at, 600, signal());
    expect(chart.t.length).toBe(37);
    expect([...chart.good, ...chart.total, ...chart.burnRate1h].every((value) => value === null)).toBe(true);
  });

  it('count as zero bad events when only the bad series is missing (a 5xx counter not created yet)', async () => {
    const slo = definition('no-503s', { kind: 'ratio', bad: 'http_requests_total{service="api",code="503"}', total: SELECTORS.requests }, 0.999);
    const counts = await provider.counts(slo, allRanges(), at, signal());
    const hand = expectedRatioCounts(history, 'availability-good', atSeconds, BURN_WINDOW_SECONDS['1h']);
    expectClose(counts['1h'].total, hand.total, 'total');
    expect(counts['1h'].good).toBe(counts['1h'].total);
  });

  it('keeps a too-fine step to at most 1,000 points', async () => {
    const slo = cases[0]!.slo;
    const chart = await provider.history(slo, new Date(at.getTime() - WINDOW_SECONDS * 1000), at, 60, signal());
    expect(chart.t.length).toBeLessThanOrEqual(1000);
    expect(chart.t.length).toBeGreaterThan(900);
  });
});
