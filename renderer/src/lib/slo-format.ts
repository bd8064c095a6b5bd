import type { BurnWindow, Slo, SloStatus } from '../../../shared/slo';
import { formatAgo, millisSince } from './format-age';

export const SLO_STATUS_LABEL: Record<SloStatus, string> = {
  page: 'PAGE',
  ticket: 'TICKET',
  ok: 'OK',
  'no-data': 'NO DATA',
  error: 'ERROR',
};

const NO_DATA = 'no data';

/** Shifts away float noise (0.9987 × 100 = 99.86999…) before rounding down. */
const EPSILON = 1e-9;

function floorTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.floor(value * scale + EPSILON) / scale;
}

/** Decimals a target needs to be shown exactly as a percentage: 0.999 → 1, 0.9995 → 2, 0.99 → 0 (at most 4). */
export function percentDecimals(fraction: number): number {
  const percent = fraction * 100;
  for (let decimals = 0; decimals < 4; decimals++) {
    if (Math.abs(percent - Number(percent.toFixed(decimals))) < 1e-7) return decimals;
  }
  return 4;
}

/** A target as written: 0.999 → "99.9 %". */
export function formatTarget(target: number): string {
  return `${(target * 100).toFixed(percentDecimals(target))} %`;
}

/**
 * An SLI with one decimal more than its target (at least two), rounded down so that a value
 * below 100 % never reads as 100 %. Null is "no data", never 100 %.
 */
export function formatSli(sli: number | null, target: number): string {
  if (sli === null) return NO_DATA;
  if (sli === 1) return '100 %';
  const decimals = Math.max(2, percentDecimals(target) + 1);
  return `${floorTo(sli * 100, decimals).toFixed(decimals)} %`;
}

/** "99.87 % / 99.9 %", or "no data / 99.9 %". */
export function formatSliVsTarget(slo: Pick<Slo, 'sli' | 'target'>): string {
  return `${formatSli(slo.sli, slo.target)} / ${formatTarget(slo.target)}`;
}

/** A fraction as a percentage with one decimal, toward zero: 0.2345 → "23.4 %". */
export function formatFraction(fraction: number): string {
  const percent = fraction * 100;
  const rounded = Math.sign(percent) * floorTo(Math.abs(percent), 1);
  return `${(Object.is(rounded, -0) ? 0 : rounded).toFixed(1)} %`;
}

/** The budget bar's label: "23.4 % left", "<0.1 % left", "overspent by 12.0 %", "no data". */
export function formatBudgetRemaining(remaining: number | null): string {
  if (remaining === null) return NO_DATA;
  if (remaining < 0) return `overspent by ${formatFraction(-remaining)}`;
  if (remaining > 0 && remaining < 0.001) return '<0.1 % left';
  return `${formatFraction(remaining)} left`;
}

export type BudgetLevel = 'healthy' | 'low' | 'exhausted' | 'unknown';

/** How worried the budget bar looks: exhausted at or below 0, low under a quarter. */
export function budgetLevel(remaining: number | null): BudgetLevel {
  if (remaining === null) return 'unknown';
  if (remaining <= 0) return 'exhausted';
  if (remaining < 0.25) return 'low';
  return 'healthy';
}

/** The bar's fill, 0..100: an overspent budget shows an empty bar (and says so in words). */
export function budgetBarPercent(remaining: number): number {
  return Math.min(100, Math.max(0, remaining * 100));
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration by its two largest units, rounded down: "3 d 4 h", "2 h 41 m", "12 m", "45 s". Negative input is formatted by its size. */
export function formatDuration(seconds: number): string {
  const safe = Math.floor(Math.abs(seconds));
  if (safe < MINUTE) return `${safe} s`;
  if (safe < HOUR) return `${Math.floor(safe / MINUTE)} m`;
  if (safe < DAY) return pair(Math.floor(safe / HOUR), 'h', Math.floor((safe % HOUR) / MINUTE), 'm');
  return pair(Math.floor(safe / DAY), 'd', Math.floor((safe % DAY) / HOUR), 'h');
}

function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor > 0 ? `${major} ${majorUnit} ${minor} ${minorUnit}` : `${major} ${majorUnit}`;
}

/** The budget left as time: "2 h 41 m of full outage left this window", or how far past it the window is. */
export function budgetTimeText(remainingSeconds: number | null): string {
  if (remainingSeconds === null) return NO_DATA;
  if (remainingSeconds < 0) return `overspent by the equivalent of ${formatDuration(remainingSeconds)} of full outage`;
  if (remainingSeconds === 0) return 'no full outage left this window';
  return `${formatDuration(remainingSeconds)} of full outage left this window`;
}

/** Compact burn rate: "—" for no data, "0.42×", "1.2×", "15.2×", "120×". */
export function formatBurnRate(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0×';
  if (value < 0.01) return '<0.01×';
  if (value < 10) return `${Number(value.toFixed(2))}×`;
  if (value < 100) return `${Number(value.toFixed(1))}×`;
  return `${Math.round(value)}×`;
}

/** A burn window in words for prose: "1h" → "1 h". */
export function windowWords(window: BurnWindow): string {
  return window.replace(/^(\d+)([a-z])$/, '$1 $2');
}

/**
 * When the budget runs out at one burn rate: "runs out in 3 d 4 h", "already exhausted",
 * "not this window", or "no data" when that burn rate is unknown.
 */
export function forecastText(exhaustedAt: string | null, burnRate: number | null, now: number): string {
  if (burnRate === null) return NO_DATA;
  if (exhaustedAt === null) return 'not this window';
  const at = Date.parse(exhaustedAt);
  if (Number.isNaN(at)) return exhaustedAt;
  if (at <= now) return 'already exhausted';
  return `runs out in ${formatDuration((at - now) / 1000)}`;
}

/** "evaluated 40 s ago" or "not evaluated yet". */
export function evaluatedText(evaluatedAt: string | null, now: number): string {
  const age = millisSince(evaluatedAt, now);
  return age === null ? 'not evaluated yet' : `evaluated ${formatAgo(age)}`;
}

/** A window bound for the facts: "1 Jun, 00:00" (with the year when it is not this year's). */
export function formatWindowBound(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleString([], {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "checkout · availability": service and objective, whichever are known. */
export function sloSubtitle(slo: Pick<Slo, 'service' | 'objective'>): string {
  return [slo.service, slo.objective].filter(Boolean).join(' · ');
}
