import { describe, expect, it } from 'vitest';
import {
  budgetBarPercent,
  budgetLevel,
  budgetTimeText,
  evaluatedText,
  forecastText,
  formatBudgetRemaining,
  formatBurnRate,
  formatDuration,
  formatFraction,
  formatSli,
  formatSliVsTarget,
  formatTarget,
  formatWindowBound,
  percentDecimals,
  sloSubtitle,
} from '../../renderer/src/lib/slo-format';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [59.9, '59 s'],
    [60, '1 m'],
    [12 * 60 + 59, '12 m'],
    [3600, '1 h'],
    [2 * 3600 + 41 * 60 + 30, '2 h 41 m'],
    [86_400, '1 d'],
    [3 * 86_400 + 4 * 3600 + 59 * 60, '3 d 4 h'],
    [-(3600 + 12 * 60), '1 h 12 m'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('budget as time', () => {
  it('says how much full outage the window can still take', () => {
    expect(budgetTimeText(2 * 3600 + 41 * 60)).toBe('2 h 41 m of full outage left this window');
  });

  it('says by how much an overspent budget is past its end', () => {
    expect(budgetTimeText(-(3600 + 12 * 60))).toBe('overspent by the equivalent of 1 h 12 m of full outage');
  });

  it('has nothing left at exactly zero, and no data for null', () => {
    expect(budgetTimeText(0)).toBe('no full outage left this window');
    expect(budgetTimeText(null)).toBe('no data');
  });
});

describe('budget remaining', () => {
  it.each([
    [0.2345, '23.4 % left'],
    [1, '100.0 % left'],
    [0, '0.0 % left'],
    [0.0004, '<0.1 % left'],
    [-0.12, 'overspent by 12.0 %'],
    [-1.5, 'overspent by 150.0 %'],
    [null, 'no data'],
  ])('%s → %s', (remaining, text) => {
    expect(formatBudgetRemaining(remaining)).toBe(text);
  });

  it('fills the bar between 0 and 100 %, an overspent budget empty', () => {
    expect(budgetBarPercent(0.5)).toBe(50);
    expect(budgetBarPercent(-0.3)).toBe(0);
    expect(budgetBarPercent(1.2)).toBe(100);
  });

  it('grades the bar: exhausted at or below 0, low under a quarter, unknown without data', () => {
    expect(budgetLevel(0.8)).toBe('healthy');
    expect(budgetLevel(0.2)).toBe('low');
    expect(budgetLevel(0)).toBe('exhausted');
    expect(budgetLevel(-0.1)).toBe('exhausted');
    expect(budgetLevel(null)).toBe('unknown');
  });

  it('rounds fractions toward zero, without a negative zero', () => {
    expect(formatFraction(0.81649)).toBe('81.6 %');
    expect(formatFraction(-0.00001)).toBe('0.0 %');
  });
});

describe('SLI and target', () => {
  it('shows a target as written', () => {
    expect(formatTarget(0.999)).toBe('99.9 %');
    expect(formatTarget(0.9995)).toBe('99.95 %');
    expect(formatTarget(0.99)).toBe('99 %');
    expect(formatTarget(1)).toBe('100 %');
    expect(percentDecimals(0.999)).toBe(1);
  });

  it('shows the SLI one decimal finer than the target, at least two', () => {
    expect(formatSliVsTarget({ sli: 0.9987, target: 0.999 })).toBe('99.87 % / 99.9 %');
    expect(formatSli(0.99953, 0.9995)).toBe('99.953 %');
    expect(formatSli(0.95, 0.9)).toBe('95.00 %');
  });

  it('never rounds an SLI below 100 % up to 100 %', () => {
    expect(formatSli(0.999999, 0.999)).toBe('99.99 %');
    expect(formatSli(1, 0.999)).toBe('100 %');
  });

  it('reads no traffic as no data, never as 100 %', () => {
    expect(formatSli(null, 0.999)).toBe('no data');
    expect(formatSliVsTarget({ sli: null, target: 0.999 })).toBe('no data / 99.9 %');
  });
});

describe('burn rates, forecast and evaluation time', () => {
  it.each([
    [null, '—'],
    [0, '0×'],
    [0.004, '<0.01×'],
    [0.42, '0.42×'],
    [1.2, '1.2×'],
    [15.24, '15.2×'],
    [120.4, '120×'],
  ])('burn rate %s → %s', (value, text) => {
    expect(formatBurnRate(value)).toBe(text);
  });

  it('says when the budget runs out at a burn rate, or that it does not this window', () => {
    const at = new Date(NOW + (3 * 86_400 + 4 * 3600) * 1000).toISOString();
    expect(forecastText(at, 2.5, NOW)).toBe('runs out in 3 d 4 h');
    expect(forecastText(null, 0.4, NOW)).toBe('not this window');
    expect(forecastText(new Date(NOW - 1000).toISOString(), 3, NOW)).toBe('already exhausted');
  });

  it('has no forecast without that burn rate', () => {
    expect(forecastText(null, null, NOW)).toBe('no data');
  });

  it('tells the age of the evaluation', () => {
    expect(evaluatedText(new Date(NOW - 40_000).toISOString(), NOW)).toBe('evaluated 40 s ago');
    expect(evaluatedText(null, NOW)).toBe('not evaluated yet');
  });

  it('shows an unreadable window bound as it came', () => {
    expect(formatWindowBound('not a time', NOW)).toBe('not a time');
  });

  it('joins service and objective, whichever are known', () => {
    expect(sloSubtitle({ service: 'checkout', objective: 'availability' })).toBe('checkout · availability');
    expect(sloSubtitle({ service: null, objective: 'latency' })).toBe('latency');
    expect(sloSubtitle({ service: null, objective: null })).toBe('');
  });
});
