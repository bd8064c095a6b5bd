import { memo } from 'react';
import type { PendingAction } from '../../../../shared/actions';
import { cancelAction } from '../../actions/silences';
import { useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { canCancel } from '../../lib/action-list-model';
import { formatAgo, millisSince } from '../../lib/format-age';
import { ActionStateBadge } from './ActionStateBadge';

/** One upstream action: what, where to, its state and attempts, why it failed, and Cancel while it has not gone out. */
export const PendingActionRow = memo(function PendingActionRow({ action }: { action: PendingAction }) {
  const services = useServices();
  const now = useNow();
  const age = millisSince(action.createdAt, now);
  return (
    <li className="pending-action" data-testid="pending-action" data-action-id={action.id} data-state={action.state} data-kind={action.action.kind}>
      <ActionStateBadge state={action.state} />
      <div className="pending-action-main">
        <span className="action-summary">{action.summary}</span>
        <span className="pending-action-meta">
          to {action.target}
          {age !== null && <>, queued {formatAgo(age)}</>}
          {action.attempts > 0 && (
            <>
              , {action.attempts} {action.attempts === 1 ? 'attempt' : 'attempts'}
            </>
          )}
        </span>
        {action.lastError && (
          <span className="pending-action-error" data-testid="pending-action-error">
            {action.state === 'failed' ? 'Refused: ' : 'Last error: '}
            {action.lastError}
          </span>
        )}
      </div>
      {canCancel(action) && (
        <button type="button" data-testid="cancel-action" aria-label={`Cancel: ${action.summary}`} onClick={() => void cancelAction(services, action.id)}>
          Cancel
        </button>
      )}
    </li>
  );
});
