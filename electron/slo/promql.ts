import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow } from '../../shared/slo';
import type { IndicatorDefinition, RangeCounts } from './slo-definition';

/**
 * PromQL generated from an SLO's indicator: the combined counts query the evaluation issues
 * (one instant query per SLO for every range), and the display queries shown in the detail view.
 *
 * Counts are `sum(increase(selector[range]))` (ratio) or timeslice counts from a subquery
 * (threshold). `sum()` of no series returns no sample, so a missing series stays missing: the
 * combined query tags each part with `occ_kind` / `occ_range` labels instead of using `or vector(0)`,
 * and `resolveCounts` decides what a missing part means.
 */

/** Labels the combined query puts on each part: what it counts and over which range. */
export const KIND_LABEL = 'occ_kind';
export const RANGE_LABEL = 'occ_range';

/** What one part of the combined query counts: good or bad events (or slices), or all of them. */
export type CountKind = 'good' | 'bad' | 'total';

/** One range of a combined query: `key` comes back in the `occ_range` label. */
export interface CountRange {
  key: string;
  seconds: number;
}

/** A query that cannot be generated from the definition, in words. */
export class PromqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromqlError';
  }
}

const UNITS: Array<[suffix: string, seconds: number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** A PromQL duration for `seconds`: the largest unit that divides it (`300` → `5m`, `259200` → `3d`, `90` → `90s`, `0.5` → `500ms`). */
export function promDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new PromqlError(`a PromQL range must be a positive number of seconds, not ${seconds}`);
  const ms = Math.round(seconds * 1000);
  if (ms === 0) throw new PromqlError(`a PromQL range must be at least 1 ms, not ${seconds} s`);
  if (ms % 1000 !== 0) return `${ms}ms`;
  const whole = ms / 1000;
  for (const [suffix, size] of UNITS) {
    if (whole % size === 0) return `${whole / size}${suffix}`;
  }
  return `${whole}s`;
}

