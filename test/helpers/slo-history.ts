/**
 * Exactly known SLI history for the SLO tests against real Prometheus: 31 days of 1-minute
 * samples for one service (`service="api"`), as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics`, plus the hand computations to compare with.
 *
 * Traffic: 2,000 requests a minute, always. Per minute (the interval ending at a sample):
 * - 5xx: 1 (0.05 %); 40 (2 %) during an older burst 38 h to 35 h before the last sample; 100 (5 %)
 *   in the last 20 minutes (a 99.9 % availability SLO pages).
 * - slower than 300 ms: 10 (0.5 %); 100 (5 %) in the last 16 hours (a 99 % latency SLO tickets).
 * - every counter resets once, about 15 days back (a process restart): the sample after the
 *   reset holds only that minute's events, which is what Prometheus' reset handling assumes.
 *
 * The hand computations mirror Prometheus 2.x range semantics: a range `[w]` at time `at` holds
 * the samples with at − w ≤ t ≤ at (both ends included), and `increase` extrapolates the
 * reset-corrected delta between its first and last sample towards the range's ends
 * (`extrapolatedRate` in promql/functions.go). Evaluate at `at` = last sample + 30 s, off the
 * minute grid, so no sample sits on a boundary. Good and total share timestamps and so their
 * extrapolation factor: SLIs and burn rates from the raw deltas equal Prometheus' ratios.
 */

export const SERVICE_SELECTOR = 'service="api"';

/** The series written, by short name, with their PromQL selectors. */
export const SERIES = {
  ok: 'http_requests_total{service="api",code="200"}',
  errors: 'http_requests_total{service="api",code="500"}',
  fast: 'http_request_duration_seconds_bucket{service="api",le="0.1"}',
  underThreshold: 'http_request_duration_seconds_bucket{service="api",le="0.3"}',
  underSecond: 'http_request_duration_seconds_bucket{service="api",le="1"}',
  all: 'http_request_duration_seconds_bucket{service="api",le="+Inf"}',
  count: 'http_request_duration_seconds_count{service="api"}',
} as const;
export type SeriesName = keyof typeof SERIES;

/** Selectors for the SLOs the tests define. */
export const SELECTORS = {
  requests: 'http_requests_total{service="api"}',
  ok: SERIES.ok,
  errors: SERIES.errors,
  latencyGood: SERIES.underThreshold,
  latencyTotal: SERIES.count,
} as const;

export const REQUESTS_PER_MINUTE = 2_000;
const HISTORY_SECONDS = 31 * 86_400;
export const RECENT_BURST_SECONDS = 20 * 60;
export const OLD_BURST = { fromSecondsAgo: 38 * 3_600, toSecondsAgo: 35 * 3_600 };
export const LATENCY_DEGRADED_SECONDS = 16 * 3_600;

export interface Sample {
  t: number;
  v: number;
}

export interface SloHistory {
  /** Unix seconds of the first and last sample; samples are 60 s apart. */
  start: number;
  end: number;
  /** Where to evaluate: the last sample + 30 s. */
  at: Date;
  /** Unix seconds of the sample where every counter restarted. */
  resetAt: number;
  samples: Record<SeriesName, Sample[]>;
  openMetrics: string;
}

interface MinuteEvents {
  errors: number;
  slow: number;
  overSecond: number;
  fast: number;
}

function eventsInMinuteEndingAt(t: number, end: number): MinuteEvents {
  const ago = end - t;
  let errors = 1;
  if (ago < RECENT_BURST_SECONDS) errors = 100;
  else if (ago < OLD_BURST.fromSecondsAgo && ago >= OLD_BURST.toSecondsAgo) errors = 40;
  const degraded = ago < LATENCY_DEGRADED_SECONDS;
  return { errors, slow: degraded ? 100 : 10, overSecond: degraded ? 10 : 2, fast: degraded ? 1_200 : 1_600 };
}

/** 31 days of samples ending at `end` (unix seconds, rounded down to a whole minute; default two minutes before now). */
export function generateSloHistory(options: { end?: number } = {}): SloHistory {
  const end = Math.floor((options.end ?? Date.now() / 1000 - 120) / 60) * 60;
  const start = end - HISTORY_SECONDS;
  const count = HISTORY_SECONDS / 60 + 1;
  const resetIndex = Math.floor(count / 2);
  const samples = Object.fromEntries(Object.keys(SERIES).map((name) => [name, [] as Sample[]])) as Record<SeriesName, Sample[]>;
  // Counters as a long-running process would have them at the start.
  const value: Record<SeriesName, number> = { ok: 50_000_000, errors: 40_000, fast: 40_000_000, underThreshold: 49_700_000, underSecond: 49_950_000, all: 50_000_000, count: 50_000_000 };
  for (let index = 0; index < count; index++) {
    const t = start + index * 60;
    if (index > 0) {
      const events = eventsInMinuteEndingAt(t, end);
      const increments: Record<SeriesName, number> = {
        ok: REQUESTS_PER_MINUTE - events.errors,
        errors: events.errors,
        fast: events.fast,
        underThreshold: REQUESTS_PER_MINUTE - events.slow,
        underSecond: REQUESTS_PER_MINUTE - events.overSecond,
        all: REQUESTS_PER_MINUTE,
        count: REQUESTS_PER_MINUTE,
      };
      for (const name of Object.keys(SERIES) as SeriesName[]) {
        value[name] = index === resetIndex ? increments[name] : value[name] + increments[name];
      }
    }
    for (const name of Object.keys(SERIES) as SeriesName[]) samples[name].push({ t, v: value[name] });
  }
  return { start, end, at: new Date((end + 30) * 1000), resetAt: start + resetIndex * 60, samples, openMetrics: toOpenMetrics(samples) };
}

