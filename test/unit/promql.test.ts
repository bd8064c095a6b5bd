import { describe, expect, it } from 'vitest';
import {
  PromqlError,
  collectCounts,
  combinedCountsQuery,
  countQueries,
  displayQueries,
  historyStep,
  historyTimes,
  isSeriesSelector,
  parseSampleValue,
  promDuration,
  promOperator,
  resolveCounts,
} from '../../electron/slo/promql';
import type { IndicatorDefinition } from '../../electron/slo/slo-definition';
import { BURN_WINDOWS } from '../../shared/slo';

const GOOD: IndicatorDefinition = { kind: 'ratio', good: 'http_requests_total{code="200"}', total: 'http_requests_total' };
const BAD: IndicatorDefinition = { kind: 'ratio', bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' };
const LATENCY: IndicatorDefinition = { kind: 'ratio', good: 'http_request_duration_seconds_bucket{le="0.3"}', total: 'http_request_duration_seconds_count' };
const THRESHOLD: IndicatorDefinition = { kind: 'threshold', query: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))', op: 'lte', value: 0.3, sliceSeconds: 60 };

describe('promDuration', () => {
  it.each([
    [300, '5m'],
    [1_800, '30m'],
    [3_600, '1h'],
    [7_200, '2h'],
    [21_600, '6h'],
    [86_400, '1d'],
    [259_200, '3d'],
    [2_592_000, '30d'],
    [2_640, '44m'],
    [90, '90s'],
    [3_601, '3601s'],
    [1, '1s'],
    [0.5, '500ms'],
    [1.25, '1250ms'],
  ])('%s s → %s', (seconds, text) => {
    expect(promDuration(seconds)).toBe(text);
  });

  it.each([0, -60, Number.NaN, Number.POSITIVE_INFINITY, 0.0001])('refuses %s', (seconds) => {
    expect(() => promDuration(seconds)).toThrow(PromqlError);
  });
});

describe('isSeriesSelector', () => {
  it.each([
    'http_requests_total',
    'http_requests_total{code="200"}',
    ' http_requests_total { code = "200", service=~"a|b" } ',
    'job:requests:rate5m{job="api"}',
    '{__name__="http_requests_total"}',
    'x{path="/a{b}", q=\'it\\\'s\'}',
    'x{a=`raw "string"`}',
  ])('accepts %s', (query) => {
    expect(isSeriesSelector(query)).toBe(true);
  });

  it.each(['', 'sum(http_requests_total)', 'rate(x[5m])', 'x[5m]', 'x offset 5m', 'x{a="b"} / y', 'x{a="b"', '(x)', '1'])('rejects %s', (query) => {
    expect(isSeriesSelector(query)).toBe(false);
  });
});

