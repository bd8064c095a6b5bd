import type { OnCallApi } from '../../../shared/api';
import type { HistoryStore } from '../stores/history-store';

let nextRequestId = 1;

/** Fetches one alert's history (when its detail opens); only the latest request's answer is kept. */
export async function loadAlertHistory({ api, history }: { api: Pick<OnCallApi, 'getAlertHistory'>; history: HistoryStore }, fingerprint: string): Promise<void> {
  const requestId = nextRequestId++;
  history.getState().historyRequested(fingerprint, requestId);
  try {
    const answer = await api.getAlertHistory({ fingerprint });
    if (answer.fingerprint !== fingerprint) throw new Error(`the engine answered with the history of "${answer.fingerprint}"`);
    history.getState().historyLoaded(fingerprint, requestId, answer);
  } catch (error) {
    history.getState().historyFailed(fingerprint, requestId, error instanceof Error ? error.message : String(error));
  }
}

/** Recently resolved alerts matching `query` (all of them when empty), most recent first; older answers are dropped. */
export async function searchAlertHistory({ api, history }: { api: Pick<OnCallApi, 'searchAlertHistory'>; history: HistoryStore }, query: string): Promise<void> {
  const trimmed = query.trim().slice(0, 500);
  const requestId = nextRequestId++;
  history.getState().searchRequested(trimmed, requestId);
  try {
    const { episodes, total } = await api.searchAlertHistory({ query: trimmed, resolvedOnly: true, limit: 500 });
    history.getState().searchAnswered(requestId, episodes, total);
  } catch (error) {
    history.getState().searchFailed(requestId, error instanceof Error ? error.message : String(error));
  }
}
