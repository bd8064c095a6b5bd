import type { Alert } from '../../../shared/model';

export type DisplayState = 'firing' | 'pending' | 'silenced' | 'inhibited';

/** The model folds silenced and inhibited into `suppressed`; people on call want to know which. */
export function displayState(alert: Pick<Alert, 'state' | 'silencedBy' | 'inhibitedBy'>): DisplayState {
  if (alert.state !== 'suppressed') return alert.state;
  if (alert.silencedBy.length === 0 && alert.inhibitedBy.length > 0) return 'inhibited';
  return 'silenced';
}
