import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, type Incident, type IncidentRoles } from '../../../shared/incident';
import { memoizeLast } from './memoize-last';

export type IncidentSeverity = Incident['severity'];
export type IncidentStatus = Incident['status'];

export const INCIDENT_STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const INCIDENT_SEVERITY_LABEL: Record<IncidentSeverity, string> = {
  SEV1: 'SEV1 · critical',
  SEV2: 'SEV2 · major',
  SEV3: 'SEV3 · minor',
  SEV4: 'SEV4 · low',
};

export const INCIDENT_ROLE_LABEL: Record<keyof IncidentRoles, string> = {
  commander: 'Incident commander',
  communications: 'Communications lead',
  operations: 'Ops lead',
};

export const INCIDENT_ROLES = Object.keys(INCIDENT_ROLE_LABEL) as Array<keyof IncidentRoles>;

export const TIMELINE_KIND_LABEL: Record<Incident['timeline'][number]['kind'], string> = {
  declared: 'declared',
  'alert-firing': 'alert firing',
  'alert-resolved': 'alert resolved',
  'step-done': 'step done',
  'check-done': 'check done',
  status: 'status',
  severity: 'severity',
  role: 'role',
  note: 'note',
  linked: 'linked',
};

export function isOpen(incident: Pick<Incident, 'status'>): boolean {
  return incident.status !== 'resolved';
}

function severityRank(severity: IncidentSeverity): number {
  return INCIDENT_SEVERITIES.indexOf(severity);
}

function newerFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

/**
 * Open incidents first, most severe and then most recently declared first; then resolved ones,
 * most recently resolved first.
 */
export function compareIncidents(a: Incident, b: Incident): number {
  const openA = isOpen(a);
  const openB = isOpen(b);
  if (openA !== openB) return openA ? -1 : 1;
  if (openA) return severityRank(a.severity) - severityRank(b.severity) || newerFirst(a.declaredAt, b.declaredAt) || compareIds(a.id, b.id);
  return newerFirst(a.resolvedAt, b.resolvedAt) || newerFirst(a.declaredAt, b.declaredAt) || compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface IncidentListModel {
  rows: Incident[];
  indexById: ReadonlyMap<string, number>;
}

export function buildIncidentList(incidents: readonly Incident[]): IncidentListModel {
  const rows = [...incidents].sort(compareIncidents);
  return { rows, indexById: new Map(rows.map((incident, index) => [incident.id, index])) };
}

export const selectIncidentList: (incidents: readonly Incident[]) => IncidentListModel = memoizeLast(buildIncidentList);

export function stepIncidentSelection(model: IncidentListModel, selected: string | null, direction: 1 | -1): string | null {
  const current = selected === null ? undefined : model.indexById.get(selected);
  if (current === undefined) return model.rows[0]?.id ?? null;
  const next = Math.min(model.rows.length - 1, Math.max(0, current + direction));
  return model.rows[next]?.id ?? selected;
}

/** The Incidents tab's badge: how many are open, and the worst severity among them (null when none is open). */
export function openIncidentCount(incidents: readonly Pick<Incident, 'status' | 'severity'>[]): { count: number; worst: IncidentSeverity | null } {
  let count = 0;
  let worst: IncidentSeverity | null = null;
  for (const incident of incidents) {
    if (!isOpen(incident)) continue;
    count++;
    if (worst === null || severityRank(incident.severity) < severityRank(worst)) worst = incident.severity;
  }
  return { count, worst };
}

/** SEV1 and SEV2 are paging-level (critical colours), SEV3 and SEV4 ticket-level. */
export function severityLevel(severity: IncidentSeverity): 'page' | 'ticket' {
  return severityRank(severity) <= 1 ? 'page' : 'ticket';
}

/** The statuses in order, for the status select. */
export const STATUS_ORDER: readonly IncidentStatus[] = INCIDENT_STATUSES;

/** Timeline entries oldest first (the engine appends in order; ties keep it). */
export function timelineInOrder(timeline: Incident['timeline']): Incident['timeline'] {
  return timeline
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
}
