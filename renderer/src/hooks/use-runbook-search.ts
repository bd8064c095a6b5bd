import { useEffect } from 'react';
import { searchRunbooks } from '../actions/runbooks';
import { useRunbooks, useServices } from '../app-services';

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 100;

/** Searches as the query is typed, once the typing pauses; an empty query needs no search. */
export function useRunbookSearch(): void {
  const services = useServices();
  const query = useRunbooks((state) => state.query);
  useEffect(() => {
    if (query.trim() === '') {
      void searchRunbooks(services, '');
      return;
    }
    const timer = setTimeout(() => void searchRunbooks(services, query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [services, query]);
}
