import type { Severity } from '../../../shared/severity';
import type { PagerDutyIncident, PagerDutyOnCall } from '../../oncall/pagerduty-model';
import { myShift, onCallNow } from '../../oncall/pagerduty-shift';
import type { SourceAlert } from '../source';
import type { OnCallState } from './on-call-state';

export const PAGERDUTY_ALERT_NAME = 'PagerDutyIncident';

const URGENCY_SEVERITY: Record<PagerDutyIncident['urgency'], Severity> = { high: 'critical', low: 'warning' };

/**
 * An open PagerDuty incident as an alert. Acknowledged incidents stay `firing` with
 * `status: acknowledged`: the model's `suppressed` means a silence or an inhibition, and the
 * dashboard would call the incident "silenced" when it is in fact taken and still open.
 */
export function pagerDutyAlert(incident: PagerDutyIncident): SourceAlert {
  const severity = URGENCY_SEVERITY[incident.urgency];
  const labels: Record<string, string> = {
    alertname: PAGERDUTY_ALERT_NAME,
    service: incident.service.name,
    incident: `#${incident.incidentNumber}`,
    urgency: incident.urgency,
    severity,
    status: incident.status,
    source: 'pagerduty',
  };
  // Alerts labelled with the same `incident_key` are linked to the incident (shared/incident-links.ts).
  if (incident.incidentKey) labels.incident_key = incident.incidentKey;
  const link = httpUrl(incident.htmlUrl);
  return {
    fingerprint: `pagerduty:${incident.id}`,
    name: PAGERDUTY_ALERT_NAME,
    labels,
    annotations: { summary: incident.title, description: describeIncident(incident) },
    severity,
    state: 'firing',
    startsAt: incident.createdAt,
    silencedBy: [],
    inhibitedBy: [],
    ...(link ? { generatorURL: link } : {}),
  };
}

/** "Acknowledged in PagerDuty; assigned to Ada Lovelace; escalation policy Checkout on-call." */
function describeIncident(incident: PagerDutyIncident): string {
  const status = incident.status === 'acknowledged' ? 'Acknowledged in PagerDuty' : 'Triggered in PagerDuty';
  const assignees = incident.assignments.map((assignment) => assignment.assignee.name);
  const assigned = assignees.length > 0 ? `assigned to ${assignees.join(', ')}` : 'assigned to nobody';
  return `${status}; ${assigned}; escalation policy ${incident.escalationPolicy.name}.`;
}

/** My shift from `/oncalls` entries at `now`; `who` is everyone on call now, by policy, level and name, each once. */
export function pagerDutyOnCall(oncalls: readonly PagerDutyOnCall[], userId: string, now: Date): OnCallState {
  const shift = myShift(oncalls, userId, now);
  return {
    onCallNow: shift.current !== null,
    until: shift.current?.until ?? null,
    nextShiftAt: shift.nextStartsAt,
    who: [...new Set(onCallNow(oncalls, now).map((entry) => entry.user.name))],
  };
}

/** The URL when it is http(s), so a link the service sends can never run something else. */
export function httpUrl(text: string | null): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
