import { BURN_WINDOWS, type BurnRule, type BurnWindow } from '../../../shared/slo';

export type BurnLevel = 'page' | 'ticket' | null;

/** The rules a window takes part in, as the long or the short window. */
export function rulesForWindow(window: BurnWindow, rules: readonly BurnRule[]): BurnRule[] {
  return rules.filter((rule) => rule.long === window || rule.short === window);
}

/**
 * How a burn rate compares with the thresholds of the rules its window belongs to: 'page' when
 * above a page rule's threshold, 'ticket' when above a ticket rule's, else null. The whole rule
 * also needs its other window above the threshold; this marks each value on its own.
 */
export function burnRateLevel(window: BurnWindow, value: number | null, rules: readonly BurnRule[]): BurnLevel {
  if (value === null) return null;
  let level: BurnLevel = null;
  for (const rule of rulesForWindow(window, rules)) {
    if (value <= rule.threshold) continue;
    if (rule.severity === 'page') return 'page';
    level = 'ticket';
  }
  return level;
}

/** "page above 14.4× (1h and 5m); ticket above 3× (1d and 2h)", for a title or a table cell. */
export function thresholdsText(window: BurnWindow, rules: readonly BurnRule[]): string {
  const matching = rulesForWindow(window, rules);
  if (matching.length === 0) return 'no rule uses this window';
  return matching.map((rule) => `${rule.severity} above ${rule.threshold}× (${rule.long} and ${rule.short})`).join('; ');
}

export interface BurnRateCell {
  window: BurnWindow;
  value: number | null;
  level: BurnLevel;
}

/** The seven windows in order, each with its value and highlight. */
export function burnRateCells(burnRates: Record<BurnWindow, number | null>, rules: readonly BurnRule[]): BurnRateCell[] {
  return BURN_WINDOWS.map((window) => ({ window, value: burnRates[window], level: burnRateLevel(window, burnRates[window], rules) }));
}
