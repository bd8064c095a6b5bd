import type { PendingAction } from '../../../shared/actions';
import type { Alert } from '../../../shared/model';
import { matchesAll } from './silence-matchers';

export const ACTION_STATE_LABEL: Record<PendingAction['state'], string> = {
  queued: 'queued',
  sending: 'sending',
  delivered: 'delivered',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Still to be done or needing attention: what the header counts. */
export function isOpenAction(action: Pick<PendingAction, 'state'>): boolean {
  return action.state === 'queued' || action.state === 'sending' || action.state === 'failed';
}

/** Only what has not started going out (or was refused) can be cancelled. */
export function canCancel(action: Pick<PendingAction, 'state'>): boolean {
  return action.state === 'queued' || action.state === 'failed';
}

export function openActionCount(actions: readonly Pick<PendingAction, 'state'>[]): { count: number; failed: number } {
  let count = 0;
  let failed = 0;
  for (const action of actions) {
    if (isOpenAction(action)) count++;
    if (action.state === 'failed') failed++;
  }
  return { count, failed };
}

/** Actions that concern one alert: its acknowledgement, and silences whose matchers match it; not the cancelled ones. */
export function actionsForAlert(actions: readonly PendingAction[], alert: Pick<Alert, 'fingerprint' | 'labels'>): PendingAction[] {
  return actions.filter(({ action, state }) => {
    if (state === 'cancelled') return false;
    if (action.kind === 'acknowledge' || action.kind === 'acknowledgeIncident') return action.fingerprint === alert.fingerprint;
    if (action.kind === 'createSilence') return matchesAll(alert.labels, action.matchers);
    return false;
  });
}

/** Silences an open "expire" action is on its way to end: their Expire button waits. */
export function silencesBeingExpired(actions: readonly PendingAction[]): ReadonlySet<string> {
  return new Set(actions.flatMap(({ action, state }) => (action.kind === 'expireSilence' && isOpenAction({ state }) ? [action.silenceId] : [])));
}
