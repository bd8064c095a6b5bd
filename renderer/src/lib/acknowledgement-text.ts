import type { Acknowledgement, PendingAction } from '../../../shared/actions';
import { formatAgo, formatClockTime, millisSince } from './format-age';

/** "Acknowledged by alice, 3 min ago: looking at the DB" */
export function acknowledgedText(ack: Pick<Acknowledgement, 'by' | 'at' | 'comment'>, now: number): string {
  const age = millisSince(ack.at, now);
  const when = age === null ? '' : `, ${formatAgo(age)}`;
  const comment = ack.comment.trim();
  return `Acknowledged by ${ack.by}${when}${comment ? `: ${comment}` : ''}`;
}

/**
 * Whether the source heard about it, in words. `target` is where the queued acknowledgement goes
 * (from its outbox action), when known.
 */
export function ackDeliveryText(ack: Pick<Acknowledgement, 'delivery' | 'expiresAt'>, target: string | null, now: number): string {
  switch (ack.delivery) {
    case 'local':
      return 'recorded in this app only';
    case 'queued':
      return `queued — will be sent when ${target ?? 'the Alertmanager'} is reachable`;
    case 'sent':
      return ack.expiresAt ? `sent upstream; its silence ends ${formatClockTime(ack.expiresAt, now, false)}` : 'sent upstream';
  }
}

/** The outbox action carrying this alert's acknowledgement, the newest if there are several. */
export function ackActionFor(actions: readonly PendingAction[], fingerprint: string): PendingAction | undefined {
  return actions.findLast(({ action, state }) => (action.kind === 'acknowledge' || action.kind === 'acknowledgeIncident') && action.fingerprint === fingerprint && state !== 'cancelled');
}
