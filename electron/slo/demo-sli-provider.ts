import type { IndicatorDefinition, RangeCounts, SliDataProvider, SliHistory } from './slo-definition';
import { displayQueries, historyStep, historyTimes } from './promql';
import { burnRate } from './slo-math';
import { sloWindowRange } from './slo-window';

/**
 * SLI numbers for the built-in demo workspace, without Prometheus: the simulated shop's traffic,
 * deterministic in time (a restart shows the same numbers) and integrated minute by minute, so
 * counts over any ranges add up.
 *
 * The service is read from the `service="…"` matcher of the SLO's queries (checkout, search,
 * payments; any other service has no series). What is counted follows the query's shape:
 * - ratio with an `le="X"` bucket selector: latency, good = requests faster than X seconds;
 * - any other ratio: availability, bad = HTTP 5xx responses;
 * - threshold: the service's p99 latency in seconds when the query mentions a bucket, latency,
 *   duration or quantile, else its 5xx error ratio; one value per minute.
 *
 * Bad minutes line up with the demo alerts (electron/sources/demo-source.ts):
 * - checkout: 5xx while HighErrorRate fires (6 min of every 11). During an "incident", the first
 *   hour of every 4 h (UTC), those bursts fail 7.3 % of requests, and a 99.9 % SLO pages from a
 *   few minutes into it until about 25 minutes after; otherwise they fail 0.15 % and it tickets
 *   (paging a third of the time means its 30-day budget is long overspent). The incident's first
 *   burst is slow too: p99 ≈ 0.67 s (0.37 s in later bursts, 0.16 s otherwise).
 * - search: requests slower than 300 ms rise to 1 % while LatencySLOBurn fires (12 min of
 *   every 17), 0.1 % otherwise: a 99 % latency SLO burns about 0.75× and stays ok.
 * - payments: 0.08 % 5xx while KubePodCrashLooping fires (8 min of every 29), 0.01 % otherwise:
 *   a 99.95 % SLO burns about 0.6×.
 */
export function createDemoSliProvider(now: () => number = Date.now): SliDataProvider {
  return {
    counts(slo, ranges, at) {
      const measure = demoMeasure(slo.indicator);
      const end = at.getTime() / 1000;
      const counts = {} as Record<keyof typeof ranges, RangeCounts>;
      for (const [key, seconds] of Object.entries(ranges) as Array<[keyof typeof ranges, number]>) {
        counts[key] = measure ? measure(end - seconds, end) : { good: null, total: null };
      }
      return Promise.resolve(counts);
    },

    history(slo, from, to, stepSeconds) {
      const step = historyStep(from, to, stepSeconds);
      const t = historyTimes(from, to, step);
      const measure = demoMeasure(slo.indicator);
      const history: SliHistory = { t, good: [], total: [], burnRate1h: [] };
      for (const time of t) {
        const counts = measure ? measure(time - step, time) : { good: null, total: null };
        history.good.push(counts.good);
        history.total.push(counts.total);
        const hour = measure ? measure(time - 3_600, time) : { good: null, total: null };
        history.burnRate1h.push(hour.good !== null && hour.total ? finiteOrNull(burnRate(hour.good / hour.total, slo.target)) : null);
      }
      return Promise.resolve(history);
    },

    queries(slo) {
      return displayQueries(slo.indicator, slo.target, sloWindowRange(slo.window, new Date(now())).elapsedSeconds);
    },
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

// ─── The simulated shop ─────────────────────────────────────────────────────

export type DemoService = 'checkout' | 'search' | 'payments';

interface Cycle {
  periodSeconds: number;
  durationSeconds: number;
  offsetSeconds: number;
}

interface ServiceModel {
  /** Requests per minute on average over a day (±30 % with the time of day). */
  requestsPerMinute: number;
  /** Fraction of 5xx responses in the minute starting at `second`. */
  errorRatio(second: number): number;
  /** Fraction of requests slower than 300 ms in the minute starting at `second`. */
  slowRatio(second: number): number;
}

/** The demo alerts' cycles, as in demo-source.ts. */
const HIGH_ERROR_RATE: Cycle = { periodSeconds: 11 * 60, durationSeconds: 6 * 60, offsetSeconds: 0 };
const LATENCY_SLO_BURN: Cycle = { periodSeconds: 17 * 60, durationSeconds: 12 * 60, offsetSeconds: 120 };
const POD_CRASH_LOOPING: Cycle = { periodSeconds: 29 * 60, durationSeconds: 8 * 60, offsetSeconds: 600 };
/** Checkout's incidents: the first 45 minutes of every day (UTC), enough to page and to overspend a little. */
const CHECKOUT_INCIDENT: Cycle = { periodSeconds: 24 * 3_600, durationSeconds: 45 * 60, offsetSeconds: 0 };

function incidentStart(second: number): number {
  return second - ((((second - CHECKOUT_INCIDENT.offsetSeconds) % CHECKOUT_INCIDENT.periodSeconds) + CHECKOUT_INCIDENT.periodSeconds) % CHECKOUT_INCIDENT.periodSeconds);
}

function active(cycle: Cycle, second: number): boolean {
  const into = (((second - cycle.offsetSeconds) % cycle.periodSeconds) + cycle.periodSeconds) % cycle.periodSeconds;
  return into < cycle.durationSeconds;
}

const SERVICES: Record<DemoService, ServiceModel> = {
  checkout: {
    requestsPerMinute: 1_200,
    errorRatio: (s) => (active(HIGH_ERROR_RATE, s) ? (active(CHECKOUT_INCIDENT, s) ? 0.073 : 0.0015) : 0.0005),
    slowRatio: (s) => {
      if (!active(CHECKOUT_INCIDENT, s) || !active(HIGH_ERROR_RATE, s)) return 0.003;
      // The first burst of an incident is also slow (p99 ≈ 0.67 s); later ones less so (≈ 0.37 s).
      return s - incidentStart(s) < HIGH_ERROR_RATE.periodSeconds ? 0.05 : 0.015;
    },
  },
  search: {
    requestsPerMinute: 3_000,
    errorRatio: () => 0.0002,
    slowRatio: (s) => (active(LATENCY_SLO_BURN, s) ? 0.01 : 0.001),
  },
  payments: {
    requestsPerMinute: 400,
    errorRatio: (s) => (active(POD_CRASH_LOOPING, s) ? 0.0008 : 0.0001),
    slowRatio: () => 0.002,
  },
};

/** Requests in the minute starting at `second` (a whole minute): the daily average ±30 %, peaking mid-afternoon UTC. */
function requestsInMinute(model: ServiceModel, second: number): number {
  const dayPhase = ((second % 86_400) / 86_400) * 2 * Math.PI;
  return model.requestsPerMinute * (1 + 0.3 * Math.sin(dayPhase - Math.PI / 2 - 0.6));
}

/** Fraction slower than `le` seconds: 300 ms is the reference; the tail falls with le². */
function slowerThan(model: ServiceModel, second: number, le: number): number {
  if (le === Number.POSITIVE_INFINITY) return 0;
  if (le <= 0) return 1;
  return Math.min(1, model.slowRatio(second) * (0.3 / le) ** 2);
}

/** The p99 latency (seconds) that the same tail gives: where the slow fraction is 1 %. */
function p99(model: ServiceModel, second: number): number {
  return 0.3 * Math.sqrt(model.slowRatio(second) / 0.01);
}

/** The demo service a query names with `service="…"`, or null. */
export function demoServiceOf(query: string): DemoService | null {
  const match = /(?<![\w])service\s*=\s*"([^"]*)"/.exec(query);
  const name = match?.[1];
  return name !== undefined && Object.hasOwn(SERVICES, name) ? (name as DemoService) : null;
}

