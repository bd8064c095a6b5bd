import type { OnCallApi } from '../../../shared/api';
import type { SloStore } from '../stores/slo-store';

let nextRequestId = 1;

/**
 * Fetches the chart data of one SLO, unless it is already loaded (or loading) for the SLO's
 * current evaluation. `force` retries after an error. Only the latest request's answer is kept.
 */
export async function loadSloHistory(
  { api, slos }: { api: Pick<OnCallApi, 'getSloHistory'>; slos: SloStore },
  id: string,
  evaluatedAt: string | null,
  force = false,
): Promise<void> {
  const entry = slos.getState().history.get(id);
  if (!force && entry && entry.forEvaluatedAt === evaluatedAt && entry.state !== 'error') return;
  const requestId = nextRequestId++;
  slos.getState().historyRequested(id, evaluatedAt, requestId);
  try {
    const history = await api.getSloHistory({ id });
    if (history.id !== id) throw new Error(`the engine answered with the history of "${history.id}"`);
    slos.getState().historyLoaded(id, requestId, history);
  } catch (error) {
    slos.getState().historyFailed(id, requestId, error instanceof Error ? error.message : String(error));
  }
}
