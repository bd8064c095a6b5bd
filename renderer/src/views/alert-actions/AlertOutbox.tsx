import { useMemo } from 'react';
import type { PendingAction } from '../../../../shared/actions';
import type { Alert } from '../../../../shared/model';
import { useSilences, useUi } from '../../app-services';
import { actionsForAlert } from '../../lib/action-list-model';
import { ActionStateBadge } from '../outbox/ActionStateBadge';

/** The upstream actions about this alert (its acknowledgement, silences that match it) and where they are. */
export function AlertOutbox({ alert }: { alert: Alert }) {
  const actions = useSilences((state) => state.actions);
  const mine = useMemo(() => [...actionsForAlert(actions, alert), ...resolutionsOf(actions, alert.fingerprint)], [actions, alert]);
  const setView = useUi((state) => state.setView);
  if (mine.length === 0) return null;
  return (
    <ul className="alert-outbox" data-testid="alert-outbox" aria-label="Actions sent for this alert">
      {mine.map((action) => (
        <li key={action.id} data-testid="alert-action" data-action-id={action.id} data-state={action.state} data-kind={action.action.kind}>
          <ActionStateBadge state={action.state} />
          <span className="action-summary">{action.summary}</span>
        </li>
      ))}
      <li>
        <button type="button" className="link-button" onClick={() => setView('silences')}>
          See all pending actions
        </button>
      </li>
    </ul>
  );
}

/** Resolving (closing) the incident in its on-call service. */
function resolutionsOf(actions: readonly PendingAction[], fingerprint: string): PendingAction[] {
  return actions.filter(({ action, state }) => action.kind === 'resolveIncident' && action.fingerprint === fingerprint && state !== 'cancelled');
}