function leOf(query: string): number | null {
  const match = /(?<![\w])le\s*=\s*"([^"]*)"/.exec(query);
  if (!match) return null;
  const value = match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]);
  return Number.isNaN(value) ? null : value;
}

/** Counts over (from, to] (unix seconds) for what the indicator measures, or null when the demo has no such series. */
type Measure = (from: number, to: number) => RangeCounts;

function demoMeasure(indicator: IndicatorDefinition): Measure | null {
  if (indicator.kind === 'threshold') {
    const service = demoServiceOf(indicator.query);
    if (!service) return null;
    const model = SERVICES[service];
    const latency = /_bucket|\ble\s*=|latency|duration|quantile/i.test(indicator.query);
    const value = latency ? (second: number) => p99(model, second) : (second: number) => model.errorRatio(second);
    const good = THRESHOLD_CHECKS[indicator.op];
    return (from, to) => timeslices(from, to, indicator.sliceSeconds, (second) => good(value(second), indicator.value));
  }
  const numerator = indicator.good ?? indicator.bad;
  const service = demoServiceOf(indicator.total) ?? demoServiceOf(numerator);
  if (!service) return null;
  const model = SERVICES[service];
  const le = leOf(numerator);
  const badFraction = le === null ? (second: number) => model.errorRatio(second) : (second: number) => slowerThan(model, second, le);
  return (from, to) => integrate(model, from, to, badFraction);
}

const THRESHOLD_CHECKS: Record<Extract<IndicatorDefinition, { kind: 'threshold' }>['op'], (value: number, threshold: number) => boolean> = {
  lt: (value, threshold) => value < threshold,
  lte: (value, threshold) => value <= threshold,
  gt: (value, threshold) => value > threshold,
  gte: (value, threshold) => value >= threshold,
};

/** Requests and good requests over (from, to]: whole minutes, and the overlapping share of partial ones. */
function integrate(model: ServiceModel, from: number, to: number, badFraction: (second: number) => number): RangeCounts {
  let total = 0;
  let bad = 0;
  if (to > from) {
    for (let minute = Math.floor(from / 60); minute * 60 < to; minute++) {
      const start = minute * 60;
      const share = (Math.min(to, start + 60) - Math.max(from, start)) / 60;
      if (share <= 0) continue;
      const requests = requestsInMinute(model, start) * share;
      total += requests;
      bad += requests * badFraction(start);
    }
  }
  return { good: total - bad, total };
}

/** Slices at multiples of `sliceSeconds` in (from, to]; each is good when the value of the minute it ends meets the threshold. */
function timeslices(from: number, to: number, sliceSeconds: number, good: (second: number) => boolean): RangeCounts {
  let total = 0;
  let goodSlices = 0;
  for (let slice = Math.floor(from / sliceSeconds) + 1; slice * sliceSeconds <= to; slice++) {
    const end = slice * sliceSeconds;
    total += 1;
    if (good((Math.ceil(end / 60) - 1) * 60)) goodSlices += 1;
  }
  return { good: goodSlices, total };
}
