import { useSilences } from '../../app-services';
import { openActionCount } from '../../lib/action-list-model';
import { PendingActionRow } from './PendingActionRow';

/** The outbox: acknowledgements and silences waiting for their Alertmanager, and those just delivered or cancelled. */
export function PendingActionList() {
  const actions = useSilences((state) => state.actions);
  const { count } = openActionCount(actions);
  return (
    <section className="outbox-section" data-testid="pending-actions" aria-labelledby="pending-actions-title">
      <h2 id="pending-actions-title" className="section-title">
        Pending actions {count > 0 && <span className="section-count">({count} waiting)</span>}
      </h2>
      {actions.length === 0 ? (
        <p className="outbox-empty" data-testid="pending-actions-empty">
          Nothing waiting to be sent. Acknowledgements and silences made while a source is unreachable wait here.
        </p>
      ) : (
        <ul className="pending-action-list">
          {actions.map((action) => (
            <PendingActionRow key={action.id} action={action} />
          ))}
        </ul>
      )}
    </section>
  );
}
