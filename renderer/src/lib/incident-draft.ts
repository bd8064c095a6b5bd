import type { CommandInput } from '../../../shared/api';
import type { IncidentRoles } from '../../../shared/incident';
import type { Alert } from '../../../shared/model';
import type { RunbookSummary } from '../../../shared/runbook';
import type { RunbookMatch } from '../../../shared/runbook-matching';
import type { Severity } from '../../../shared/severity';
import type { Slo, SloStatus } from '../../../shared/slo';
import type { IncidentSeverity } from './incident-order';

export const TITLE_MAX = 300;
export const ROLE_MAX = 200;

export interface DraftRunbook {
  id: string;
  title: string;
  /** Why it is offered, in words ("named by the alert's runbook_url"). */
  reason: string;
  selected: boolean;
}

/** What the "Declare incident" form starts with. */
export interface IncidentDraft {
  title: string;
  severity: IncidentSeverity;
  roles: IncidentRoles;
  /** Where it is declared from, in words, shown above the form. */
  origin: string;
  fromAlert?: string;
  fromSlo?: string;
  runbooks: DraftRunbook[];
}

const NO_ROLES: IncidentRoles = { commander: '', communications: '', operations: '' };

const ALERT_SEVERITY: Record<Severity, IncidentSeverity> = { critical: 'SEV2', warning: 'SEV3', info: 'SEV4', none: 'SEV4' };
const SLO_SEVERITY: Record<SloStatus, IncidentSeverity> = { page: 'SEV2', ticket: 'SEV3', ok: 'SEV4', 'no-data': 'SEV4', error: 'SEV4' };

const MATCH_REASON: Record<RunbookMatch['reason'], string> = {
  runbook_url: "named by the alert's runbook_url",
  alerts: 'matches the alert',
  service: "for the alert's service",
};

export function emptyDraft(): IncidentDraft {
  return { title: '', severity: 'SEV3', roles: { ...NO_ROLES }, origin: 'by hand', runbooks: [] };
}

/** "HighErrorRate (checkout)": the alert's name and the label that best says where it fires. */
function describeAlertBriefly(alert: Pick<Alert, 'name' | 'labels'>): string {
  const where = alert.labels.service ?? alert.labels.job ?? alert.labels.namespace ?? alert.labels.instance;
  return where ? `${alert.name} (${where})` : alert.name;
}

/**
 * A draft from a firing alert: its summary (or name) as the title, a severity one step below the
 * top for critical alerts (SEV1 is a call the humans make), and its matching runbooks, those it
 * names or matches ticked.
 */
export function draftFromAlert(alert: Alert, matches: readonly RunbookMatch[]): IncidentDraft {
  const summary = alert.annotations.summary?.trim().replace(/\s+/g, ' ');
  const described = describeAlertBriefly(alert);
  return {
    title: clip(summary || described, TITLE_MAX),
    severity: ALERT_SEVERITY[alert.severity],
    roles: { ...NO_ROLES },
    origin: `alert ${described}`,
    fromAlert: alert.fingerprint,
    runbooks: matches.map((match) => ({
      id: match.runbook.id,
      title: match.runbook.title,
      reason: MATCH_REASON[match.reason],
      selected: match.reason !== 'service',
    })),
  };
}

/** A draft from an SLO at risk; runbooks that list its service are offered, ticked. */
export function draftFromSlo(slo: Slo, runbooks: readonly RunbookSummary[]): IncidentDraft {
  const name = slo.displayName || slo.name;
  const service = slo.service;
  return {
    title: clip(`${name}: error budget burning`, TITLE_MAX),
    severity: SLO_SEVERITY[slo.status],
    roles: { ...NO_ROLES },
    origin: `SLO ${name}`,
    fromSlo: slo.id,
    runbooks: service
      ? runbooks.filter((runbook) => runbook.services.includes(service)).map((runbook) => ({ id: runbook.id, title: runbook.title, reason: `for service ${service}`, selected: true }))
      : [],
  };
}

/** Why the draft cannot be declared yet, or null. */
export function draftProblem(draft: Pick<IncidentDraft, 'title' | 'roles'>): string | null {
  const title = draft.title.trim();
  if (title === '') return 'Give the incident a title.';
  if (title.length > TITLE_MAX) return `The title is longer than ${TITLE_MAX} characters.`;
  if (Object.values(draft.roles).some((name) => name.trim().length > ROLE_MAX)) return `A name is longer than ${ROLE_MAX} characters.`;
  return null;
}

export function declareInput(draft: IncidentDraft): CommandInput<'declareIncident'> {
  const runbookIds = draft.runbooks.filter((runbook) => runbook.selected).map((runbook) => runbook.id);
  return {
    title: draft.title.trim(),
    severity: draft.severity,
    roles: { commander: draft.roles.commander.trim(), communications: draft.roles.communications.trim(), operations: draft.roles.operations.trim() },
    ...(draft.fromAlert !== undefined ? { fromAlert: draft.fromAlert } : {}),
    ...(draft.fromSlo !== undefined ? { fromSlo: draft.fromSlo } : {}),
    ...(runbookIds.length > 0 ? { runbookIds } : {}),
  };
}

/** `postmortem-2026-11-26-checkout-error-rate.md`: the day declared and the title, file-name safe. */
export function postmortemFileName(title: string, declaredAt: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(declaredAt)?.[0];
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'incident';
  return `postmortem-${day ? `${day}-` : ''}${slug}.md`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
