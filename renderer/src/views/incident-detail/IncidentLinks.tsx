import { useId, useMemo, useState } from 'react';
import type { Incident } from '../../../../shared/incident';
import { updateIncident } from '../../actions/incidents';
import { followRunbook } from '../../actions/runbooks';
import { useAlerts, useRunbooks, useServices, useSlos } from '../../app-services';
import { displayState } from '../../lib/alert-state';
import { compareRunbookTitles, resumableSession } from '../../lib/runbook-list-model';
import { revealAlert } from '../../stores/ui-store';
import { SeverityBadge } from '../alert-list/SeverityBadge';

/** The alerts (live state), runbooks (followed in guided mode for this incident) and SLOs linked to the incident. */
export function IncidentLinks({ incident }: { incident: Incident }) {
  return (
    <section className="incident-links" aria-labelledby="incident-links-title">
      <h3 id="incident-links-title">Linked</h3>
      <LinkedAlerts incident={incident} />
      <LinkedRunbooks incident={incident} />
      {incident.linkedSlos.length > 0 && <LinkedSlos incident={incident} />}
    </section>
  );
}

function LinkedAlerts({ incident }: { incident: Incident }) {
  const { ui, alerts: alertsStore } = useServices();
  const alerts = useAlerts((state) => state.alerts);
  return (
    <>
      <h4>Alerts</h4>
      {incident.linkedAlerts.length === 0 ? (
        <p className="kv-empty">None. Declare from an alert, or add an alert to this incident from its detail.</p>
      ) : (
        <ul className="linked-list" data-testid="incident-linked-alerts">
          {incident.linkedAlerts.map((linked) => {
            const alert = alerts.get(linked.fingerprint);
            const state = alert ? displayState(alert) : 'resolved';
            return (
              <li key={linked.fingerprint} data-testid="incident-linked-alert" data-fingerprint={linked.fingerprint} data-state={state}>
                {alert ? (
                  <button type="button" className="linked-alert" onClick={() => revealAlert(ui, alertsStore, linked.fingerprint)}>
                    <SeverityBadge severity={alert.severity} />
                    <span className="linked-alert-name">{linked.name}</span>
                    <span className={`alert-state state-${state}`}>{state}</span>
                  </button>
                ) : (
                  <span className="linked-alert gone">
                    <span className="linked-alert-name">{linked.name}</span>
                    <span className="alert-state">resolved or no longer reported</span>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function LinkedRunbooks({ incident }: { incident: Incident }) {
  const services = useServices();
  const sessions = useRunbooks((state) => state.sessions);
  const runbooks = useRunbooks((state) => state.runbooks);
  const [toLink, setToLink] = useState('');
  const selectId = useId();
  const linkable = useMemo(() => {
    const linked = new Set(incident.linkedRunbooks.map((runbook) => runbook.id));
    return runbooks.filter((runbook) => !linked.has(runbook.id)).sort(compareRunbookTitles);
  }, [runbooks, incident.linkedRunbooks]);
  const open = incident.status !== 'resolved';

  return (
    <>
      <h4>Runbooks</h4>
      {incident.linkedRunbooks.length === 0 ? (
        <p className="kv-empty">None linked.</p>
      ) : (
        <ul className="linked-list" data-testid="incident-linked-runbooks">
          {incident.linkedRunbooks.map((runbook) => {
            const resumable = resumableSession(sessions, runbook.id, { incidentId: incident.id });
            return (
              <li key={runbook.id} className="linked-runbook" data-testid="incident-linked-runbook" data-runbook-id={runbook.id}>
                <span className="linked-runbook-title">{runbook.title}</span>
                <button
                  type="button"
                  data-testid="incident-follow-runbook"
                  aria-label={`${resumable ? 'Resume' : 'Follow'} ${runbook.title} in guided mode`}
                  onClick={() => void followRunbook(services, runbook.id, { incidentId: incident.id })}
                >
                  {resumable ? 'Resume' : 'Follow'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {open && linkable.length > 0 && (
        <div className="link-runbook">
          <label htmlFor={selectId}>Link a runbook</label>
          <select id={selectId} data-testid="incident-link-runbook-select" value={toLink} onChange={(event) => setToLink(event.target.value)}>
            <option value="">Choose…</option>
            {linkable.map((runbook) => (
              <option key={runbook.id} value={runbook.id}>
                {runbook.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            data-testid="incident-link-runbook"
            disabled={toLink === ''}
            onClick={() => {
              void updateIncident(services, { id: incident.id, linkRunbook: toLink }, 'link the runbook');
              setToLink('');
            }}
          >
            Link
          </button>
        </div>
      )}
    </>
  );
}

function LinkedSlos({ incident }: { incident: Incident }) {
  const { slos, ui } = useServices();
  const defined = useSlos((state) => state.slos);
  const known = useMemo(() => new Set(defined.map((slo) => slo.id)), [defined]);
  return (
    <>
      <h4>SLOs</h4>
      <ul className="linked-list" data-testid="incident-linked-slos">
        {incident.linkedSlos.map((slo) => (
          <li key={slo.id} data-testid="incident-linked-slo" data-slo-id={slo.id}>
            {known.has(slo.id) ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  ui.getState().setView('slos');
                  slos.getState().openDetail(slo.id);
                }}
              >
                {slo.name}
              </button>
            ) : (
              <span>{slo.name} (no longer defined)</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
