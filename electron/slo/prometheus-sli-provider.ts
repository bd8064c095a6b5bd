import type { PrometheusSource } from '../sources/prometheus';
import { SourceError } from '../sources/http-json';
import { collectCounts, combinedCountsQuery, displayQueries, historyStep, historyTimes, parseSampleValue, resolveCounts, type CountRange } from './promql';
import type { EvaluationRange, RangeCounts, SliDataProvider, SliHistory, SloDefinition } from './slo-definition';
import { burnRate } from './slo-math';
import { sloWindowRange } from './slo-window';

/** The burn rate charted next to the budget. */
const HISTORY_BURN_SECONDS = 3_600;

/** What the provider needs from a Prometheus source (a fake in unit tests). */
export type PrometheusQuerier = Pick<PrometheusSource, 'queryInstant' | 'queryRange'>;

/**
 * SLI numbers from Prometheus. `counts` is one instant query per SLO at `at` for every range
 * (see `combinedCountsQuery`); `history` is one range query for the per-step counts and the
 * 1 h counts the burn rate comes from.
 */
export function createPrometheusSliProvider(source: PrometheusQuerier, now: () => number = Date.now): SliDataProvider {
  return {
    async counts(slo, ranges, at, signal) {
      const entries = Object.entries(ranges) as Array<[EvaluationRange, number]>;
      const query = combinedCountsQuery(
        slo.indicator,
        entries.map(([key, seconds]) => ({ key, seconds })),
      );
      const { data } = await source.queryInstant(query, { signal, time: at });
      if (data.resultType !== 'vector') throw new SourceError(`the SLI counts query for "${slo.name}" returned a ${data.resultType}, not a vector`, 'shape');
      const parts = collectCounts(data.result.map((sample) => ({ labels: sample.metric, value: parseSampleValue(sample.value[1]) })));
      const counts = {} as Record<EvaluationRange, RangeCounts>;
      for (const [key] of entries) counts[key] = resolveCounts(slo.indicator, parts.get(key));
      return counts;
    },

    async history(slo, from, to, stepSeconds, signal) {
      const step = historyStep(from, to, stepSeconds);
      const ranges: CountRange[] = [
        { key: 'step', seconds: step },
        { key: '1h', seconds: HISTORY_BURN_SECONDS },
      ];
      const { data } = await source.queryRange(combinedCountsQuery(slo.indicator, ranges), { start: from, end: to, stepSeconds: step, signal });
      return historyFromMatrix(slo, data.result, from, to, step);
    },

    queries(slo) {
      const window = sloWindowRange(slo.window, new Date(now()));
      return displayQueries(slo.indicator, slo.target, window.elapsedSeconds);
    },
  };
}

type Matrix = Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;

function historyFromMatrix(slo: SloDefinition, matrix: Matrix, from: Date, to: Date, step: number): SliHistory {
  const t = historyTimes(from, to, step);
  const index = new Map(t.map((time, position) => [Math.round(time * 1000), position]));
  // Per step and range key: the numerator and total parts, as `collectCounts` reads them.
  const perStep = t.map(() => [] as Array<{ labels: Record<string, string>; value: number }>);
  for (const series of matrix) {
    for (const [time, text] of series.values) {
      const position = index.get(Math.round(time * 1000));
      if (position !== undefined) perStep[position]!.push({ labels: series.metric, value: parseSampleValue(text) });
    }
  }
  const history: SliHistory = { t, good: [], total: [], burnRate1h: [] };
  for (const samples of perStep) {
    const parts = collectCounts(samples);
    const counts = resolveCounts(slo.indicator, parts.get('step'));
    history.good.push(counts.good);
    history.total.push(counts.total);
    const hour = resolveCounts(slo.indicator, parts.get('1h'));
    history.burnRate1h.push(hourBurn(hour, slo.target));
  }
  return history;
}

function hourBurn(counts: RangeCounts, target: number): number | null {
  if (counts.good === null || counts.total === null || counts.total <= 0) return null;
  const sli = Math.min(1, Math.max(0, counts.good / counts.total));
  const burn = burnRate(sli, target);
  return Number.isFinite(burn) ? burn : null;
}
