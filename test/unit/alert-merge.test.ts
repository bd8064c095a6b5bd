import { describe, expect, it } from 'vitest';
import { mergeReports, sameAlert, type SourceReport } from '../../electron/engine/alert-merge';
import { makeAlert } from '../helpers/alerts';

function report(source: string, sourceType: SourceReport['sourceType'], overrides: Parameters<typeof makeAlert>[0] = {}, stale = false): SourceReport {
  const { sources: _sources, stale: _stale, ...alert } = makeAlert({ fingerprint: 'abc', ...overrides });
  return { source, sourceType, alert, stale };
}

describe('merging reports of one alert', () => {
  it('shows an alert reported by an HA pair once, with both sources', () => {
    const merged = mergeReports([report('am-2', 'alertmanager'), report('am-1', 'alertmanager')]);
    expect(merged).toMatchObject({ fingerprint: 'abc', sources: ['am-1', 'am-2'], state: 'firing', stale: false });
  });

  it("prefers Alertmanager's view: a silence there mutes the alert Prometheus still fires", () => {
    const merged = mergeReports([
      report('prom', 'prometheus', { startsAt: '2026-11-26T09:59:00.000Z' }),
      report('am', 'alertmanager', { state: 'suppressed', silencedBy: ['s1'] }),
    ]);
    expect(merged).toMatchObject({ state: 'suppressed', silencedBy: ['s1'], sources: ['am', 'prom'], startsAt: '2026-11-26T09:59:00.000Z' });
  });

  it('uses live reports over stale ones and is stale only when every source is down', () => {
    expect(mergeReports([report('am', 'alertmanager', { state: 'suppressed' }, true), report('prom', 'prometheus')])).toMatchObject({
      state: 'firing',
      stale: false,
    });
    expect(mergeReports([report('am', 'alertmanager', {}, true)])).toMatchObject({ stale: true });
    expect(mergeReports([])).toBeUndefined();
  });

  it('compares alerts by what the user sees', () => {
    const a = makeAlert();
    expect(sameAlert(a, { ...a, labels: { ...a.labels } })).toBe(true);
    expect(sameAlert(a, { ...a, stale: true })).toBe(false);
    expect(sameAlert(a, { ...a, annotations: { summary: 'other' } })).toBe(false);
    expect(sameAlert(a, { ...a, sources: ['x', 'y'] })).toBe(false);
  });
});
