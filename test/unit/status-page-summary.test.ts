import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeZodError } from '../../shared/api';
import { labelsFingerprint } from '../../electron/sources/fingerprint';
import { SummarySchema, readSummary, type Summary } from '../../electron/sources/status-page/statuspage-summary';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/status-pages');
const NOW = Date.parse('2026-03-10T12:00:00Z');
const context = { dependency: 'codehost', pageUrl: 'https://configured.example.com/', nowMs: NOW };

function fixture(name: string): Summary {
  return SummarySchema.parse(JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')));
}

/** The fields of the raw fixture the cases below change. */
interface RawSummary {
  page: { url: string };
  status: { indicator: string; description: string };
  components: { name: string; status: string; updated_at?: string }[];
  incidents: { id: string; name: string; status: string; impact: string; shortlink: string; started_at?: string | null; created_at?: string; incident_updates: { body: string }[] }[];
}

/** The degraded fixture with one change, for cases the real pages show only now and then. */
function degradedWith(change: (raw: RawSummary) => void): Summary {
  const raw = JSON.parse(readFileSync(path.join(fixtures, 'summary-degraded.json'), 'utf8')) as RawSummary;
  change(raw);
  return SummarySchema.parse(raw);
}

describe('Statuspage summary.json', () => {
  it('a healthy page raises nothing and reports its indicator, words, link and update time', () => {
    const report = readSummary(fixture('summary-healthy.json'), context);
    expect(report.alerts).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.status).toEqual({
      dependency: 'codehost',
      indicator: 'none',
      description: 'All Systems Operational',
      url: 'https://status.example.com/',
      updatedAt: '2026-03-10T09:14:07.512Z',
    });
  });

  it('a degraded page raises one DependencyDegraded per component not operational, group containers skipped', () => {
    const report = readSummary(fixture('summary-degraded.json'), context);
    const degraded = report.alerts.filter((alert) => alert.name === 'DependencyDegraded');
    expect(degraded.map((alert) => [alert.labels.component, alert.severity, alert.startsAt])).toEqual([
      ['Git Operations', 'warning', '2026-03-10T11:02:55.871Z'],
      ['API Requests', 'warning', '2026-03-10T11:20:03.114Z'],
      ['Frankfurt (FRA)', 'critical', '2026-03-10T11:31:40.002Z'],
    ]);
    const frankfurt = degraded[2]!;
    expect(frankfurt.labels).toEqual({ alertname: 'DependencyDegraded', dependency: 'codehost', component: 'Frankfurt (FRA)', component_group: 'Regions', severity: 'critical' });
    expect(frankfurt.fingerprint).toBe(labelsFingerprint(frankfurt.labels));
    expect(frankfurt).toMatchObject({
      state: 'firing',
      annotations: { summary: 'codehost: Frankfurt (FRA) — major outage', description: 'Partial System Outage' },
      generatorURL: 'https://status.example.com/',
      silencedBy: [],
      inhibitedBy: [],
    });
    expect(report.status).toMatchObject({ indicator: 'major', description: 'Partial System Outage', updatedAt: '2026-03-10T11:42:31.204Z' });
  });

  it('a degraded page raises one DependencyIncident per unresolved incident, with its newest update as plain text', () => {
    const report = readSummary(fixture('summary-degraded.json'), context);
    const incidents = report.alerts.filter((alert) => alert.name === 'DependencyIncident');
    expect(incidents).toHaveLength(2);
    const [pushes, webhooks] = incidents;
    expect(pushes).toMatchObject({
      labels: { alertname: 'DependencyIncident', dependency: 'codehost', incident: 'Failing git pushes in Frankfurt', severity: 'critical' },
      severity: 'critical',
      startsAt: '2026-03-10T10:58:12.325Z',
      generatorURL: 'https://stspg.io/x0s0hh7qvw3d',
      annotations: {
        summary: 'Failing git pushes in Frankfurt',
        description: 'We have identified the cause of failing git pushes in Frankfurt & are rolling out a fix.\nSome users may see timeouts until it completes.',
        incident_status: 'identified',
        runbook_url: 'https://stspg.io/x0s0hh7qvw3d',
      },
    });
    expect(pushes!.fingerprint).toBe(labelsFingerprint(pushes!.labels));
    expect(webhooks).toMatchObject({ severity: 'warning', labels: { incident: 'Delayed webhook deliveries' }, startsAt: '2026-03-10T08:12:44.099Z' });
    expect(webhooks!.annotations.description).toBe('A fix has been implemented and we are monitoring the results.');
  });

  it('maintenance: the component under maintenance is an info alert, the indicator says maintenance', () => {
    const report = readSummary(fixture('summary-maintenance.json'), context);
    expect(report.alerts).toHaveLength(1);
    expect(report.alerts[0]).toMatchObject({
      name: 'DependencyDegraded',
      severity: 'info',
      labels: { component: 'Virginia (IAD)', component_group: 'Regions', severity: 'info' },
      annotations: { summary: 'codehost: Virginia (IAD) — under maintenance', description: 'Service Under Maintenance' },
    });
    expect(report.status.indicator).toBe('maintenance');
  });

  it.each([
    ['degraded_performance', 'warning'],
    ['partial_outage', 'warning'],
    ['major_outage', 'critical'],
    ['under_maintenance', 'info'],
  ] as const)('component status %s → severity %s', (status, severity) => {
    const report = readSummary(
      degradedWith((raw) => {
        raw.components = raw.components.filter((each) => each.name === 'Webhooks');
        raw.components[0]!.status = status;
        raw.incidents = [];
      }),
      context,
    );
    expect(report.alerts.map((alert) => [alert.labels.component, alert.severity])).toEqual([['Webhooks', severity]]);
    expect(report.warnings).toEqual([]);
  });

  it.each([
    ['none', 'warning'],
    ['minor', 'warning'],
    ['major', 'critical'],
    ['critical', 'critical'],
    ['maintenance', 'info'],
    ['something-new', 'warning'],
  ] as const)('incident impact %s → severity %s', (impact, severity) => {
    const report = readSummary(
      degradedWith((raw) => {
        raw.components = [];
        raw.incidents = [raw.incidents[0]!];
        raw.incidents[0]!.impact = impact;
      }),
      context,
    );
    expect(report.alerts.map((alert) => alert.severity)).toEqual([severity]);
  });

  it.each(['none', 'minor', 'major', 'critical', 'maintenance'])('indicator %s is passed on', (indicator) => {
    const report = readSummary(degradedWith((raw) => void (raw.status.indicator = indicator)), context);
    expect(report.status.indicator).toBe(indicator);
    expect(report.warnings).toEqual([]);
  });

  it('an unknown indicator or component status is shown as unknown / warning, with a remark, not a failure', () => {
    const report = readSummary(
      degradedWith((raw) => {
        raw.status.indicator = 'purple';
        raw.components[0]!.status = 'on_fire';
      }),
      context,
    );
    expect(report.status.indicator).toBe('unknown');
    expect(report.alerts.find((alert) => alert.labels.component === 'Git Operations')).toMatchObject({ severity: 'warning', annotations: { summary: 'codehost: Git Operations — on_fire' } });
    expect(report.warnings).toEqual([
      'component "Git Operations" has a status this app does not know: "on_fire"',
      `the page's status indicator "purple" is not one this app knows`,
    ]);
  });

  it('skips incidents whose status says they are over', () => {
    const report = readSummary(
      degradedWith((raw) => {
        raw.incidents[0]!.status = 'resolved';
        raw.incidents[1]!.status = 'Postmortem';
      }),
      context,
    );
    expect(report.alerts.filter((alert) => alert.name === 'DependencyIncident')).toEqual([]);
  });

  it('takes the newest update by time even when the list is not newest first', () => {
    const report = readSummary(degradedWith((raw) => void raw.incidents[0]!.incident_updates.reverse()), context);
    expect(report.alerts.find((alert) => alert.labels.incident === 'Failing git pushes in Frankfurt')!.annotations.description).toMatch(/^We have identified/);
  });

  it('two open incidents with the same name stay two alerts', () => {
    const report = readSummary(degradedWith((raw) => void (raw.incidents[1]!.name = raw.incidents[0]!.name)), context);
    const names = report.alerts.filter((alert) => alert.name === 'DependencyIncident').map((alert) => alert.labels.incident);
    expect(names).toEqual(['Failing git pushes in Frankfurt', 'Failing git pushes in Frankfurt (m1k9v2r7t4ye)']);
  });

  it('start times: created_at when there is no started_at, now when neither, never in the future', () => {
    const report = readSummary(
      degradedWith((raw) => {
        raw.incidents[0]!.started_at = null;
        delete raw.incidents[1]!.started_at;
        delete raw.incidents[1]!.created_at;
        raw.components[0]!.updated_at = '2026-03-10T13:00:00Z';
      }),
      context,
    );
    const incidents = report.alerts.filter((alert) => alert.name === 'DependencyIncident');
    expect(incidents.map((alert) => alert.startsAt)).toEqual(['2026-03-10T10:58:12.331Z', '2026-03-10T12:00:00.000Z']);
    expect(report.alerts.find((alert) => alert.labels.component === 'Git Operations')!.startsAt).toBe('2026-03-10T12:00:00.000Z');
  });

  it('untrusted text: tags stripped from bodies, names on one line and capped, only http(s) links kept', () => {
    const report = readSummary(
      degradedWith((raw) => {
        raw.page.url = 'javascript:alert(1)';
        raw.incidents[0]!.name = `Broken\n\tlogins ${'x'.repeat(300)}`;
        raw.incidents[0]!.shortlink = 'javascript:alert(1)';
        raw.incidents[0]!.incident_updates[0]!.body = `<script>steal()</script><p>Fixed &amp; <a href="https://evil.example">verified</a></p>\u0007\u202e${'y'.repeat(2000)}`;
      }),
      context,
    );
    const incident = report.alerts.find((alert) => alert.name === 'DependencyIncident')!;
    expect(incident.labels.incident).toHaveLength(200);
    expect(incident.labels.incident).toMatch(/^Broken logins x+…$/);
    expect(incident.annotations.runbook_url).toBeUndefined();
    expect(incident.generatorURL).toBe('https://configured.example.com/');
    expect(incident.annotations.description).toHaveLength(1000);
    expect(incident.annotations.description).toMatch(/^Fixed & verified\ny+…$/);
    expect(report.status.url).toBe('https://configured.example.com/');
  });

  it('accepts the fields the real API adds and the ones it leaves out (no page, no components or incidents)', () => {
    const minimal = SummarySchema.parse({ status: { indicator: 'none', description: 'All Systems Operational' }, extra: { anything: true } });
    expect(readSummary(minimal, context)).toEqual({
      alerts: [],
      warnings: [],
      status: { dependency: 'codehost', indicator: 'none', description: 'All Systems Operational', url: 'https://configured.example.com/', updatedAt: null },
    });
  });

  it.each([
    [{}, 'status: '],
    [{ status: { indicator: 'none' } }, 'status.description: '],
    [{ status: { indicator: 'none', description: 'ok' }, components: [{ id: 'a', status: 'operational' }] }, 'components.0.name: '],
    [{ status: { indicator: 'none', description: 'ok' }, incidents: [{ id: 'a', name: 'x', status: 'identified', incident_updates: 'none' }] }, 'incidents.0.incident_updates: '],
    [{ status: { indicator: 'none', description: 'ok' }, components: {} }, 'components: '],
  ])('a wrong shape names the field: %j', (body, field) => {
    const parsed = SummarySchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(describeZodError(parsed.error!)).toContain(field);
  });
});
