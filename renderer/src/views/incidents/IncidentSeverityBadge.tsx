import type { IncidentSeverity, IncidentStatus } from '../../lib/incident-order';
import { INCIDENT_STATUS_LABEL, severityLevel } from '../../lib/incident-order';

export function IncidentSeverityBadge({ severity }: { severity: IncidentSeverity }) {
  return (
    <span className={`incident-severity level-${severityLevel(severity)}`} data-severity={severity}>
      {severity}
    </span>
  );
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span className={`incident-status status-${status}`} data-status={status}>
      {INCIDENT_STATUS_LABEL[status]}
    </span>
  );
}
