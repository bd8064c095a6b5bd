import { describe, expect, it } from 'vitest';
import { BURN_WINDOWS, DEFAULT_BURN_RULES, type BurnWindow, type Slo } from '../../shared/slo';
import { alertMatchesSlo, linkedAlerts, linkLabels, runbookLinks } from '../../renderer/src/lib/slo-alerts';
import { burnRateCells, burnRateLevel, thresholdsText } from '../../renderer/src/lib/slo-burn';
import {
  burndownChartModel,
  burnRateChartModel,
  samplePoints,
  summarizeBurndown,
  summarizeBurnRate,
  thresholdLines,
} from '../../renderer/src/lib/slo-chart-data';
import { buildSloListModel, matchesSloFilter, stepSloSelection } from '../../renderer/src/lib/slo-list-model';
import { compareSlosByRisk, countAtRisk, sortSlosByRisk } from '../../renderer/src/lib/slo-order';
import { shortcutFor, type KeyPress } from '../../renderer/src/lib/shortcuts';
import { makeAlert } from '../helpers/alerts';

function burnRates(values: Partial<Record<BurnWindow, number | null>> = {}): Record<BurnWindow, number | null> {
  return Object.fromEntries(BURN_WINDOWS.map((window) => [window, window in values ? values[window] : 0.5])) as Record<BurnWindow, number | null>;
}

function makeSlo(overrides: Partial<Slo> & { id: string }): Slo {
  const remaining = overrides.budget?.remaining ?? 0.5;
  return {
    name: overrides.id,
    displayName: overrides.id,
    description: '',
    service: 'checkout',
    objective: null,
    file: `slos/${overrides.id}.yaml`,
    source: 'prod-prom',
    target: 0.999,
    indicator: 'ratio',
    window: { label: '30d rolling', start: '2026-10-27T12:00:00Z', end: '2026-11-26T12:00:00Z', seconds: 2_592_000 },
    sli: 0.9995,
    budget: { remaining, consumed: remaining === null ? null : 1 - remaining, remainingSeconds: null, totalSeconds: 2592 },
    burnRates: burnRates(),
    rules: DEFAULT_BURN_RULES,
    status: 'ok',
    statusReason: 'all burn rates below their thresholds',
    forecast: { exhaustedAt1h: null, exhaustedAt6h: null },
    queries: { sli: 'sli', good: 'good', total: 'total', burnRate: Object.fromEntries(BURN_WINDOWS.map((w) => [w, `burn ${w}`])) as Record<BurnWindow, string> },
    labels: { service: 'checkout' },
    evaluatedAt: '2026-11-26T12:00:00Z',
    stale: false,
    error: null,
    dataErrors: [],
    ...overrides,
  };
}

const budget = (remaining: number | null) => ({ remaining, consumed: null, remainingSeconds: null, totalSeconds: 2592 });

describe('risk order', () => {
  const slos = [
    makeSlo({ id: 'ok-low', status: 'ok', budget: budget(0.1) }),
    makeSlo({ id: 'no-data', status: 'no-data', budget: budget(null) }),
    makeSlo({ id: 'ticket-high', status: 'ticket', budget: budget(0.7) }),
    makeSlo({ id: 'page-high', status: 'page', budget: budget(0.9) }),
    makeSlo({ id: 'error', status: 'error', budget: budget(0.4) }),
    makeSlo({ id: 'ticket-overspent', status: 'ticket', budget: budget(-0.2) }),
    makeSlo({ id: 'page-low', status: 'page', budget: budget(0.05) }),
    makeSlo({ id: 'ok-high', status: 'ok', budget: budget(0.95) }),
  ];

  it('puts page first, then ticket, then error and no data, then ok; least budget first within a status', () => {
    expect(sortSlosByRisk(slos).map((slo) => slo.id)).toEqual([
      'page-low',
      'page-high',
      'ticket-overspent',
      'ticket-high',
      'error',
      'no-data',
      'ok-low',
      'ok-high',
    ]);
  });

  it('puts an unknown budget after known ones within a status, and ties by name', () => {
    const a = makeSlo({ id: 'a', displayName: 'Alpha', status: 'ok', budget: budget(null) });
    const b = makeSlo({ id: 'b', displayName: 'Beta', status: 'ok', budget: budget(0.99) });
    const c = makeSlo({ id: 'c', displayName: 'Gamma', status: 'ok', budget: budget(null) });
    expect([c, a, b].sort(compareSlosByRisk).map((slo) => slo.id)).toEqual(['b', 'a', 'c']);
  });

  it('does not change the input', () => {
    const before = slos.map((slo) => slo.id);
    sortSlosByRisk(slos);
    expect(slos.map((slo) => slo.id)).toEqual(before);
  });

  it('counts what the SLO tab badge shows', () => {
    expect(countAtRisk(slos)).toEqual({ page: 2, ticket: 2 });
  });
});

