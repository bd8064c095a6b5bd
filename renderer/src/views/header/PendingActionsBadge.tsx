import { useMemo } from 'react';
import { useSilences } from '../../app-services';
import { openActionCount } from '../../lib/action-list-model';

/** How many acknowledgements and silences wait to be sent (or were refused), on the Silences tab. */
export function PendingActionsBadge() {
  const actions = useSilences((state) => state.actions);
  const { count, failed } = useMemo(() => openActionCount(actions), [actions]);
  if (count === 0) return null;
  const words = `${count} ${count === 1 ? 'action' : 'actions'} pending${failed > 0 ? `, ${failed} failed` : ''}`;
  return (
    <span className="tab-badge" data-testid="actions-tab-badge" data-level={failed > 0 ? 'page' : 'ticket'} data-count={count} title={words}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">, {words}</span>
    </span>
  );
}