const METRIC_NAME = String.raw`[a-zA-Z_:][a-zA-Z0-9_:]*`;
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|` + '`[^`]*`';
const MATCHERS = String.raw`\{(?:[^{}"'` + '`' + String.raw`]|${QUOTED})*\}`;
const SELECTOR = new RegExp(String.raw`^\s*(?:${METRIC_NAME}\s*(?:${MATCHERS})?|${MATCHERS})\s*$`);

/**
 * True for a plain series selector (`name`, `name{l="v"}`, `{__name__="x"}`): what a range
 * `[5m]` may follow. Prometheus refuses `(expr)[5m]` ("ranges only allowed for vector selectors"),
 * so ratio queries must be selectors.
 */
export function isSeriesSelector(query: string): boolean {
  return SELECTOR.test(query) && query.trim() !== '';
}

function selector(query: string, role: string): string {
  if (!isSeriesSelector(query)) {
    throw new PromqlError(
      `the ${role} query of a ratio SLI must be a series selector such as http_requests_total{code="500"}, not ${JSON.stringify(query.trim())}`,
    );
  }
  return query.trim();
}

const OPERATORS: Record<Extract<IndicatorDefinition, { kind: 'threshold' }>['op'], string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** `lt` → `<`, `lte` → `<=`, `gt` → `>`, `gte` → `>=`. */
export function promOperator(op: keyof typeof OPERATORS): string {
  return OPERATORS[op];
}

function increase(query: string, role: string, seconds: number): string {
  return `sum(increase(${selector(query, role)}[${promDuration(seconds)}]))`;
}

function rate(query: string, role: string, seconds: number): string {
  return `sum(rate(${selector(query, role)}[${promDuration(seconds)}]))`;
}

function subquery(seconds: number, sliceSeconds: number): string {
  return `[${promDuration(seconds)}:${promDuration(sliceSeconds)}]`;
}

/** Good slices over `seconds`: slices (aligned to `sliceSeconds`) where `query op value` holds. */
function goodSlices(indicator: Extract<IndicatorDefinition, { kind: 'threshold' }>, seconds: number): string {
  const condition = `(${indicator.query.trim()}) ${promOperator(indicator.op)} bool ${promNumber(indicator.value)}`;
  return `sum(sum_over_time((${condition})${subquery(seconds, indicator.sliceSeconds)}))`;
}

/** Slices with data over `seconds`. */
function allSlices(indicator: Extract<IndicatorDefinition, { kind: 'threshold' }>, seconds: number): string {
  return `sum(count_over_time((${indicator.query.trim()})${subquery(seconds, indicator.sliceSeconds)}))`;
}

function promNumber(value: number): string {
  if (!Number.isFinite(value)) throw new PromqlError(`a threshold must be a finite number, not ${value}`);
  return String(value);
}

/** The kind the numerator part of the combined query counts: `bad` for a bad/total ratio, else `good`. */
export function numeratorKind(indicator: IndicatorDefinition): 'good' | 'bad' {
  return indicator.kind === 'ratio' && indicator.bad !== undefined ? 'bad' : 'good';
}

/**
 * The two count queries over one range: the numerator (good, or bad for a bad/total ratio) and
 * the total. Ratio: `sum(increase(<selector>[<range>]))` (increase handles counter resets).
 * Threshold: `sum(sum_over_time(((<query>) <op> bool <value>)[<range>:<slice>]))` and
 * `sum(count_over_time((<query>)[<range>:<slice>]))`.
 */
export function countQueries(indicator: IndicatorDefinition, seconds: number): { kind: 'good' | 'bad'; numerator: string; total: string } {
  if (indicator.kind === 'threshold') {
    return { kind: 'good', numerator: goodSlices(indicator, seconds), total: allSlices(indicator, seconds) };
  }
  const total = increase(indicator.total, 'total', seconds);
  if (indicator.bad !== undefined) return { kind: 'bad', numerator: increase(indicator.bad, 'bad', seconds), total };
  return { kind: 'good', numerator: increase(indicator.good, 'good', seconds), total };
}

function tagged(query: string, kind: CountKind, rangeKey: string): string {
  const withKind = `label_replace(${query}, "${KIND_LABEL}", ${JSON.stringify(kind)}, "", "")`;
  return `label_replace(${withKind}, "${RANGE_LABEL}", ${JSON.stringify(rangeKey)}, "", "")`;
}

/**
 * One query for every range's numerator and total:
 * `label_replace(label_replace(<good over 5m>, "occ_kind", "good", "", ""), "occ_range", "5m", "", "") or …`.
 * Each part is a `sum()` without labels, so the `or` keeps them all; a part whose series are
 * missing is simply absent from the result (never a zero).
 */
export function combinedCountsQuery(indicator: IndicatorDefinition, ranges: CountRange[]): string {
  if (ranges.length === 0) throw new PromqlError('a counts query needs at least one range');
  const parts: string[] = [];
  for (const range of ranges) {
    const { kind, numerator, total } = countQueries(indicator, range.seconds);
    parts.push(tagged(numerator, kind, range.key), tagged(total, 'total', range.key));
  }
  return parts.join('\nor\n');
}

/** One sample of a combined query's result: its labels and value. */
export interface TaggedSample {
  labels: Record<string, string>;
  value: number | null;
}

/** Numerator and total per range key from a combined query's samples; absent parts are null. */
export function collectCounts(samples: TaggedSample[]): Map<string, { good: number | null; bad: number | null; total: number | null }> {
  const byRange = new Map<string, { good: number | null; bad: number | null; total: number | null }>();
  for (const sample of samples) {
    const kind = sample.labels[KIND_LABEL];
    const range = sample.labels[RANGE_LABEL];
    if (range === undefined || (kind !== 'good' && kind !== 'bad' && kind !== 'total')) continue;
    const entry = byRange.get(range) ?? { good: null, bad: null, total: null };
    entry[kind] = sample.value;
    byRange.set(range, entry);
  }
  return byRange;
}

/**
 * Good and total from what the query returned. A missing total means no data (both null). A
 * missing numerator next to a present total counts as zero events: Prometheus client libraries
 * create a labelled counter (`code="500"`, or `code="200"` during a total outage) only when the
 * first such event happens, so "no series" there means "none happened". For bad/total, good is
 * total − bad, left unclamped so the maths can report more bad than total as a data error.
 */
export function resolveCounts(indicator: IndicatorDefinition, parts: { good?: number | null; bad?: number | null; total?: number | null } | undefined): RangeCounts {
  const total = finiteOrNull(parts?.total);
  const kind = numeratorKind(indicator);
  if (total === null) return { good: kind === 'good' ? finiteOrNull(parts?.good) : null, total: null };
  if (kind === 'bad') return { good: total - (finiteOrNull(parts?.bad) ?? 0), total };
  return { good: finiteOrNull(parts?.good) ?? 0, total };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === undefined || value === null || !Number.isFinite(value) ? null : value;
}

/** A Prometheus sample value (`"1.5"`, `"NaN"`, `"+Inf"`) as a number. */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** The SLI over `seconds` as one PromQL expression (what the detail view shows). */
export function sliQuery(indicator: IndicatorDefinition, seconds: number): string {
  if (indicator.kind === 'threshold') return `${goodSlices(indicator, seconds)} / ${allSlices(indicator, seconds)}`;
  // `or vector(0)` gives the same answer as the dashboard when the numerator's series do not exist yet.
  const total = rate(indicator.total, 'total', seconds);
  if (indicator.bad !== undefined) return `1 - (${rate(indicator.bad, 'bad', seconds)} or vector(0)) / ${total}`;
  return `(${rate(indicator.good, 'good', seconds)} or vector(0)) / ${total}`;
}

/** `(1 - (<SLI over the window>)) / (1 - <target>)`. */
export function burnRateQuery(indicator: IndicatorDefinition, target: number, seconds: number): string {
  return `(1 - (${sliQuery(indicator, seconds)})) / (1 - ${promNumber(target)})`;
}

export interface DisplayQueries {
  sli: string;
  good: string;
  total: string;
  burnRate: Record<BurnWindow, string>;
}

/** The copyable PromQL for the detail view: SLI, good and total over the SLO window, and each burn window's burn rate. */
export function displayQueries(indicator: IndicatorDefinition, target: number, windowSeconds: number): DisplayQueries {
  const { kind, numerator, total } = countQueries(indicator, windowSeconds);
  const good = kind === 'bad' ? `${total} - (${numerator} or vector(0))` : numerator;
  const burnRate = Object.fromEntries(BURN_WINDOWS.map((window) => [window, burnRateQuery(indicator, target, BURN_WINDOW_SECONDS[window])])) as Record<BurnWindow, string>;
  return { sli: sliQuery(indicator, windowSeconds), good, total, burnRate };
}

// ─── query_range steps ──────────────────────────────────────────────────────

/** Most points per chart series; a finer step is widened to keep under it. */
export const MAX_HISTORY_POINTS = 1_000;

/**
 * The step actually used: at least 1 s, and wide enough that `from`..`to` holds at most
 * MAX_HISTORY_POINTS steps (Prometheus itself refuses more than 11,000).
 */
export function historyStep(from: Date, to: Date, stepSeconds: number): number {
  const span = (to.getTime() - from.getTime()) / 1000;
  if (!Number.isFinite(span) || span < 0) throw new RangeError(`history: the range must end after it starts (${from.toISOString()} … ${to.toISOString()})`);
  if (!Number.isFinite(stepSeconds) || stepSeconds <= 0) throw new RangeError(`history: the step must be a positive number of seconds, not ${stepSeconds}`);
  const step = Math.max(1, Math.round(stepSeconds));
  const minimum = Math.ceil(span / (MAX_HISTORY_POINTS - 1));
  return Math.max(step, minimum);
}

/** Unix seconds of each step Prometheus evaluates: from, from + step, … ≤ to. */
export function historyTimes(from: Date, to: Date, stepSeconds: number): number[] {
  const start = from.getTime() / 1000;
  const count = Math.floor((to.getTime() / 1000 - start) / stepSeconds + 1e-9) + 1;
  return Array.from({ length: count }, (_, index) => start + index * stepSeconds);
}
