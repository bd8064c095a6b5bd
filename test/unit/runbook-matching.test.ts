import { describe, expect, it } from 'vitest';
import type { RunbookSummary } from '../../shared/runbook';
import { namesRunbook, runbooksForAlert } from '../../shared/runbook-matching';

const runbook = (id: string, overrides: Partial<RunbookSummary> = {}): RunbookSummary => ({
  id,
  title: id,
  file: `runbooks/${id}`,
  services: [],
  alerts: null,
  severity: null,
  owner: null,
  tags: [],
  error: null,
  ...overrides,
});

const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ name: labels.alertname ?? 'X', labels, annotations });

describe('runbooks for an alert', () => {
  const catalog = [
    runbook('generic-checkout.md', { services: ['checkout'] }),
    runbook('high-error-rate.md', { alerts: 'alertname="HighErrorRate", service=~"checkout|web"' }),
    runbook('database/disk-filling-up.md', { alerts: 'alertname=~"Disk.*"' }),
    runbook('not-web.md', { alerts: 'alertname="HighErrorRate", service!="web"' }),
    runbook('broken.md', { alerts: 'service=~"("' }),
  ];

  it('puts the runbook named by runbook_url first, then matcher matches, then the service', () => {
    const found = runbooksForAlert(catalog, alert({ alertname: 'HighErrorRate', service: 'checkout' }, { runbook_url: 'runbooks/generic-checkout.md' }));
    expect(found.map((match) => [match.runbook.id, match.reason])).toEqual([
      ['generic-checkout.md', 'runbook_url'],
      ['high-error-rate.md', 'alerts'],
      ['not-web.md', 'alerts'],
    ]);
  });

  it('honours =, !=, =~ and !~ and ignores runbooks whose matchers do not parse', () => {
    expect(runbooksForAlert(catalog, alert({ alertname: 'HighErrorRate', service: 'web' })).map((m) => m.runbook.id)).toEqual(['high-error-rate.md']);
    expect(runbooksForAlert(catalog, alert({ alertname: 'DiskWillFillIn4Hours' })).map((m) => m.runbook.id)).toEqual(['database/disk-filling-up.md']);
    expect(runbooksForAlert(catalog, alert({ alertname: 'Other', service: 'search' }))).toEqual([]);
  });

  it('tells a local runbook file from a web page', () => {
    const disk = { id: 'database/disk-filling-up.md', file: 'runbooks/database/disk-filling-up.md' };
    expect(namesRunbook('database/disk-filling-up.md', disk)).toBe(true);
    expect(namesRunbook('./runbooks/database/disk-filling-up.md', disk)).toBe(true);
    expect(namesRunbook('file:///home/me/runbooks/database/disk-filling-up.md', disk)).toBe(true);
    expect(namesRunbook('https://runbooks.example.com/database/disk-filling-up.md', disk)).toBe(false);
    expect(namesRunbook('other/disk-filling-up.md', disk)).toBe(false);
    expect(namesRunbook('database/disk-filling-up', disk)).toBe(false);
  });
});
