import type { ShiftAlert } from '../../../../shared/shift';
import { showIncident } from '../../actions/incidents';
import { useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { SEVERITY_LABEL } from '../../lib/severity-labels';
import { revealAlert } from '../../stores/ui-store';
import type { Shift } from '../../../../shared/shift';

const labelText = (alert: ShiftAlert) =>
  Object.entries(alert.labels)
    .filter(([name]) => name !== 'alertname' && name !== 'severity')
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');

/** Every alert that fired during the shift, still-firing ones first; a firing one opens in the alert list. */
export function ShiftAlerts({ alerts }: { alerts: readonly ShiftAlert[] }) {
  const services = useServices();
  const now = useNow();
  const ordered = [...alerts].sort((a, b) => Number(a.endsAt !== null) - Number(b.endsAt !== null) || b.startsAt.localeCompare(a.startsAt));
  return (
    <section className="shift-section" aria-labelledby="shift-alerts-title">
      <h3 id="shift-alerts-title">Alerts this shift ({alerts.length})</h3>
      {alerts.length === 0 ? (
        <p className="shift-empty">No alert fired.</p>
      ) : (
        <table className="shift-table" data-testid="shift-alerts">
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Severity</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((alert) => (
              <tr key={`${alert.fingerprint}@${alert.startsAt}`} data-testid="shift-alert" data-fingerprint={alert.fingerprint} data-open={alert.endsAt === null}>
                <td>
                  {alert.endsAt === null ? (
                    <button type="button" className="link-button" onClick={() => revealAlert(services.ui, services.alerts, alert.fingerprint)}>
                      {alert.name}
                    </button>
                  ) : (
                    alert.name
                  )}
                  <span className="shift-labels">{labelText(alert)}</span>
                </td>
                <td data-severity={alert.severity}>{SEVERITY_LABEL[alert.severity]}</td>
                <td>{formatClockTime(alert.startsAt, now, false)}</td>
                <td>{alert.endsAt === null ? <strong>still firing</strong> : formatClockTime(alert.endsAt, now, false)}</td>
                <td>{alert.acknowledgedBy === null ? '—' : `${alert.acknowledgedBy}${alert.acknowledgedAt ? ` at ${formatClockTime(alert.acknowledgedAt, now, false)}` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Incidents declared, resolved or still open during the shift; each opens in the Incidents view. */
export function ShiftIncidents({ incidents }: { incidents: Shift['incidents'] }) {
  const services = useServices();
  const now = useNow();
  return (
    <section className="shift-section" aria-labelledby="shift-incidents-title">
      <h3 id="shift-incidents-title">Incidents ({incidents.length})</h3>
      {incidents.length === 0 ? (
        <p className="shift-empty">No incident.</p>
      ) : (
        <ul className="shift-incidents" data-testid="shift-incidents">
          {incidents.map((incident) => (
            <li key={incident.id} data-testid="shift-incident" data-open={incident.resolvedAt === null}>
              <button type="button" className="link-button" onClick={() => showIncident(services, incident.id)}>
                {incident.title}
              </button>{' '}
              ({incident.status}, declared {formatClockTime(incident.declaredAt, now, false)}
              {incident.resolvedAt ? `, resolved ${formatClockTime(incident.resolvedAt, now, false)}` : ''})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