describe('SLO list model', () => {
  const slos = [
    makeSlo({ id: 'checkout', displayName: 'Checkout availability', service: 'checkout', status: 'page' }),
    makeSlo({ id: 'search', displayName: 'Search latency', service: 'search', status: 'ticket', labels: { service: 'search', team: 'discovery' } }),
    makeSlo({ id: 'mail', displayName: 'Email delivery', service: 'mailer', status: 'no-data', stale: true }),
  ];

  it('filters by words in name, service, status, labels and staleness; every word must match', () => {
    expect(matchesSloFilter(slos[1]!, 'discovery')).toBe(true);
    expect(matchesSloFilter(slos[1]!, 'SEARCH ticket')).toBe(true);
    expect(matchesSloFilter(slos[1]!, 'search page')).toBe(false);
    expect(matchesSloFilter(slos[2]!, 'no data')).toBe(true);
    expect(matchesSloFilter(slos[2]!, 'stale')).toBe(true);
    expect(matchesSloFilter(slos[0]!, '  ')).toBe(true);
  });

  it('sorts the visible rows by risk and indexes them', () => {
    const model = buildSloListModel(slos, '');
    expect(model.rows.map((slo) => slo.id)).toEqual(['checkout', 'search', 'mail']);
    expect(model.indexById.get('mail')).toBe(2);
    expect(buildSloListModel(slos, 'search')).toMatchObject({ totalCount: 3, rows: [{ id: 'search' }] });
  });

  it('moves the selection row by row, stopping at the ends, starting at the top', () => {
    const model = buildSloListModel(slos, '');
    expect(stepSloSelection(model, null, 1)).toBe('checkout');
    expect(stepSloSelection(model, null, -1)).toBe('checkout');
    expect(stepSloSelection(model, 'checkout', 1)).toBe('search');
    expect(stepSloSelection(model, 'mail', 1)).toBe('mail');
    expect(stepSloSelection(model, 'checkout', -1)).toBe('checkout');
    expect(stepSloSelection(model, 'filtered-out', 1)).toBe('checkout');
    expect(stepSloSelection(buildSloListModel([], ''), null, 1)).toBeNull();
  });
});

describe('burn-rate highlighting', () => {
  it('marks a value above a page rule threshold of its window as page', () => {
    expect(burnRateLevel('1h', 15.2, DEFAULT_BURN_RULES)).toBe('page');
    expect(burnRateLevel('5m', 14.5, DEFAULT_BURN_RULES)).toBe('page');
    expect(burnRateLevel('30m', 6.1, DEFAULT_BURN_RULES)).toBe('page');
  });

  it('marks a value above only a ticket threshold as ticket; 6h takes part in both kinds', () => {
    expect(burnRateLevel('2h', 3.4, DEFAULT_BURN_RULES)).toBe('ticket');
    expect(burnRateLevel('6h', 1.4, DEFAULT_BURN_RULES)).toBe('ticket');
    expect(burnRateLevel('6h', 6.5, DEFAULT_BURN_RULES)).toBe('page');
  });

  it('does not mark a value at or below every threshold, or no data', () => {
    expect(burnRateLevel('1h', 14.4, DEFAULT_BURN_RULES)).toBeNull();
    expect(burnRateLevel('1d', 2.9, DEFAULT_BURN_RULES)).toBeNull();
    expect(burnRateLevel('3d', null, DEFAULT_BURN_RULES)).toBeNull();
  });

  it('uses the SLO’s own rules, and windows no rule uses are never marked', () => {
    const rules = [{ severity: 'page' as const, threshold: 2, long: '1h' as const, short: '5m' as const }];
    expect(burnRateLevel('1h', 2.5, rules)).toBe('page');
    expect(burnRateLevel('1d', 50, rules)).toBeNull();
    expect(thresholdsText('1d', rules)).toBe('no rule uses this window');
    expect(thresholdsText('6h', DEFAULT_BURN_RULES)).toBe('page above 6× (6h and 30m); ticket above 1× (3d and 6h)');
  });

  it('gives all seven windows in order', () => {
    const cells = burnRateCells(burnRates({ '5m': 16, '3d': null }), DEFAULT_BURN_RULES);
    expect(cells.map((cell) => cell.window)).toEqual([...BURN_WINDOWS]);
    expect(cells[0]).toEqual({ window: '5m', value: 16, level: 'page' });
    expect(cells[6]).toEqual({ window: '3d', value: null, level: null });
  });
});

