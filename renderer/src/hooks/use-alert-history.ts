import { useEffect } from 'react';
import { loadAlertHistory } from '../actions/alert-history';
import { useHistory, useServices } from '../app-services';
import type { AlertHistoryEntry } from '../stores/history-store';

/**
 * One alert's history, fetched when its detail opens and again when the alert comes back or goes
 * (`episodeMark` changes: its start time, or null once resolved). Never on a timer.
 */
export function useAlertHistory(fingerprint: string, episodeMark: string | null): AlertHistoryEntry | undefined {
  const services = useServices();
  const entry = useHistory((state) => state.histories.get(fingerprint));
  useEffect(() => {
    void loadAlertHistory(services, fingerprint);
  }, [services, fingerprint, episodeMark]);
  return entry;
}
