import { useEffect } from 'react';
import { searchAlertHistory } from '../actions/alert-history';
import { useHistory, useServices } from '../app-services';

/** How long typing pauses before the search runs. */
export const HISTORY_SEARCH_DEBOUNCE_MS = 150;
/** Resolved alerts reach the history as they leave the list; the list asks again once that settles. */
const AFTER_RESOLVE_MS = 1000;

/**
 * Keeps the "Recently resolved" list current while it shows: searched when it opens, as the query
 * is typed, and after alerts leave the dashboard (an engine event, never a timer of its own).
 */
export function useHistorySearch(): void {
  const services = useServices();
  const query = useHistory((state) => state.query);
  useEffect(() => {
    const timer = setTimeout(() => void searchAlertHistory(services, query), HISTORY_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [services, query]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = services.alerts.subscribe((state, previous) => {
      if (state.alerts === previous.alerts || ![...previous.alerts.keys()].some((fingerprint) => !state.alerts.has(fingerprint))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void searchAlertHistory(services, services.history.getState().query), AFTER_RESOLVE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [services]);
}
