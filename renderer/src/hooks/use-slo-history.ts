import { useEffect } from 'react';
import { loadSloHistory } from '../actions/slo-history';
import { useServices, useSlos } from '../app-services';
import type { SloHistoryEntry } from '../stores/slo-store';

/** The chart data of an open SLO: fetched when it opens, and again whenever the SLO is evaluated anew. */
export function useSloHistory(id: string, evaluatedAt: string | null): SloHistoryEntry | undefined {
  const services = useServices();
  const entry = useSlos((state) => state.history.get(id));
  useEffect(() => {
    void loadSloHistory(services, id, evaluatedAt);
  }, [services, id, evaluatedAt]);
  return entry;
}
