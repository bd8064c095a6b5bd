import type { BurnRule, BurnWindow } from '../../shared/slo';

/** How an SLI is measured, read from an OpenSLO `indicator`. Queries are PromQL series selectors or expressions. */
export type IndicatorDefinition =
  /** Occurrences: counters of good (or bad) and total events. A latency SLO is good = a histogram bucket `{le="0.3"}`, total = its `_count`. */
  | { kind: 'ratio'; good: string; bad?: undefined; total: string }
  | { kind: 'ratio'; good?: undefined; bad: string; total: string }
  /** Timeslices: a time slice is good when `query op value`; SLI = good slices / slices with data. */
  | { kind: 'threshold'; query: string; op: 'lt' | 'lte' | 'gt' | 'gte'; value: number; sliceSeconds: number };

export type WindowDefinition =
  | { kind: 'rolling'; seconds: number; label: string }
  /** Calendar-aligned months in a time zone (OpenSLO `calendar` with duration `1M`). */
  | { kind: 'calendar-month'; timeZone: string; label: string };

/** One SLO objective, validated and ready to evaluate. An OpenSLO SLO with several objectives gives several. */
export interface SloDefinition {
  /** Stable across reloads: the SLO's name, plus the objective's index when there are several. */
  id: string;
  name: string;
  displayName: string;
  description: string;
  service: string | null;
  objective: string | null;
  /** The file it came from, as the user wrote it in the config (for messages). */
  file: string;
  /** The source named by `metricSourceRef`, or null for "the first prometheus source". */
  metricSourceRef: string | null;
  /** 0 < target ≤ 1. */
  target: number;
  window: WindowDefinition;
  indicator: IndicatorDefinition;
  rules: BurnRule[];
  /** metadata.labels plus `service`, to link alerts and runbooks. */
  labels: Record<string, string>;
  /** Set for SLOs of an http check's own probes (`slo:` on the check), which its probe history answers instead of Prometheus. */
  probe?: ProbeSloSource;
}

/** Which check's probes an SLO counts, and how. */
export interface ProbeSloSource {
  check: string;
  /** The check's method and URL with secrets masked, for descriptions. */
  displayEndpoint: string;
  /** A latency SLO: good means passed within this many ms. */
  latencyThresholdMs?: number;
  /** Set when the kept probes cannot cover the window: how much they do cover, said with every evaluation. */
  historyShortfall?: string;
}

/** Good and total events (or slices) over one range; null when the series are missing. */
export interface RangeCounts {
  good: number | null;
  total: number | null;
}

/** The ranges one evaluation needs: every burn window plus the SLO window itself. */
export type EvaluationRange = BurnWindow | 'window';

/** Where SLI numbers come from: Prometheus in real use, the simulated shop in the demo. */
export interface SliDataProvider {
  /** Counts over each range ending at `at`, issued together (a bounded number of queries per SLO). */
  counts(slo: SloDefinition, ranges: Record<EvaluationRange, number>, at: Date, signal: AbortSignal): Promise<Record<EvaluationRange, RangeCounts>>;
  /** Good and total per step from `from` to `to`, and the 1 h burn rate at each step, for the charts. */
  history(slo: SloDefinition, from: Date, to: Date, stepSeconds: number, signal: AbortSignal): Promise<SliHistory>;
  /** The PromQL shown (copyable) in the detail view; in words for SLIs that are not PromQL. */
  queries(slo: SloDefinition): { sli: string; good: string; total: string; burnRate: Record<BurnWindow, string> };
  /** Why there is no data, when the provider can say it better than "no traffic" (e.g. "no probes yet"). */
  describeNoData?(slo: SloDefinition): string;
}

export interface SliHistory {
  /** Unix seconds, one per step. */
  t: number[];
  /** Good and total events within each step (not cumulative). */
  good: Array<number | null>;
  total: Array<number | null>;
  burnRate1h: Array<number | null>;
}
