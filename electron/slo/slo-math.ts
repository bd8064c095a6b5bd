import { BURN_WINDOWS, type BurnRule, type BurnWindow, type SloStatus } from '../../shared/slo';
import type { EvaluationRange, RangeCounts, SloDefinition } from './slo-definition';
import type { WindowRange } from './slo-window';

export interface SloEvaluation {
  sli: number | null;
  budget: { remaining: number | null; consumed: number | null; remainingSeconds: number | null; totalSeconds: number };
  /** (1 − SLI) ÷ (1 − target) per window; null without data. With a 100 % target any error is an infinite burn, reported as null. */
  burnRates: Record<BurnWindow, number | null>;
  status: SloStatus;
  statusReason: string;
  forecast: { exhaustedAt1h: string | null; exhaustedAt6h: string | null };
  dataErrors: string[];
}

type RangeSli = { kind: 'ok'; sli: number } | { kind: 'missing' } | { kind: 'no-traffic' } | { kind: 'bad-data'; problem: string };

/** Reads one range's counts: missing series, no traffic and impossible numbers are told apart, never turned into 100 %. */
export function rangeSli(counts: RangeCounts | undefined): RangeSli {
  if (!counts || counts.good === null || counts.total === null || !Number.isFinite(counts.good) || !Number.isFinite(counts.total)) return { kind: 'missing' };
  const { good, total } = counts;
  if (total < 0) return { kind: 'bad-data', problem: `negative total (${formatCount(total)})` };
  if (total === 0) return good === 0 ? { kind: 'no-traffic' } : { kind: 'bad-data', problem: `${formatCount(good)} good events but no total` };
  // Small float noise from rate extrapolation is tolerated; anything more is a data error.
  const tolerance = total * 1e-9;
  if (good < -tolerance) return { kind: 'bad-data', problem: `more bad events than total (${formatCount(total - good)} bad of ${formatCount(total)})` };
  if (good > total + tolerance) return { kind: 'bad-data', problem: `more good events than total (${formatCount(good)} good of ${formatCount(total)})` };
  return { kind: 'ok', sli: Math.min(1, Math.max(0, good / total)) };
}

/** Burn rate 1 spends exactly the budget over the window; with no budget (100 % target) any error burns infinitely. */
export function burnRate(sli: number, target: number): number {
  const allowed = 1 - target;
  if (allowed <= 0) return sli < 1 ? Number.POSITIVE_INFINITY : 0;
  return (1 - sli) / allowed;
}

export function evaluateSlo(slo: SloDefinition, counts: Record<EvaluationRange, RangeCounts>, at: Date, window: WindowRange): SloEvaluation {
  const dataErrors: string[] = [];
  const read = (range: EvaluationRange, label: string) => {
    const result = rangeSli(counts[range]);
    if (result.kind === 'bad-data') dataErrors.push(`${label}: ${result.problem} (data error)`);
    return result;
  };
  const windowSli = read('window', `over the ${slo.window.label} window`);
  const burns = {} as Record<BurnWindow, number | null>;
  for (const w of BURN_WINDOWS) {
    const result = read(w, `over ${w}`);
    burns[w] = result.kind === 'ok' ? burnRate(result.sli, slo.target) : null;
  }

  const sli = windowSli.kind === 'ok' ? windowSli.sli : null;
  const budget = budgetOf(sli, slo.target, window.seconds);
  if (slo.window.kind === 'calendar-month' && budget.remaining !== null) {
    // Month to date, the budget grows with the events still to come; what a full outage could use up now is measured on the days so far.
    budget.remainingSeconds = budget.remaining * (1 - slo.target) * window.elapsedSeconds;
  }

  const { status, statusReason } = decideStatus(slo.rules, burns, windowSli, slo.window.label, dataErrors);
  return {
    sli,
    budget,
    burnRates: Object.fromEntries(BURN_WINDOWS.map((w) => [w, finiteOrNull(burns[w])])) as Record<BurnWindow, number | null>,
    status,
    statusReason,
    forecast: {
      exhaustedAt1h: exhaustion(budget.remaining, burns['1h'], at, window, slo.window.kind === 'calendar-month'),
      exhaustedAt6h: exhaustion(budget.remaining, burns['6h'], at, window, slo.window.kind === 'calendar-month'),
    },
    dataErrors,
  };
}

