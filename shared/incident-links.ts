import type { Alert } from './model';

/**
 * Which Alertmanager alerts a PagerDuty incident or an Opsgenie alert stands for, so one action
 * acknowledges them all ("acknowledge everywhere").
 *
 * Alertmanager's pagerduty and opsgenie notifiers title the incident (PagerDuty `summary`,
 * Opsgenie `message`) with its default `__subject` template:
 * `[FIRING:2] <group label values> (<other common label values>)`, values sorted by label name
 * and joined by spaces. Every value there is a label value of every alert in the group, so an
 * alert belongs to the incident when its `alertname` is in the title and its label values
 * account for the whole title. The dedup key and Opsgenie alias are hashes of the group key,
 * which the app cannot rebuild, so they are not used; instead an explicit label wins when
 * present: an alert labelled `incident_key` links to the incident whose PagerDuty incident key
 * or Opsgenie alias (the on-call alert's `incident_key` / `alias` label) equals it.
 */

export const LINK_LABEL = 'incident_key';

/** The on-call service an alert comes from, when it is a PagerDuty incident or an Opsgenie alert. */
export function onCallServiceOf(alert: Alert): 'pagerduty' | 'opsgenie' | null {
  const source = alert.labels.source;
  if ((source === 'pagerduty' && alert.name === 'PagerDutyIncident') || (source === 'opsgenie' && alert.name === 'OpsgenieAlert')) return source;
  return null;
}

/** True when the Alertmanager-side alert belongs to the on-call incident. */
export function isLinked(incident: Alert, alert: Alert): boolean {
  if (onCallServiceOf(alert) !== null || alert.fingerprint === incident.fingerprint) return false;
  const key = alert.labels[LINK_LABEL];
  if (key) return key === incident.labels[LINK_LABEL] || key === incident.labels.alias;
  const title = incident.annotations.summary;
  return title !== undefined && titleNames(title, alert.labels);
}

/**
 * The Alertmanager alerts an incident stands for. Title matches count only while they are no
 * more than the title's `[FIRING:n]`: more candidates than that (another Alertmanager, staging
 * with the same labels) make the title ambiguous, and then only explicit `incident_key` labels link.
 */
export function membersOf(incident: Alert, alerts: readonly Alert[]): Alert[] {
  const members = alerts.filter((candidate) => isLinked(incident, candidate));
  const firing = firingCount(incident.annotations.summary);
  const byTitle = members.filter((candidate) => !candidate.labels[LINK_LABEL]);
  if (firing === null || byTitle.length <= firing) return members;
  return members.filter((candidate) => candidate.labels[LINK_LABEL]);
}

/**
 * Every alert linked with the given one: for an on-call incident, its Alertmanager alerts; for
 * an Alertmanager alert, the incidents it belongs to and their other alerts. Empty when there is
 * no link. The given alert itself is not in the list.
 */
export function linkedAlerts(alert: Alert, alerts: readonly Alert[]): Alert[] {
  const incidents = onCallServiceOf(alert) !== null ? [alert] : alerts.filter((candidate) => onCallServiceOf(candidate) !== null && membersOf(candidate, alerts).includes(alert));
  if (incidents.length === 0) return [];
  const linked = new Map<string, Alert>();
  for (const incident of incidents) {
    linked.set(incident.fingerprint, incident);
    for (const member of membersOf(incident, alerts)) linked.set(member.fingerprint, member);
  }
  linked.delete(alert.fingerprint);
  // An incident with none of our alerts is no link at all.
  const result = [...linked.values()];
  const ours = onCallServiceOf(alert) === null || result.some((candidate) => onCallServiceOf(candidate) === null);
  return ours ? result : [];
}

/** n of a title's `[FIRING:n]`, or null when it has none. */
function firingCount(title: string | undefined): number | null {
  const match = /^\s*\[FIRING:(\d+)/i.exec(title ?? '');
  return match ? Number(match[1]) : null;
}

const STATUS_PREFIX = /^\s*\[(?:FIRING|RESOLVED)[^\]]*\]\s*/i;

/** The title is made of the alert's label values only, its alertname among them. */
export function titleNames(title: string, labels: Readonly<Record<string, string>>): boolean {
  let rest = title.replace(STATUS_PREFIX, ' ');
  // PagerDuty and Alertmanager cut long summaries with "…": the cut word cannot be checked.
  if (/…\s*$/.test(rest)) rest = rest.replace(/\S*…\s*$/, ' ');
  rest = ` ${rest.replace(/[()]/g, ' ')} `;
  const alertname = labels.alertname;
  if (!alertname || !rest.includes(` ${alertname} `)) return false;
  // Longest first, so a value containing another ("api-eu" and "api") is taken whole.
  const values = [...new Set(Object.values(labels))].filter((value) => value.trim() !== '').sort((a, b) => b.length - a.length);
  for (const value of values) {
    const word = ` ${value} `;
    while (rest.includes(word)) rest = rest.replace(word, '  ');
  }
  return rest.trim() === '';
}
