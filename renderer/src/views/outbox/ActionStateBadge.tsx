import type { PendingAction } from '../../../../shared/actions';
import { ACTION_STATE_LABEL } from '../../lib/action-list-model';

export function ActionStateBadge({ state }: { state: PendingAction['state'] }) {
  return (
    <span className={`action-state state-${state}`} data-testid="action-state">
      {ACTION_STATE_LABEL[state]}
    </span>
  );
}
