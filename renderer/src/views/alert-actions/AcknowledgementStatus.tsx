import type { Acknowledgement } from '../../../../shared/actions';
import { useSilences } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { ackActionFor, ackDeliveryText, acknowledgedText } from '../../lib/acknowledgement-text';

/** "Acknowledged by alice, 3 min ago: looking at the DB", and whether the source has heard of it. */
export function AcknowledgementStatus({ fingerprint, acknowledgement }: { fingerprint: string; acknowledgement: Acknowledgement }) {
  const now = useNow();
  const target = useSilences((state) => ackActionFor(state.actions, fingerprint)?.target ?? null);
  return (
    <p className="ack-status" data-testid="ack-status" data-delivery={acknowledgement.delivery}>
      <span className="ack-by">{acknowledgedText(acknowledgement, now)}</span>
      <span className={`ack-delivery delivery-${acknowledgement.delivery}`} data-testid="ack-delivery">
        {ackDeliveryText(acknowledgement, target, now)}
      </span>
    </p>
  );
}
