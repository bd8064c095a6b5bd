import type { Severity } from '../../../shared/severity';
import type { OpsgenieAlert, OpsgenieOnCall } from '../../oncall/opsgenie-model';
import type { SourceAlert } from '../source';
import type { OnCallState } from './on-call-state';

export const OPSGENIE_ALERT_NAME = 'OpsgenieAlert';

const PRIORITY_SEVERITY: Record<OpsgenieAlert['priority'], Severity> = { P1: 'critical', P2: 'critical', P3: 'warning', P4: 'info', P5: 'info' };

/** Tags joined in one label: enough to filter on, without one label per free-form tag. */
const TAGS_MAX = 500;

/**
 * An open Opsgenie alert as an alert. Acknowledged stays `firing` with `status: acknowledged`
 * (taken, still open; see `pagerDutyAlert`); snoozed is `suppressed`, since a snooze mutes the
 * alert for a while the way a silence does.
 */
export function opsgenieAlert(alert: OpsgenieAlert): SourceAlert {
  const severity = PRIORITY_SEVERITY[alert.priority];
  const status = alert.snoozed ? 'snoozed' : alert.acknowledged ? 'acknowledged' : 'open';
  const labels: Record<string, string> = {
    alertname: OPSGENIE_ALERT_NAME,
    priority: alert.priority,
    severity,
    status,
    source: 'opsgenie',
  };
  if (alert.tinyId) labels.alert = `#${alert.tinyId}`;
  if (alert.alias) labels.alias = alert.alias;
  if (alert.tags.length > 0) labels.tags = alert.tags.join(',').slice(0, TAGS_MAX);
  return {
    fingerprint: `opsgenie:${alert.id}`,
    name: OPSGENIE_ALERT_NAME,
    labels,
    annotations: { summary: alert.message, description: describeAlert(alert) },
    severity,
    state: alert.snoozed ? 'suppressed' : 'firing',
    startsAt: alert.createdAt,
    silencedBy: [],
    inhibitedBy: [],
  };
}

/** "Acknowledged in Opsgenie by ada@example.com; priority P1; came in 3 times; from Prometheus." */
function describeAlert(alert: OpsgenieAlert): string {
  const parts = [alert.snoozed ? 'Snoozed in Opsgenie' : alert.acknowledged ? `Acknowledged in Opsgenie${alert.owner ? ` by ${alert.owner}` : ''}` : 'Open in Opsgenie'];
  parts.push(`priority ${alert.priority}`);
  if (alert.count > 1) parts.push(`came in ${alert.count} times`);
  if (alert.source) parts.push(`from ${alert.source}`);
  return `${parts.join('; ')}.`;
}

/**
 * Who is on call now in the schedules, each once; I am on call when my user name is among them.
 * Opsgenie's who-is-on-call answer has no shift times, so `until` and `nextShiftAt` are null.
 */
export function opsgenieOnCall(onCalls: readonly OpsgenieOnCall[], user: string | undefined): OnCallState {
  const who = [...new Set(onCalls.flatMap((onCall) => onCall.userNames))];
  const me = user?.toLowerCase();
  return { onCallNow: me !== undefined && who.some((name) => name.toLowerCase() === me), until: null, nextShiftAt: null, who };
}
