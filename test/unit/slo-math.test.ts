import { describe, expect, it } from 'vitest';
import { BURN_WINDOWS, type BurnWindow } from '../../shared/slo';
import type { EvaluationRange, RangeCounts } from '../../electron/slo/slo-definition';
import { evaluateSlo, rangeSli } from '../../electron/slo/slo-math';
import { sloWindowRange } from '../../electron/slo/slo-window';
import { makeSloDefinition } from '../helpers/slo-definitions';

const AT = new Date('2026-11-26T12:00:30Z');
const slo = makeSloDefinition();
const window = sloWindowRange(slo.window, AT);

/** Counts with the given error ratio per range: 1,000,000 events in each. */
function countsWithErrorRatio(ratios: Partial<Record<EvaluationRange, number>>, fallback = 0): Record<EvaluationRange, RangeCounts> {
  const ranges: EvaluationRange[] = [...BURN_WINDOWS, 'window'];
  return Object.fromEntries(ranges.map((range) => [range, { good: 1_000_000 * (1 - (ratios[range] ?? fallback)), total: 1_000_000 }])) as Record<EvaluationRange, RangeCounts>;
}

describe('SLO maths', () => {
  it('computes SLI, budget and its time-equivalent over the window', () => {
    const result = evaluateSlo(slo, countsWithErrorRatio({ window: 0.0004 }), AT, window);
    expect(result.sli).toBeCloseTo(0.9996, 10);
    expect(result.budget.consumed).toBeCloseTo(0.4, 10);
    expect(result.budget.remaining).toBeCloseTo(0.6, 10);
    // Budget: 0.1 % of 30 days = 43.2 minutes of full outage; 60 % of it left.
    expect(result.budget.totalSeconds).toBeCloseTo(2_592, 6);
    expect(result.budget.remainingSeconds).toBeCloseTo(1_555.2, 6);
    expect(result.status).toBe('ok');
  });

  it('reports burn rate (1 − SLI) ÷ (1 − target) for every window', () => {
    const result = evaluateSlo(slo, countsWithErrorRatio({ '5m': 0.02, '1h': 0.0144 }, 0.0005), AT, window);
    expect(result.burnRates['5m']).toBeCloseTo(20, 8);
    expect(result.burnRates['1h']).toBeCloseTo(14.4, 8);
    expect(result.burnRates['3d']).toBeCloseTo(0.5, 8);
  });

  // The SRE Workbook's multi-window, multi-burn-rate table.
  const cases: Array<[string, Partial<Record<BurnWindow, number>>, string]> = [
    ['page: fast burn over 1h and 5m', { '1h': 15, '5m': 15 }, 'page'],
    ['no page when only the long window burns', { '1h': 15, '5m': 1 }, 'ok'],
    ['no page when only the short window burns', { '1h': 2, '5m': 20 }, 'ok'],
    ['page: slower burn over 6h and 30m', { '6h': 7, '30m': 7 }, 'page'],
    ['ticket: over 1d and 2h', { '1d': 3.5, '2h': 3.5 }, 'ticket'],
    ['ticket: over 3d and 6h', { '3d': 1.5, '6h': 1.5 }, 'ticket'],
    ['exactly at the threshold does not fire', { '1h': 14.4, '5m': 14.4 }, 'ok'],
    ['page beats ticket', { '1h': 15, '5m': 15, '1d': 4, '2h': 4 }, 'page'],
  ];
  it.each(cases)('%s', (_name, burns, status) => {
    const ratios = Object.fromEntries(Object.entries(burns).map(([w, burn]) => [w, burn * 0.001]));
    const result = evaluateSlo(slo, countsWithErrorRatio(ratios, 0.0001), AT, window);
    expect(result.status).toBe(status);
  });

  it('explains a page in words', () => {
    const result = evaluateSlo(slo, countsWithErrorRatio({ '1h': 0.0152, '5m': 0.016 }, 0), AT, window);
    expect(result.statusReason).toBe('burn 15.2× over 1h and 16.0× over 5m (page above 14.4×)');
  });

  it('honours thresholds configured per SLO', () => {
    const strict = makeSloDefinition({ rules: [{ severity: 'page', threshold: 2, long: '1h', short: '5m' }] });
    expect(evaluateSlo(strict, countsWithErrorRatio({ '1h': 0.003, '5m': 0.003 }), AT, window).status).toBe('page');
  });

  it('forecasts when the budget runs out at the 1 h and 6 h burn rates (rolling window)', () => {
    // 60 % left (c = 0.4); burning 10×, while the old events that drop out burned 0.4×: 30 d × 0.6 ÷ (10 − 0.4) = 1.875 days.
    const result = evaluateSlo(slo, countsWithErrorRatio({ window: 0.0004, '1h': 0.01, '6h': 0.0001 }), AT, window);
    expect(result.forecast.exhaustedAt1h).toBe(new Date(AT.getTime() + 1.875 * 86_400_000).toISOString());
    // At 0.1× the budget recovers: it never runs out.
    expect(result.forecast.exhaustedAt6h).toBeNull();
  });

  it('forecasts a calendar month on the events so far, and the outage time left likewise', () => {
    const monthly = makeSloDefinition({ window: { kind: 'calendar-month', timeZone: 'UTC', label: 'calendar month' } });
    const range = sloWindowRange(monthly.window, AT);
    // 25.5 days into November; 90 % of the budget spent so far; burning 2× from now on.
    const result = evaluateSlo(monthly, countsWithErrorRatio({ window: 0.0009, '1h': 0.002, '6h': 0.0005 }), AT, range);
    expect(result.budget.remaining).toBeCloseTo(0.1, 10);
    expect(result.budget.remainingSeconds).toBeCloseTo(0.1 * 0.001 * range.elapsedSeconds, 6);
    // E × (1 − c) ÷ (b − 1) = E × 0.1 ÷ 1.
    expect(Date.parse(result.forecast.exhaustedAt1h!)).toBeCloseTo(AT.getTime() + 0.1 * range.elapsedSeconds * 1000, -1);
    // Below 1× new events bring more budget than the errors use: never.
    expect(result.forecast.exhaustedAt6h).toBeNull();
  });

  it('no traffic is "no data", never 100 %', () => {
    const none = Object.fromEntries([...BURN_WINDOWS, 'window'].map((r) => [r, { good: 0, total: 0 }])) as Record<EvaluationRange, RangeCounts>;
    const result = evaluateSlo(slo, none, AT, window);
    expect(result.sli).toBeNull();
    expect(result.budget.remaining).toBeNull();
    expect(Object.values(result.burnRates).every((burn) => burn === null)).toBe(true);
    expect(result.status).toBe('no-data');
    expect(result.statusReason).toBe('no traffic in the 30d rolling window');
  });

  it('missing series are "no data" with their own reason', () => {
    const missing = Object.fromEntries([...BURN_WINDOWS, 'window'].map((r) => [r, { good: null, total: null }])) as Record<EvaluationRange, RangeCounts>;
    expect(evaluateSlo(slo, missing, AT, window)).toMatchObject({ status: 'no-data', statusReason: 'no series match the SLI queries', sli: null });
  });

  it('quiet short windows do not hide a burning long one', () => {
    const counts = countsWithErrorRatio({ '6h': 0.007, '30m': 0.007 });
    counts['5m'] = { good: 0, total: 0 };
    expect(evaluateSlo(slo, counts, AT, window).status).toBe('page');
  });

  it('reports more bad than total as a data error, not as a number', () => {
    expect(rangeSli({ good: -5, total: 100 })).toEqual({ kind: 'bad-data', problem: 'more bad events than total (105 bad of 100)' });
    expect(rangeSli({ good: 150, total: 100 })).toEqual({ kind: 'bad-data', problem: 'more good events than total (150 good of 100)' });
    const counts = countsWithErrorRatio({}, 0);
    counts['1h'] = { good: -5, total: 100 };
    const result = evaluateSlo(slo, counts, AT, window);
    expect(result.burnRates['1h']).toBeNull();
    expect(result.dataErrors).toEqual(['over 1h: more bad events than total (105 bad of 100) (data error)']);
  });

  it('a target of 100 % has no budget: any error is an infinite burn that pages', () => {
    const perfect = makeSloDefinition({ target: 1 });
    const clean = evaluateSlo(perfect, countsWithErrorRatio({}, 0), AT, window);
    expect(clean).toMatchObject({ status: 'ok', sli: 1, budget: { remaining: null, remainingSeconds: 0, totalSeconds: 0 } });
    expect(clean.burnRates['1h']).toBe(0);
    const failing = evaluateSlo(perfect, countsWithErrorRatio({}, 0.000001), AT, window);
    expect(failing.status).toBe('page');
    expect(failing.statusReason).toBe('burn ∞× over 1h and ∞× over 5m (page above 14.4×)');
    expect(failing.burnRates['1h']).toBeNull();
  });

  it('places calendar windows on month boundaries in the SLO time zone', () => {
    const range = sloWindowRange({ kind: 'calendar-month', timeZone: 'America/New_York', label: 'calendar month' }, AT);
    expect(range.start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(range.seconds).toBe(30 * 86_400 + 3_600);
    expect(range.elapsedSeconds).toBe((AT.getTime() - range.start.getTime()) / 1000);
  });
});
