import { BURN_WINDOWS, type BurnWindow } from '../../shared/slo';
import type { ProbeReader } from '../sources/http-check/probe-log';
import { historyStep, historyTimes } from './promql';
import type { EvaluationRange, RangeCounts, SliDataProvider, SliHistory, SloDefinition } from './slo-definition';
import { burnRate } from './slo-math';

const HOUR_MS = 3_600_000;

/**
 * SLI numbers from an http check's own probes, kept on this machine: a range ending at `at`
 * counts the probes that started in (at − range, at]. No probe in a range is no traffic, never
 * 100 %. `queries` says in words what is counted, as there is no PromQL to show.
 */
export function createProbeSliProvider(probes: ProbeReader): SliDataProvider {
  return {
    async counts(slo, ranges, at) {
      await probes.ready;
      const threshold = thresholdOf(slo);
      const counts = {} as Record<EvaluationRange, RangeCounts>;
      for (const [key, seconds] of Object.entries(ranges) as Array<[EvaluationRange, number]>) {
        counts[key] = probes.countsBetween(at.getTime() - seconds * 1000, at.getTime(), threshold);
      }
      return counts;
    },

    async history(slo, from, to, stepSeconds) {
      await probes.ready;
      const step = historyStep(from, to, stepSeconds);
      const t = historyTimes(from, to, step);
      const threshold = thresholdOf(slo);
      const history: SliHistory = { t, good: [], total: [], burnRate1h: [] };
      for (const time of t) {
        const ms = time * 1000;
        const inStep = probes.countsBetween(ms - step * 1000, ms, threshold);
        history.good.push(inStep.good);
        history.total.push(inStep.total);
        const hour = probes.countsBetween(ms - HOUR_MS, ms, threshold);
        history.burnRate1h.push(hour.total > 0 ? finiteOrNull(burnRate(hour.good / hour.total, slo.target)) : null);
      }
      return history;
    },

    queries(slo) {
      const endpoint = slo.probe?.displayEndpoint ?? slo.name;
      const passing = passingWords(slo);
      const burnRates = Object.fromEntries(
        BURN_WINDOWS.map((w) => [w, `(1 − probes ${passing} ÷ all probes, over the last ${w}) ÷ (1 − ${slo.target})`]),
      ) as Record<BurnWindow, string>;
      return {
        sli: `probes of ${endpoint} ${passing} ÷ all probes of it, over the ${slo.window.label} window (the app's own checks, kept on this machine)`,
        good: `probes of ${endpoint} ${passing}`,
        total: `every probe of ${endpoint}`,
        burnRate: burnRates,
      };
    },

    describeNoData(slo) {
      const check = slo.probe?.check ?? slo.name;
      return probes.length === 0 ? `no data yet: check "${check}" has not probed yet` : `no probes of check "${check}" in the ${slo.window.label} window`;
    },
  };
}

function thresholdOf(slo: SloDefinition): number | undefined {
  return slo.probe?.latencyThresholdMs;
}

function passingWords(slo: SloDefinition): string {
  const threshold = thresholdOf(slo);
  return threshold === undefined ? 'passing (status, body and JSON as expected)' : `passing within ${threshold} ms`;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
