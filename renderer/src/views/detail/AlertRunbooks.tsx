import { memo, useMemo, useState } from 'react';
import type { Alert } from '../../../../shared/model';
import { runbooksForAlert, type RunbookMatch } from '../../../../shared/runbook-matching';
import { showIncident, startDeclaring, updateIncident } from '../../actions/incidents';
import { followRunbook } from '../../actions/runbooks';
import { useIncidents, useRunbooks, useServices } from '../../app-services';
import { draftFromAlert } from '../../lib/incident-draft';
import { isOpen } from '../../lib/incident-order';
import { resumableSession } from '../../lib/runbook-list-model';
import { IncidentSeverityBadge } from '../incidents/IncidentSeverityBadge';

const REASON: Record<RunbookMatch['reason'], string> = {
  runbook_url: 'named by its runbook_url',
  alerts: 'matches its labels',
  service: 'for its service',
};

/** The runbooks for this alert, best first, each to follow in guided mode (or resume, if under way for it). */
export const AlertRunbooks = memo(function AlertRunbooks({ alert }: { alert: Alert }) {
  const services = useServices();
  const runbooks = useRunbooks((state) => state.runbooks);
  const sessions = useRunbooks((state) => state.sessions);
  const loaded = useRunbooks((state) => state.loaded);
  const matches = useMemo(() => runbooksForAlert(runbooks, alert), [runbooks, alert]);
  return (
    <section className="alert-runbooks" data-testid="alert-runbooks" aria-labelledby="alert-runbooks-title">
      <h3 id="alert-runbooks-title">Runbooks</h3>
      {!loaded ? (
        <p className="kv-empty">Loading runbooks…</p>
      ) : matches.length === 0 ? (
        <p className="kv-empty" data-testid="alert-runbooks-none">
          No runbook matches this alert. Runbooks match by their <code>alerts</code> matchers, their <code>services</code>, or the alert&apos;s{' '}
          <code>runbook_url</code>.
        </p>
      ) : (
        <ul className="linked-list">
          {matches.map(({ runbook, reason }) => {
            const resumable = resumableSession(sessions, runbook.id, { alertFingerprint: alert.fingerprint });
            return (
              <li key={runbook.id} className="alert-runbook" data-testid="alert-runbook" data-runbook-id={runbook.id} data-reason={reason}>
                <span className="alert-runbook-text">
                  <span className="linked-runbook-title">{runbook.title}</span>
                  <span className="detail-age">{REASON[reason]}</span>
                  {runbook.error && (
                    <span className="runbook-error" title={runbook.error}>
                      has a problem
                    </span>
                  )}
                </span>
                <button
                  type="button"
                  data-testid="follow-runbook"
                  aria-label={`${resumable ? 'Resume' : 'Follow'} ${runbook.title} in guided mode`}
                  onClick={() => void followRunbook(services, runbook.id, { alertFingerprint: alert.fingerprint })}
                >
                  {resumable ? 'Resume' : 'Follow'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});

/** The incidents this alert is part of, declaring one from it, and adding it to an open one. */
export const AlertIncidents = memo(function AlertIncidents({ alert }: { alert: Alert }) {
  const services = useServices();
  const incidents = useIncidents((state) => state.incidents);
  const runbooks = useRunbooks((state) => state.runbooks);
  const [target, setTarget] = useState('');
  const linked = incidents.filter((incident) => incident.linkedAlerts.some((linkedAlert) => linkedAlert.fingerprint === alert.fingerprint));
  const others = incidents.filter((incident) => isOpen(incident) && !linked.includes(incident));
  return (
    <section className="alert-incidents" data-testid="alert-incidents" aria-labelledby="alert-incidents-title">
      <h3 id="alert-incidents-title">Incidents</h3>
      {linked.length > 0 && (
        <ul className="linked-list">
          {linked.map((incident) => (
            <li key={incident.id}>
              <button type="button" className="linked-alert" data-testid="alert-incident" data-incident-id={incident.id} onClick={() => showIncident(services, incident.id)}>
                <IncidentSeverityBadge severity={incident.severity} />
                <span className="linked-alert-name">{incident.title}</span>
                <span className="alert-state">{incident.status}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="alert-incident-actions">
        <button
          type="button"
          className="primary-button"
          data-testid="declare-from-alert"
          onClick={() => startDeclaring(services, draftFromAlert(alert, runbooksForAlert(runbooks, alert)))}
        >
          Declare incident
        </button>
        {others.length > 0 && (
          <span className="link-runbook">
            <select aria-label="Open incident to add this alert to" data-testid="link-alert-select" value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">Add to an open incident…</option>
              {others.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {incident.severity} {incident.title}
                </option>
              ))}
            </select>
            <button
              type="button"
              data-testid="link-alert"
              disabled={target === ''}
              onClick={() => {
                void updateIncident(services, { id: target, linkAlert: alert.fingerprint }, 'add the alert to the incident');
                setTarget('');
              }}
            >
              Add
            </button>
          </span>
        )}
      </div>
    </section>
  );
});