function toOpenMetrics(samples: Record<SeriesName, Sample[]>): string {
  const lines: string[] = ['# HELP http_requests Requests served.', '# TYPE http_requests counter'];
  const write = (name: SeriesName) => {
    const selector = SERIES[name];
    for (const sample of samples[name]) lines.push(`${selector} ${sample.v} ${sample.t}`);
  };
  write('ok');
  write('errors');
  lines.push('# HELP http_request_duration_seconds Request latency.', '# TYPE http_request_duration_seconds histogram');
  write('fast');
  write('underThreshold');
  write('underSecond');
  write('all');
  write('count');
  lines.push('# EOF', '');
  return lines.join('\n');
}

/** The samples a range `[rangeSeconds]` evaluated at `at` (unix seconds) selects: at − range ≤ t ≤ at. */
export function inRange(samples: Sample[], at: number, rangeSeconds: number): Sample[] {
  return samples.slice(firstIndexAtOrAfter(samples, at - rangeSeconds), firstIndexAtOrAfter(samples, at, true));
}

/** Binary search in time order: the first sample with t ≥ time (t > time when `after`). */
function firstIndexAtOrAfter(samples: Sample[], time: number, after = false): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const t = samples[middle]!.t;
    if (t < time || (after && t === time)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The reset-corrected delta between the first and last sample in the range: events counted there. Null with fewer than 2 samples. */
export function rawIncrease(samples: Sample[], at: number, rangeSeconds: number): number | null {
  const points = inRange(samples, at, rangeSeconds);
  if (points.length < 2) return null;
  let delta = 0;
  for (let index = 1; index < points.length; index++) {
    const previous = points[index - 1]!.v;
    const current = points[index]!.v;
    delta += current >= previous ? current - previous : current;
  }
  return delta;
}

/** What Prometheus 2.x `increase(x[range])` returns at `at`: the raw delta, extrapolated as `extrapolatedRate` does. */
export function promIncrease(samples: Sample[], at: number, rangeSeconds: number): number | null {
  const points = inRange(samples, at, rangeSeconds);
  if (points.length < 2) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  for (let index = 1; index < points.length; index++) {
    if (points[index]!.v < points[index - 1]!.v) result += points[index - 1]!.v;
  }
  let durationToStart = first.t - (at - rangeSeconds);
  const durationToEnd = at - last.t;
  const sampledInterval = last.t - first.t;
  const averageBetweenSamples = sampledInterval / (points.length - 1);
  if (result > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageBetweenSamples * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
  return result * (extrapolateTo / sampledInterval);
}

/** `rate(x[range])` at `at`, as Prometheus computes it. */
export function promRate(samples: Sample[], at: number, rangeSeconds: number): number | null {
  const value = promIncrease(samples, at, rangeSeconds);
  return value === null ? null : value / rangeSeconds;
}

export type RatioSli = 'availability-good' | 'availability-bad' | 'latency';

function sumOrNull(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0);
}

/**
 * Good and total for a ratio SLI over the range ending at `at` (unix seconds), with `increase`
 * = `promIncrease` (what Prometheus returns) or `rawIncrease` (the events between the first and
 * last sample: same ratios).
 */
export function expectedRatioCounts(
  history: SloHistory,
  sli: RatioSli,
  at: number,
  rangeSeconds: number,
  increase: typeof promIncrease = promIncrease,
): { good: number | null; total: number | null } {
  const of = (name: SeriesName) => increase(history.samples[name], at, rangeSeconds);
  if (sli === 'latency') return { good: of('underThreshold'), total: of('count') };
  const total = sumOrNull([of('ok'), of('errors')]);
  if (sli === 'availability-good') return { good: of('ok'), total };
  const bad = of('errors');
  return { good: total === null ? null : total - (bad ?? 0), total };
}

/** The threshold SLI the tests use: the 5-minute 5xx ratio. */
export const ERROR_RATIO_QUERY = `sum(rate(${SERIES.errors}[5m])) / sum(rate(${SELECTORS.requests}[5m]))`;

/** `ERROR_RATIO_QUERY` evaluated at `t`, as Prometheus computes it; null without data. */
export function expectedErrorRatio(history: SloHistory, t: number): number | null {
  const errors = promRate(history.samples.errors, t, 300);
  const ok = promRate(history.samples.ok, t, 300);
  if (errors === null || ok === null) return null;
  return errors / (errors + ok);
}

/**
 * Time slices over the range ending at `at`, as the subquery `[range:slice]` takes them: every
 * multiple of `sliceSeconds` with at − range ≤ t ≤ at; good when the error ratio is below `threshold`.
 */
export function expectedErrorRatioSlices(history: SloHistory, at: number, rangeSeconds: number, sliceSeconds: number, threshold: number): { good: number | null; total: number | null } {
  let good = 0;
  let total = 0;
  for (let t = Math.ceil((at - rangeSeconds) / sliceSeconds) * sliceSeconds; t <= at; t += sliceSeconds) {
    const ratio = expectedErrorRatio(history, t);
    if (ratio === null) continue;
    total += 1;
    if (ratio < threshold) good += 1;
  }
  return total === 0 ? { good: null, total: null } : { good, total };
}