describe('linked alerts', () => {
  const slo = makeSlo({ id: 'checkout', service: 'checkout', labels: { service: 'checkout', team: 'payments', runbook_url: 'https://runbooks.example.com/slo' } });
  const checkoutCritical = makeAlert({
    fingerprint: 'c1',
    name: 'HighErrorRate',
    severity: 'critical',
    labels: { alertname: 'HighErrorRate', service: 'checkout' },
    annotations: { runbook_url: 'https://runbooks.example.com/errors' },
  });
  const checkoutWarning = makeAlert({ fingerprint: 'c2', name: 'Latency', severity: 'warning', labels: { alertname: 'Latency', service: 'checkout', team: 'payments' } });
  const searchSameTeam = makeAlert({ fingerprint: 's1', name: 'SearchDown', labels: { alertname: 'SearchDown', service: 'search', team: 'payments' } });
  const unlabelled = makeAlert({ fingerprint: 'u1', name: 'Other', labels: { alertname: 'Other' } });
  const silenced = makeAlert({ fingerprint: 'c3', name: 'Muted', state: 'suppressed', silencedBy: ['s'], labels: { alertname: 'Muted', service: 'checkout' } });

  it('links alerts that share a label and contradict none', () => {
    const labels = linkLabels(slo);
    expect(labels).toEqual({ service: 'checkout', team: 'payments' });
    expect(alertMatchesSlo(checkoutCritical, labels)).toBe(true);
    expect(alertMatchesSlo(checkoutWarning, labels)).toBe(true);
    expect(alertMatchesSlo(searchSameTeam, labels)).toBe(false);
    expect(alertMatchesSlo(unlabelled, labels)).toBe(false);
  });

  it('lists only firing alerts, most severe first', () => {
    expect(linkedAlerts(slo, [checkoutWarning, unlabelled, silenced, searchSameTeam, checkoutCritical]).map((alert) => alert.fingerprint)).toEqual(['c1', 'c2']);
  });

  it('falls back to the SLO’s service when its labels name none, and links nothing without labels', () => {
    expect(linkLabels({ labels: {}, service: 'checkout' })).toEqual({ service: 'checkout' });
    expect(linkedAlerts({ labels: {}, service: null }, [checkoutCritical])).toEqual([]);
  });

  it('collects the SLO’s runbook and the linked alerts’ runbooks, each once', () => {
    const again = makeAlert({ fingerprint: 'c4', name: 'Again', labels: { alertname: 'Again', service: 'checkout' }, annotations: { runbook_url: 'https://runbooks.example.com/errors' } });
    expect(runbookLinks(slo, [checkoutCritical, checkoutWarning, again])).toEqual([
      { url: 'https://runbooks.example.com/slo', from: 'SLO' },
      { url: 'https://runbooks.example.com/errors', from: 'HighErrorRate' },
    ]);
  });
});

