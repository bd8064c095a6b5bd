import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/incident';
import type { RunbookSummary } from '../../shared/runbook';
import { runbooksForAlert } from '../../shared/runbook-matching';
import type { Slo } from '../../shared/slo';
import { declareInput, draftFromAlert, draftFromSlo, draftProblem, emptyDraft, postmortemFileName } from '../../renderer/src/lib/incident-draft';
import {
  buildIncidentList,
  compareIncidents,
  openIncidentCount,
  severityLevel,
  stepIncidentSelection,
  timelineInOrder,
} from '../../renderer/src/lib/incident-order';
import { shortcutFor } from '../../renderer/src/lib/shortcuts';
import { makeAlert } from '../helpers/alerts';

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    title: id,
    severity: 'SEV3',
    status: 'investigating',
    roles: { commander: '', communications: '', operations: '' },
    declaredAt: '2026-11-26T10:00:00.000Z',
    resolvedAt: null,
    origin: 'by hand',
    linkedAlerts: [],
    linkedRunbooks: [],
    linkedSlos: [],
    checklistSessionId: null,
    timeline: [],
    ...overrides,
  };
}

describe('incident list order', () => {
  const incidents = [
    incident('resolved-early', { status: 'resolved', severity: 'SEV1', resolvedAt: '2026-11-26T09:00:00Z', declaredAt: '2026-11-26T08:00:00Z' }),
    incident('sev3-new', { severity: 'SEV3', declaredAt: '2026-11-26T11:00:00Z' }),
    incident('sev1-monitoring', { severity: 'SEV1', status: 'monitoring', declaredAt: '2026-11-26T07:00:00Z' }),
    incident('resolved-late', { status: 'resolved', resolvedAt: '2026-11-26T12:00:00Z' }),
    incident('sev3-old', { severity: 'SEV3', declaredAt: '2026-11-26T09:00:00Z' }),
    incident('sev2', { severity: 'SEV2', status: 'identified' }),
  ];

  it('puts open incidents first, most severe then newest; resolved ones after, last resolved first', () => {
    expect(buildIncidentList(incidents).rows.map((row) => row.id)).toEqual(['sev1-monitoring', 'sev2', 'sev3-new', 'sev3-old', 'resolved-late', 'resolved-early']);
  });

  it('is a total order (stable whatever the input order)', () => {
    const reversed = buildIncidentList([...incidents].reverse()).rows.map((row) => row.id);
    expect(reversed).toEqual(buildIncidentList(incidents).rows.map((row) => row.id));
    expect(compareIncidents(incidents[1]!, incidents[1]!)).toBe(0);
  });

  it('moves the selection with j/k, stopping at the ends', () => {
    const model = buildIncidentList(incidents);
    expect(stepIncidentSelection(model, null, 1)).toBe('sev1-monitoring');
    expect(stepIncidentSelection(model, 'sev2', 1)).toBe('sev3-new');
    expect(stepIncidentSelection(model, 'resolved-early', 1)).toBe('resolved-early');
    expect(stepIncidentSelection(buildIncidentList([]), null, 1)).toBeNull();
  });

  it('counts open incidents for the tab badge, with the worst severity', () => {
    expect(openIncidentCount(incidents)).toEqual({ count: 4, worst: 'SEV1' });
    expect(openIncidentCount([incident('a', { severity: 'SEV4' }), incident('b', { severity: 'SEV3' })])).toEqual({ count: 2, worst: 'SEV3' });
    expect(openIncidentCount([incident('a', { status: 'resolved' })])).toEqual({ count: 0, worst: null });
    expect(openIncidentCount([])).toEqual({ count: 0, worst: null });
  });

  it('shows SEV1 and SEV2 in paging colours, SEV3 and SEV4 in ticket colours', () => {
    expect(['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((severity) => severityLevel(severity as Incident['severity']))).toEqual(['page', 'page', 'ticket', 'ticket']);
  });

  it('orders the timeline oldest first, keeping the engine order for equal times', () => {
    const entry = (id: string, at: string) => ({ id, at, kind: 'note' as const, text: id, key: false });
    const timeline = [entry('e2', '2026-11-26T10:05:00Z'), entry('e1', '2026-11-26T10:00:00Z'), entry('e3', '2026-11-26T10:05:00Z')];
    expect(timelineInOrder(timeline).map((item) => item.id)).toEqual(['e1', 'e2', 'e3']);
  });
});

describe('keys for the new views', () => {
  const press = (key: string) => ({ key, ctrlKey: false, metaKey: false, altKey: false, target: 'other' as const });
  it('3 and g r show runbooks, 4 and g i show incidents', () => {
    expect(shortcutFor(press('3'))).toBe('show-runbooks');
    expect(shortcutFor(press('4'))).toBe('show-incidents');
    expect(shortcutFor(press('r'), 'g')).toBe('show-runbooks');
    expect(shortcutFor(press('i'), 'g')).toBe('show-incidents');
    expect(shortcutFor(press('r'))).toBeNull();
  });
});

const runbook = (id: string, overrides: Partial<RunbookSummary> = {}): RunbookSummary => ({
  id,
  title: id,
  file: id,
  services: [],
  alerts: null,
  severity: null,
  owner: null,
  tags: [],
  error: null,
  ...overrides,
});

describe('declaring an incident', () => {
  const runbooks = [
    runbook('high-error-rate.md', { title: 'High error rate', alerts: 'alertname="HighErrorRate"' }),
    runbook('checkout.md', { title: 'Checkout', services: ['checkout'] }),
  ];

  it('from an alert: its summary as title, a severity from its own, linked to it, matching runbooks offered', () => {
    const alert = makeAlert({ fingerprint: 'fp1', name: 'HighErrorRate', severity: 'critical', annotations: { summary: '  5% of checkout\nrequests fail ' } });
    const draft = draftFromAlert(alert, runbooksForAlert(runbooks, alert));
    expect(draft).toMatchObject({ title: '5% of checkout requests fail', severity: 'SEV2', fromAlert: 'fp1', origin: 'alert HighErrorRate (checkout)' });
    expect(draft.runbooks).toEqual([
      { id: 'high-error-rate.md', title: 'High error rate', reason: 'matches the alert', selected: true },
      { id: 'checkout.md', title: 'Checkout', reason: "for the alert's service", selected: false },
    ]);
    expect(declareInput({ ...draft, roles: { commander: ' Ada ', communications: '', operations: '' } })).toEqual({
      title: '5% of checkout requests fail',
      severity: 'SEV2',
      roles: { commander: 'Ada', communications: '', operations: '' },
      fromAlert: 'fp1',
      runbookIds: ['high-error-rate.md'],
    });
  });

  it('from an alert without a summary: its name and where it fires', () => {
    const alert = makeAlert({ name: 'DiskFilling', severity: 'warning', labels: { alertname: 'DiskFilling', instance: 'db-2' }, annotations: {} });
    expect(draftFromAlert(alert, [])).toMatchObject({ title: 'DiskFilling (db-2)', severity: 'SEV3' });
  });

  it('from an SLO: its name, a severity from its status, runbooks for its service', () => {
    const slo = { id: 'checkout-availability', name: 'checkout-availability', displayName: 'Checkout availability', service: 'checkout', status: 'page' } as Slo;
    const draft = draftFromSlo(slo, runbooks);
    expect(draft).toMatchObject({ title: 'Checkout availability: error budget burning', severity: 'SEV2', fromSlo: 'checkout-availability', origin: 'SLO Checkout availability' });
    expect(declareInput(draft)).toMatchObject({ fromSlo: 'checkout-availability', runbookIds: ['checkout.md'] });
    expect(declareInput(draft)).not.toHaveProperty('fromAlert');
  });

  it('by hand: needs a title', () => {
    expect(draftProblem(emptyDraft())).toBe('Give the incident a title.');
    expect(draftProblem({ ...emptyDraft(), title: '   ' })).toBe('Give the incident a title.');
    expect(draftProblem({ ...emptyDraft(), title: 'x'.repeat(301) })).toMatch(/longer than 300/);
    expect(draftProblem({ ...emptyDraft(), title: 'Checkout down' })).toBeNull();
    expect(declareInput({ ...emptyDraft(), title: ' Checkout down ' })).toEqual({
      title: 'Checkout down',
      severity: 'SEV3',
      roles: { commander: '', communications: '', operations: '' },
    });
  });

  it('names the postmortem file after the day and the title', () => {
    expect(postmortemFileName('Checkout: 5% errors (EU)!', '2026-11-26T10:00:00.000Z')).toBe('postmortem-2026-11-26-checkout-5-errors-eu.md');
    expect(postmortemFileName('Größere Störung', '2026-11-26T10:00:00Z')).toBe('postmortem-2026-11-26-grossere-storung.md');
    expect(postmortemFileName('!!!', 'not a date')).toBe('postmortem-incident.md');
    expect(postmortemFileName('a'.repeat(200), '2026-11-26T10:00:00Z')).toHaveLength('postmortem-2026-11-26-'.length + 60 + '.md'.length);
  });
});
