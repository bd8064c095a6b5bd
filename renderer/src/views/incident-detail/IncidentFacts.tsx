import { INCIDENT_SEVERITIES, type Incident } from '../../../../shared/incident';
import { updateIncident } from '../../actions/incidents';
import { useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatAgo, formatClockTime, millisSince } from '../../lib/format-age';
import { INCIDENT_SEVERITY_LABEL, INCIDENT_STATUS_LABEL, STATUS_ORDER, type IncidentSeverity, type IncidentStatus } from '../../lib/incident-order';
import { Fact } from '../common/Fact';

/** Severity and status (changed here, each change on the timeline), when it was declared and resolved, and from what. */
export function IncidentFacts({ incident }: { incident: Incident }) {
  const services = useServices();
  const now = useNow();
  const declaredAgo = millisSince(incident.declaredAt, now);
  const setSeverity = (severity: IncidentSeverity) => void updateIncident(services, { id: incident.id, severity }, 'change the severity', { severity });
  const setStatus = (status: IncidentStatus) =>
    void updateIncident(services, { id: incident.id, status }, 'change the status', {
      status,
      resolvedAt: status === 'resolved' ? new Date().toISOString() : null,
    });
  return (
    <dl className="detail-facts incident-facts" data-testid="incident-facts">
      <Fact term="Severity">
        <select
          className={`incident-severity-select level-${incident.severity}`}
          data-testid="incident-severity-change"
          aria-label="Severity"
          value={incident.severity}
          onChange={(event) => setSeverity(event.target.value as IncidentSeverity)}
        >
          {INCIDENT_SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {INCIDENT_SEVERITY_LABEL[severity]}
            </option>
          ))}
        </select>
      </Fact>
      <Fact term="Status">
        <select data-testid="incident-status-select" aria-label="Status" value={incident.status} onChange={(event) => setStatus(event.target.value as IncidentStatus)}>
          {STATUS_ORDER.map((status) => (
            <option key={status} value={status}>
              {INCIDENT_STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </Fact>
      <Fact term="Declared">
        <time dateTime={incident.declaredAt}>{formatClockTime(incident.declaredAt, now)}</time>
        {declaredAgo !== null && <span className="detail-age">({formatAgo(declaredAgo)})</span>}
        <span className="detail-age">{incident.origin === 'by hand' ? 'by hand' : `from ${incident.origin}`}</span>
      </Fact>
      {incident.resolvedAt && (
        <Fact term="Resolved">
          <time dateTime={incident.resolvedAt}>{formatClockTime(incident.resolvedAt, now)}</time>
        </Fact>
      )}
    </dl>
  );
}