describe('chart data', () => {
  const history = {
    t: [1000, 2000, 3000, 4000],
    budgetRemaining: [1, 0.5, null, -0.25],
    burnRate1h: [0.5, null, 16, 2],
    rules: DEFAULT_BURN_RULES,
  };

  it('turns the burn-down into percent, keeps nulls as gaps and adds the 0 % line', () => {
    const model = burndownChartModel(history);
    expect(model.data).toEqual([
      [1000, 2000, 3000, 4000],
      [100, 50, null, -25],
      [0, 0, 0, 0],
    ]);
    expect(model.series.map((series) => series.kind)).toEqual(['value', 'zero']);
    expect(model.valueCount).toBe(3);
  });

  it('draws the 1 h burn rate with one line per threshold, highest first, gaps kept', () => {
    const model = burnRateChartModel(history);
    expect(model.data[1]).toEqual([0.5, null, 16, 2]);
    expect(model.data.slice(2)).toEqual([
      [14.4, 14.4, 14.4, 14.4],
      [6, 6, 6, 6],
      [3, 3, 3, 3],
      [1, 1, 1, 1],
    ]);
    expect(model.series.map((series) => `${series.kind}:${series.label}`)).toEqual([
      'value:1 h burn rate',
      'page:page 14.4× (1h/5m)',
      'page:page 6× (6h/30m)',
      'ticket:ticket 3× (1d/2h)',
      'ticket:ticket 1× (3d/6h)',
    ]);
  });

  it('draws rules sharing a severity and threshold once', () => {
    const rules = [
      { severity: 'page' as const, threshold: 10, long: '1h' as const, short: '5m' as const },
      { severity: 'page' as const, threshold: 10, long: '6h' as const, short: '30m' as const },
    ];
    expect(thresholdLines(rules)).toEqual([{ severity: 'page', threshold: 10, label: 'page 10× (1h/5m, 6h/30m)' }]);
  });

  it('cuts series to the shortest length and turns non-finite values into gaps', () => {
    const model = burnRateChartModel({ t: [1, 2, 3], burnRate1h: [Number.NaN, Number.POSITIVE_INFINITY, 1, 7], rules: [] });
    expect(model.data).toEqual([
      [1, 2, 3],
      [null, null, 1],
    ]);
  });

  it('summarises both charts in words for their accessible names', () => {
    const time = (seconds: number) => `t${seconds}`;
    expect(summarizeBurndown(burndownChartModel(history), time)).toBe(
      'Error budget left over the window, 3 points from t1000 to t4000: 100.0 % at the start, -25.0 % at the end, lowest -25.0 % at t4000. The budget was overspent.',
    );
    expect(summarizeBurnRate(burnRateChartModel(history), time)).toContain('2× at the end, highest 16× at t3000. Threshold lines: page 14.4× (1h/5m);');
    expect(summarizeBurndown(burndownChartModel({ t: [1], budgetRemaining: [null] }), time)).toBe('Error budget left over the window: no data.');
  });

  it('samples at most a dozen points for the text table, first and last included', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const points = samplePoints(x, x.map((i) => (i === 999 ? null : i)));
    expect(points).toHaveLength(12);
    expect(points[0]).toEqual({ t: 0, value: 0 });
    expect(points.at(-1)).toEqual({ t: 999, value: null });
    expect(samplePoints([5], [1])).toEqual([{ t: 5, value: 1 }]);
    expect(samplePoints([], [])).toEqual([]);
  });
});

describe('view shortcuts', () => {
  const press = (key: string, target: KeyPress['target'] = 'other'): KeyPress => ({ key, target, ctrlKey: false, metaKey: false, altKey: false });

  it('switches views with 1 and 2', () => {
    expect(shortcutFor(press('1'))).toBe('show-alerts');
    expect(shortcutFor(press('2'))).toBe('show-slos');
  });

  it('switches views with g a and g s; g then another key acts as that key alone', () => {
    expect(shortcutFor(press('g'))).toBe('prefix-g');
    expect(shortcutFor(press('a'), 'g')).toBe('show-alerts');
    expect(shortcutFor(press('s'), 'g')).toBe('show-slos');
    expect(shortcutFor(press('j'), 'g')).toBe('next');
    expect(shortcutFor(press('s'))).toBeNull();
    // Alone, a acknowledges the selected alert.
    expect(shortcutFor(press('a'))).toBe('acknowledge');
  });

  it('leaves typing alone', () => {
    expect(shortcutFor(press('2', 'editable'))).toBeNull();
    expect(shortcutFor(press('s', 'editable'), 'g')).toBeNull();
  });
});
