import { useEffect, useRef, useState } from 'react';
import type { Shift } from '../../../../shared/shift';
import { fetchShift } from '../../actions/shift';
import { useAlerts, useEngine, useIncidents, useServices } from '../../app-services';

/** Changes come in bursts (a poll updates many alerts): one fetch after they settle. */
const REFETCH_DELAY_MS = 300;

/**
 * The shift from the engine: fetched when the view opens and again whenever the on-call state,
 * the alerts or the incidents change (pushed events, no polling).
 */
export function useShift(): { shift: Shift | null; loading: boolean } {
  const services = useServices();
  const onCall = useEngine((state) => state.onCall);
  const alerts = useAlerts((state) => state.alerts);
  const incidents = useIncidents((state) => state.incidents);
  const [shift, setShift] = useState<Shift | null>(null);
  const [loading, setLoading] = useState(true);
  const opened = useRef(false);

  useEffect(() => {
    let cancelled = false;
    const delay = opened.current ? REFETCH_DELAY_MS : 0;
    opened.current = true;
    const timer = setTimeout(() => {
      void fetchShift(services).then((next) => {
        if (cancelled) return;
        if (next) setShift(next);
        setLoading(false);
      });
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [services, onCall, alerts, incidents]);

  return { shift, loading };
}