describe('count queries', () => {
  it('counts good and total events with increase (which handles counter resets)', () => {
    expect(countQueries(GOOD, 300)).toEqual({
      kind: 'good',
      numerator: 'sum(increase(http_requests_total{code="200"}[5m]))',
      total: 'sum(increase(http_requests_total[5m]))',
    });
  });

  it('counts bad events for a bad/total ratio', () => {
    expect(countQueries(BAD, 259_200)).toEqual({
      kind: 'bad',
      numerator: 'sum(increase(http_requests_total{code=~"5.."}[3d]))',
      total: 'sum(increase(http_requests_total[3d]))',
    });
  });

  it('counts time slices for a threshold SLI with a subquery at the slice resolution', () => {
    expect(countQueries(THRESHOLD, 3_600)).toEqual({
      kind: 'good',
      numerator: 'sum(sum_over_time(((histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))) <= bool 0.3)[1h:1m]))',
      total: 'sum(count_over_time((histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))))[1h:1m]))',
    });
  });

  it.each([
    ['lt', '<'],
    ['lte', '<='],
    ['gt', '>'],
    ['gte', '>='],
  ] as const)('maps %s to %s', (op, symbol) => {
    expect(promOperator(op)).toBe(symbol);
    expect(countQueries({ ...THRESHOLD, op, query: 'up', value: 1, sliceSeconds: 300 }, 1_800).numerator).toBe(`sum(sum_over_time(((up) ${symbol} bool 1)[30m:5m]))`);
  });

  it('refuses a ratio query that is not a series selector, naming it (Prometheus cannot range over an expression)', () => {
    expect(() => countQueries({ kind: 'ratio', good: 'sum(rate(x[5m]))', total: 'x' }, 300)).toThrow(/good query of a ratio SLI must be a series selector.*sum\(rate\(x\[5m\]\)\)/);
    expect(() => countQueries({ kind: 'ratio', bad: 'x', total: 'x + y' }, 300)).toThrow(/total query/);
  });

  it('asks for every range in one query, each part tagged with its kind and range', () => {
    const query = combinedCountsQuery(GOOD, [
      { key: '5m', seconds: 300 },
      { key: 'window', seconds: 2_592_000 },
    ]);
    expect(query).toBe(
      [
        'label_replace(label_replace(sum(increase(http_requests_total{code="200"}[5m])), "occ_kind", "good", "", ""), "occ_range", "5m", "", "")',
        'label_replace(label_replace(sum(increase(http_requests_total[5m])), "occ_kind", "total", "", ""), "occ_range", "5m", "", "")',
        'label_replace(label_replace(sum(increase(http_requests_total{code="200"}[30d])), "occ_kind", "good", "", ""), "occ_range", "window", "", "")',
        'label_replace(label_replace(sum(increase(http_requests_total[30d])), "occ_kind", "total", "", ""), "occ_range", "window", "", "")',
      ].join('\nor\n'),
    );
    const all = combinedCountsQuery(BAD, [...BURN_WINDOWS.map((w) => ({ key: w, seconds: 60 })), { key: 'window', seconds: 60 }]);
    expect(all.split('\nor\n')).toHaveLength(16);
    expect(all).toContain('"occ_kind", "bad"');
    expect(() => combinedCountsQuery(GOOD, [])).toThrow(PromqlError);
  });
});

describe('reading counts', () => {
  const sample = (kind: string, range: string, value: number) => ({ labels: { occ_kind: kind, occ_range: range }, value });

  it('collects each range’s parts from the tagged samples, leaving absent parts null', () => {
    const parts = collectCounts([sample('good', '5m', 90), sample('total', '5m', 100), sample('total', '1h', 0), { labels: { other: 'x' }, value: 1 }]);
    expect(parts.get('5m')).toEqual({ good: 90, bad: null, total: 100 });
    expect(parts.get('1h')).toEqual({ good: null, bad: null, total: 0 });
    expect(parts.get('window')).toBeUndefined();
  });

  it.each([
    ['both present', GOOD, { good: 90, total: 100 }, { good: 90, total: 100 }],
    ['no series at all: no data', GOOD, undefined, { good: null, total: null }],
    ['total missing: no data', GOOD, { good: 5 }, { good: 5, total: null }],
    ['good series missing next to a total: zero good (total outage)', GOOD, { total: 100 }, { good: 0, total: 100 }],
    ['zero traffic stays zero, not missing', GOOD, { good: 0, total: 0 }, { good: 0, total: 0 }],
    ['bad: good = total − bad', BAD, { bad: 10, total: 100 }, { good: 90, total: 100 }],
    ['bad series missing next to a total: no errors yet', BAD, { total: 100 }, { good: 100, total: 100 }],
    ['bad: total missing: no data', BAD, { bad: 10 }, { good: null, total: null }],
    ['bad above total stays visible as negative good (a data error)', BAD, { bad: 120, total: 100 }, { good: -20, total: 100 }],
    ['NaN total: no data', GOOD, { good: 1, total: Number.NaN }, { good: 1, total: null }],
    ['threshold: slices', THRESHOLD, { good: 50, total: 60 }, { good: 50, total: 60 }],
    ['threshold: no slices with data', THRESHOLD, undefined, { good: null, total: null }],
  ] as const)('%s', (_name, indicator, parts, expected) => {
    expect(resolveCounts(indicator, parts)).toEqual(expected);
  });

  it.each([
    ['1.5', 1.5],
    ['0', 0],
    ['1e+06', 1_000_000],
    ['+Inf', Number.POSITIVE_INFINITY],
    ['-Inf', Number.NEGATIVE_INFINITY],
  ])('parses sample value %s', (text, value) => {
    expect(parseSampleValue(text)).toBe(value);
  });

  it('parses NaN', () => {
    expect(parseSampleValue('NaN')).toBeNaN();
  });
});