function decideStatus(
  rules: readonly BurnRule[],
  burns: Record<BurnWindow, number | null>,
  windowSli: RangeSli,
  windowLabel: string,
  dataErrors: string[],
): { status: SloStatus; statusReason: string } {
  for (const severity of ['page', 'ticket'] as const) {
    for (const rule of rules.filter((r) => r.severity === severity)) {
      const long = burns[rule.long];
      const short = burns[rule.short];
      if (long !== null && short !== null && long > rule.threshold && short > rule.threshold) {
        return {
          status: severity,
          statusReason: `burn ${formatBurn(long)} over ${rule.long} and ${formatBurn(short)} over ${rule.short} (${severity} above ${rule.threshold}×)`,
        };
      }
    }
  }
  const anyBurn = BURN_WINDOWS.some((w) => burns[w] !== null);
  if (windowSli.kind !== 'ok' && !anyBurn) {
    if (dataErrors.length > 0) return { status: 'error', statusReason: dataErrors[0]! };
    return {
      status: 'no-data',
      statusReason: windowSli.kind === 'no-traffic' ? `no traffic in the ${windowLabel} window` : 'no series match the SLI queries',
    };
  }
  const shown = (['1h', '6h', '1d'] as const).filter((w) => burns[w] !== null).map((w) => `${w} ${formatBurn(burns[w]!)}`);
  return { status: 'ok', statusReason: `no burn-rate rule fires${shown.length ? ` (${shown.join(', ')})` : ''}` };
}

/**
 * The window's error budget: (1 − target) of it may fail. With a 100 % target there is no budget
 * to express as a fraction (null); the time left is zero.
 */
export function budgetOf(sli: number | null, target: number, windowSeconds: number): SloEvaluation['budget'] {
  const totalSeconds = (1 - target) * windowSeconds;
  if (sli === null) return { remaining: null, consumed: null, remainingSeconds: null, totalSeconds };
  if (target >= 1) return { remaining: null, consumed: null, remainingSeconds: 0, totalSeconds: 0 };
  const consumed = (1 - sli) / (1 - target);
  return { remaining: 1 - consumed, consumed, remainingSeconds: (1 - consumed) * totalSeconds, totalSeconds };
}

/**
 * When the budget left runs out if the burn rate stays `burn`; null when it never does in this window.
 * The budget is (1 − target) of the window's events, so it moves as the window does:
 * - rolling window W: old events drop out as new ones come in; with c of the budget consumed and
 *   the past spread evenly, exhaustion comes after W·(1 − c) ÷ (burn − c), only if burn > c;
 * - calendar month, E seconds in: new events bring new budget; after E·(1 − c) ÷ (burn − 1),
 *   only if burn > 1 and before the month ends.
 */
function exhaustion(remaining: number | null, burn: number | null, at: Date, window: WindowRange, calendar: boolean): string | null {
  if (remaining === null || burn === null) return null;
  if (remaining <= 0) return at.toISOString();
  if (!Number.isFinite(burn)) return at.toISOString();
  const consumed = 1 - remaining;
  const seconds = calendar
    ? burn > 1
      ? (window.elapsedSeconds * remaining) / (burn - 1)
      : Number.POSITIVE_INFINITY
    : burn > consumed
      ? (window.seconds * remaining) / (burn - consumed)
      : Number.POSITIVE_INFINITY;
  const limit = calendar ? (window.end.getTime() - at.getTime()) / 1000 : window.seconds;
  return seconds > limit ? null : new Date(at.getTime() + seconds * 1000).toISOString();
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

function formatBurn(burn: number): string {
  return Number.isFinite(burn) ? `${burn.toFixed(1)}×` : '∞×';
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
