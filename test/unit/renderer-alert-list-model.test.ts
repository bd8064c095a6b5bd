import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../shared/label-matchers';
import { buildAlertListModel, groupLabel } from '../../renderer/src/lib/alert-list-model';
import { compareAlerts, compareNames } from '../../renderer/src/lib/alert-order';
import { makeAlert } from '../helpers/alerts';

const old = '2026-11-26T08:00:00.000Z';
const recent = '2026-11-26T09:30:00.000Z';

const alerts = [
  makeAlert({ fingerprint: 'info-web', name: 'CertExpiring', severity: 'info', startsAt: old, labels: { alertname: 'CertExpiring', service: 'web' } }),
  makeAlert({ fingerprint: 'crit-search', name: 'HighErrorRate', severity: 'critical', startsAt: recent, labels: { alertname: 'HighErrorRate', service: 'search' } }),
  makeAlert({ fingerprint: 'warn-db', name: 'DiskFilling', severity: 'warning', startsAt: old, labels: { alertname: 'DiskFilling', service: 'db' } }),
  makeAlert({ fingerprint: 'crit-checkout', name: 'HighErrorRate', severity: 'critical', startsAt: old, labels: { alertname: 'HighErrorRate', service: 'checkout' } }),
  makeAlert({ fingerprint: 'warn-search', name: 'LatencyHigh', severity: 'warning', startsAt: recent, labels: { alertname: 'LatencyHigh', service: 'search' } }),
];

const everything = parseFilter('');

function layout(model: ReturnType<typeof buildAlertListModel>): string[] {
  return model.rows.map((row) => (row.kind === 'group' ? `# ${row.label} (${row.count})` : row.alert.fingerprint));
}

describe('compareAlerts', () => {
  it('puts the most severe first, then the oldest', () => {
    const sorted = [...alerts].sort(compareAlerts).map((alert) => alert.fingerprint);
    expect(sorted).toEqual(['crit-checkout', 'crit-search', 'warn-db', 'warn-search', 'info-web']);
  });

  it('sorts an unreadable start time after readable ones of the same severity', () => {
    const broken = makeAlert({ fingerprint: 'broken', severity: 'critical', startsAt: 'yesterday-ish' });
    expect([broken, alerts[1]!].sort(compareAlerts).map((alert) => alert.fingerprint)).toEqual(['crit-search', 'broken']);
  });
});

describe('buildAlertListModel', () => {
  it('groups by alertname, ordering groups and members by severity then age', () => {
    const model = buildAlertListModel(alerts, everything, 'alertname');
    expect(layout(model)).toEqual([
      '# HighErrorRate (2)',
      'crit-checkout',
      'crit-search',
      '# DiskFilling (1)',
      'warn-db',
      '# LatencyHigh (1)',
      'warn-search',
      '# CertExpiring (1)',
      'info-web',
    ]);
    expect(model.matchCount).toBe(5);
    expect(model.totalCount).toBe(5);
  });

  it('groups by any label, with a named bucket for alerts without it', () => {
    const unlabelled = makeAlert({ fingerprint: 'no-service', severity: 'none', labels: { alertname: 'Watchdog' } });
    const model = buildAlertListModel([...alerts, unlabelled], everything, 'service');
    expect(layout(model).filter((line) => line.startsWith('#'))).toEqual([
      '# checkout (1)',
      '# search (2)',
      '# db (1)',
      '# web (1)',
      '# (no service) (1)',
    ]);
  });

  it('groups by the normalised severity, not the raw label', () => {
    const paged = makeAlert({ fingerprint: 'p1', severity: 'critical', labels: { alertname: 'X', severity: 'P1' } });
    expect(groupLabel(paged, 'severity')).toBe('critical');
  });

  it('applies the filter and counts what it hides', () => {
    const model = buildAlertListModel(alerts, parseFilter('service="search"'), 'alertname');
    expect(layout(model)).toEqual(['# HighErrorRate (1)', 'crit-search', '# LatencyHigh (1)', 'warn-search']);
    expect(model.matchCount).toBe(2);
    expect(model.totalCount).toBe(5);
  });

  it('shows nothing for a filter that does not parse', () => {
    const model = buildAlertListModel(alerts, parseFilter('service=~"("'), 'alertname');
    expect(model.rows).toEqual([]);
  });

  it('indexes rows by fingerprint and numbers alerts without counting headers', () => {
    const model = buildAlertListModel(alerts, everything, 'alertname');
    expect(model.rowIndexByFingerprint.get('warn-db')).toBe(4);
    const positions = model.rows.flatMap((row) => (row.kind === 'alert' ? [row.position] : []));
    expect(positions).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('compareNames', () => {
  it('orders names as localeCompare does', () => {
    const names = ['b', 'B', 'a', 'á', 'Zeta', 'zeta', 'apple10', 'apple2', 'Äpfel', 'disk-full', 'DiskFull', ''];
    for (const a of names) for (const b of names) expect(Math.sign(compareNames(a, b)), `${a} vs ${b}`).toBe(Math.sign(a.localeCompare(b)));
  });
});
