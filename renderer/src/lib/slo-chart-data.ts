import type { BurnRule, SloHistory } from '../../../shared/slo';
import { formatBurnRate } from './slo-format';

/** What a series is, so the chart can colour it: the measured line, or a reference line. */
export type ChartSeriesKind = 'value' | 'page' | 'ticket' | 'zero';

export interface ChartSeriesSpec {
  label: string;
  kind: ChartSeriesKind;
}

/** uPlot's aligned data: x (unix seconds), then one array per series; null is a gap, never a zero. */
export type ChartData = [number[], ...(number | null)[][]];

export interface ChartModel {
  data: ChartData;
  /** One per y array in `data`, in the same order. */
  series: ChartSeriesSpec[];
  /** How many points have a value (not a gap). */
  valueCount: number;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The x values and one series cut to their common length, non-finite values turned into gaps. */
function aligned(t: readonly number[], values: readonly (number | null)[], scale = 1): { x: number[]; y: (number | null)[] } {
  const length = Math.min(t.length, values.length);
  const x = t.slice(0, length);
  const y = values.slice(0, length).map((value) => {
    const finite = finiteOrNull(value);
    return finite === null ? null : finite * scale;
  });
  return { x, y };
}

/** Budget left over the window, in percent, with the 0 % line (budget exhausted) marked. */
export function burndownChartModel(history: Pick<SloHistory, 't' | 'budgetRemaining'>): ChartModel {
  const { x, y } = aligned(history.t, history.budgetRemaining, 100);
  return {
    data: [x, y, x.map(() => 0)],
    series: [
      { label: 'Budget left', kind: 'value' },
      { label: 'Exhausted (0 %)', kind: 'zero' },
    ],
    valueCount: y.filter((value) => value !== null).length,
  };
}

/** Rules with the same severity and threshold drawn once, naming all their window pairs. */
export function thresholdLines(rules: readonly BurnRule[]): { severity: BurnRule['severity']; threshold: number; label: string }[] {
  const lines = new Map<string, { severity: BurnRule['severity']; threshold: number; windows: string[] }>();
  for (const rule of rules) {
    const key = `${rule.severity}:${rule.threshold}`;
    const line = lines.get(key) ?? { severity: rule.severity, threshold: rule.threshold, windows: [] };
    line.windows.push(`${rule.long}/${rule.short}`);
    lines.set(key, line);
  }
  return [...lines.values()]
    .sort((a, b) => b.threshold - a.threshold)
    .map((line) => ({ severity: line.severity, threshold: line.threshold, label: `${line.severity} ${line.threshold}× (${line.windows.join(', ')})` }));
}

/** The 1 h burn rate with a horizontal line at every rule's threshold. */
export function burnRateChartModel(history: Pick<SloHistory, 't' | 'burnRate1h' | 'rules'>): ChartModel {
  const { x, y } = aligned(history.t, history.burnRate1h);
  const lines = thresholdLines(history.rules);
  return {
    data: [x, y, ...lines.map((line) => x.map(() => line.threshold))],
    series: [{ label: '1 h burn rate', kind: 'value' }, ...lines.map((line) => ({ label: line.label, kind: line.severity }))],
    valueCount: y.filter((value) => value !== null).length,
  };
}

export interface SamplePoint {
  t: number;
  value: number | null;
}

/** At most `max` points spread evenly over the series, always with the first and the last, for a text table. */
export function samplePoints(x: readonly number[], y: readonly (number | null)[], max = 12): SamplePoint[] {
  const length = Math.min(x.length, y.length);
  if (length === 0) return [];
  const count = Math.min(length, Math.max(2, max));
  const indexes = new Set<number>();
  for (let i = 0; i < count; i++) indexes.add(Math.round((i * (length - 1)) / Math.max(1, count - 1)));
  return [...indexes].sort((a, b) => a - b).map((index) => ({ t: x[index]!, value: y[index] ?? null }));
}

interface Extremes {
  first: SamplePoint | null;
  last: SamplePoint | null;
  min: SamplePoint | null;
  max: SamplePoint | null;
}

function extremes(x: readonly number[], y: readonly (number | null)[]): Extremes {
  const result: Extremes = { first: null, last: null, min: null, max: null };
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const value = y[i];
    if (value === null || value === undefined) continue;
    const point = { t: x[i]!, value };
    result.first ??= point;
    result.last = point;
    if (result.min === null || value < result.min.value!) result.min = point;
    if (result.max === null || value > result.max.value!) result.max = point;
  }
  return result;
}

const percent = (value: number) => `${value.toFixed(1)} %`;

/** The burn-down in one sentence, for the chart's accessible name. */
export function summarizeBurndown(model: ChartModel, formatTime: (unixSeconds: number) => string): string {
  const [x, y] = model.data;
  const { first, last, min } = extremes(x, y ?? []);
  if (!first || !last || !min) return 'Error budget left over the window: no data.';
  return (
    `Error budget left over the window, ${model.valueCount} points from ${formatTime(first.t)} to ${formatTime(last.t)}: ` +
    `${percent(first.value!)} at the start, ${percent(last.value!)} at the end, lowest ${percent(min.value!)} at ${formatTime(min.t)}.` +
    (min.value! < 0 ? ' The budget was overspent.' : '')
  );
}

/** The burn-rate chart in one sentence, naming the thresholds. */
export function summarizeBurnRate(model: ChartModel, formatTime: (unixSeconds: number) => string): string {
  const [x, y] = model.data;
  const { first, last, max } = extremes(x, y ?? []);
  const thresholds = model.series.filter((series) => series.kind !== 'value').map((series) => series.label);
  const lines = thresholds.length > 0 ? ` Threshold lines: ${thresholds.join('; ')}.` : '';
  if (!first || !last || !max) return `1 hour burn rate: no data.${lines}`;
  return (
    `1 hour burn rate, ${model.valueCount} points from ${formatTime(first.t)} to ${formatTime(last.t)}: ` +
    `${formatBurnRate(last.value)} at the end, highest ${formatBurnRate(max.value)} at ${formatTime(max.t)}.${lines}`
  );
}
