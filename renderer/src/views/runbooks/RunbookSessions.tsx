import { useMemo } from 'react';
import { openRunbookSession } from '../../actions/runbooks';
import { useIncidents, useRunbooks, useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatAgo, millisSince } from '../../lib/format-age';
import { sessionPurposeText, unfinishedSessions } from '../../lib/runbook-list-model';

/** Runbooks being followed and not finished, most recent first: progress survives restarts, so pick up where you left off. */
export function RunbookSessions() {
  const services = useServices();
  const sessions = useRunbooks((state) => state.sessions);
  const openSessionId = useRunbooks((state) => state.openSessionId);
  const incidents = useIncidents((state) => state.incidents);
  const unfinished = useMemo(() => unfinishedSessions(sessions), [sessions]);
  const now = useNow();
  if (unfinished.length === 0) return null;
  return (
    <section className="runbook-sessions" data-testid="runbook-sessions" aria-labelledby="runbook-sessions-title">
      <h2 id="runbook-sessions-title" className="section-title">
        In progress ({unfinished.length})
      </h2>
      <ul>
        {unfinished.map((session) => {
          const started = millisSince(session.startedAt, now);
          const open = session.id === openSessionId;
          return (
            <li key={session.id} className={open ? 'runbook-session-row open' : 'runbook-session-row'} data-testid="runbook-session-row" data-session-id={session.id}>
              <div className="runbook-session-main">
                <span className="runbook-title">{session.runbookTitle}</span>
                <span className="runbook-session-purpose">{sessionPurposeText(session, incidents)}</span>
              </div>
              <span className="runbook-session-progress">
                {session.completedSteps.length} {session.completedSteps.length === 1 ? 'step' : 'steps'} done
                {started !== null && ` · started ${formatAgo(started)}`}
              </span>
              <button
                type="button"
                data-testid="resume-session"
                aria-label={`${open ? 'Open' : 'Resume'}: ${session.runbookTitle}, ${sessionPurposeText(session, incidents)}`}
                disabled={open}
                onClick={() => openRunbookSession(services, session.id)}
              >
                {open ? 'Open' : 'Resume'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