describe('display queries', () => {
  it('shows SLI, good, total and burn rates for good/total', () => {
    const queries = displayQueries(GOOD, 0.999, 2_592_000);
    expect(queries.sli).toBe('(sum(rate(http_requests_total{code="200"}[30d])) or vector(0)) / sum(rate(http_requests_total[30d]))');
    expect(queries.good).toBe('sum(increase(http_requests_total{code="200"}[30d]))');
    expect(queries.total).toBe('sum(increase(http_requests_total[30d]))');
    expect(queries.burnRate['1h']).toBe('(1 - ((sum(rate(http_requests_total{code="200"}[1h])) or vector(0)) / sum(rate(http_requests_total[1h])))) / (1 - 0.999)');
    expect(Object.keys(queries.burnRate)).toEqual([...BURN_WINDOWS]);
  });

  it('shows good as total − bad for bad/total', () => {
    const queries = displayQueries(BAD, 0.99, 2_419_200);
    expect(queries.sli).toBe('1 - (sum(rate(http_requests_total{code=~"5.."}[28d])) or vector(0)) / sum(rate(http_requests_total[28d]))');
    expect(queries.good).toBe('sum(increase(http_requests_total[28d])) - (sum(increase(http_requests_total{code=~"5.."}[28d])) or vector(0))');
    expect(queries.burnRate['5m']).toBe('(1 - (1 - (sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0)) / sum(rate(http_requests_total[5m])))) / (1 - 0.99)');
  });

  it('shows a latency ratio over its bucket, and good slices over slices for a threshold SLI', () => {
    const queries = displayQueries(LATENCY, 0.99, 86_400);
    expect(queries.sli).toContain('http_request_duration_seconds_bucket{le="0.3"}[1d]');
    const slices = displayQueries({ kind: 'threshold', query: 'up', op: 'gte', value: 1, sliceSeconds: 300 }, 0.995, 86_400);
    expect(slices.sli).toBe('sum(sum_over_time(((up) >= bool 1)[1d:5m])) / sum(count_over_time((up)[1d:5m]))');
    expect(slices.burnRate['6h']).toBe('(1 - (sum(sum_over_time(((up) >= bool 1)[6h:5m])) / sum(count_over_time((up)[6h:5m])))) / (1 - 0.995)');
  });
});

describe('history steps', () => {
  const from = new Date('2026-11-01T00:00:00Z');
  const to = new Date('2026-12-01T00:00:00Z');

  it('keeps the caller’s step when it gives at most 1,000 points', () => {
    expect(historyStep(from, to, 2_640)).toBe(2_640);
    expect(historyTimes(from, to, 2_640)).toHaveLength(982);
  });

  it('widens a step that would give more than 1,000 points', () => {
    const step = historyStep(from, to, 60);
    expect(historyTimes(from, to, step).length).toBeLessThanOrEqual(1_000);
    expect(historyTimes(from, to, step).length).toBeGreaterThan(990);
  });

  it('gives the step times Prometheus evaluates: from, from + step, … up to to', () => {
    expect(historyTimes(from, new Date(from.getTime() + 150_000), 60)).toEqual([0, 60, 120].map((s) => from.getTime() / 1000 + s));
    expect(historyTimes(from, from, 60)).toEqual([from.getTime() / 1000]);
  });

  it('refuses a backwards range or a step that is not positive', () => {
    expect(() => historyStep(to, from, 60)).toThrow(/end after it starts/);
    expect(() => historyStep(from, to, 0)).toThrow(/positive/);
  });
});
