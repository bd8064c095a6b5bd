import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { INCIDENT_SEVERITIES } from '../../../../shared/incident';
import { declareIncident } from '../../actions/incidents';
import { useIncidents, useServices } from '../../app-services';
import { declareInput, draftProblem, ROLE_MAX, TITLE_MAX, type IncidentDraft } from '../../lib/incident-draft';
import { INCIDENT_ROLE_LABEL, INCIDENT_ROLES, INCIDENT_SEVERITY_LABEL } from '../../lib/incident-order';

/** Title, severity, roles and the runbooks to link; filled in when declared from an alert or an SLO. */
export function DeclareIncidentForm({ initial }: { initial: IncidentDraft }) {
  const services = useServices();
  const close = useIncidents((state) => state.closeDraft);
  const [draft, setDraft] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const ids = useId();
  const problem = draftProblem(draft);
  const showProblem = attempted && problem !== null;

  useEffect(() => titleInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (problem !== null || busy) return;
    setBusy(true);
    try {
      await declareIncident(services, declareInput(draft));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="incident-pane declare-form" data-testid="declare-incident-form" aria-labelledby={`${ids}-title`}>
      <div className="detail-header">
        <h2 id={`${ids}-title`}>Declare an incident</h2>
        <button type="button" className="detail-close" data-testid="declare-cancel" onClick={close}>
          Cancel
        </button>
      </div>
      <p className="declare-origin" data-testid="declare-origin">
        {draft.origin === 'by hand' ? 'Declared by hand.' : `From ${draft.origin}, which will be linked to it.`}
      </p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="form-field">
          <label htmlFor={`${ids}-name`}>Title</label>
          <input
            ref={titleInput}
            id={`${ids}-name`}
            data-testid="incident-title-input"
            type="text"
            required
            maxLength={TITLE_MAX}
            autoComplete="off"
            value={draft.title}
            aria-invalid={showProblem && draft.title.trim() === '' ? true : undefined}
            aria-describedby={showProblem ? `${ids}-problem` : undefined}
            onChange={(event) => setDraft({ ...draft, title: event.target.value })}
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${ids}-severity`}>Severity</label>
          <select
            id={`${ids}-severity`}
            data-testid="incident-severity-select"
            value={draft.severity}
            onChange={(event) => setDraft({ ...draft, severity: event.target.value as IncidentDraft['severity'] })}
          >
            {INCIDENT_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {INCIDENT_SEVERITY_LABEL[severity]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="form-group">
          <legend>Roles (names, optional)</legend>
          {INCIDENT_ROLES.map((role) => (
            <div className="form-field" key={role}>
              <label htmlFor={`${ids}-${role}`}>{INCIDENT_ROLE_LABEL[role]}</label>
              <input
                id={`${ids}-${role}`}
                data-testid={`declare-role-${role}`}
                type="text"
                maxLength={ROLE_MAX}
                autoComplete="off"
                value={draft.roles[role]}
                onChange={(event) => setDraft({ ...draft, roles: { ...draft.roles, [role]: event.target.value } })}
              />
            </div>
          ))}
        </fieldset>
        {draft.runbooks.length > 0 && (
          <fieldset className="form-group" data-testid="declare-runbooks">
            <legend>Link runbooks</legend>
            {draft.runbooks.map((runbook) => (
              <label key={runbook.id} className="form-check">
                <input
                  type="checkbox"
                  data-testid="declare-runbook"
                  data-runbook-id={runbook.id}
                  checked={runbook.selected}
                  onChange={(event) =>
                    setDraft({
                      ...draft,
                      runbooks: draft.runbooks.map((candidate) => (candidate.id === runbook.id ? { ...candidate, selected: event.target.checked } : candidate)),
                    })
                  }
                />
                <span>
                  {runbook.title} <span className="detail-age">({runbook.reason})</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {showProblem && (
          <p className="form-error" id={`${ids}-problem`} data-testid="declare-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary-button" data-testid="incident-declare-submit" disabled={busy}>
            {busy ? 'Declaring…' : 'Declare incident'}
          </button>
        </div>
      </form>
    </section>
  );
}
