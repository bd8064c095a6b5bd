import type { AlertEpisode, AlertHistory, HistorySearchInput, HistorySearchResult } from '../../shared/history';
import type { EpisodeKey, EpisodeWrite } from './episode-writes';
import type { RetentionLimits } from './episode-store';

/** What the history worker is started with (`workerData`). */
export interface HistoryWorkerData {
  file: string;
  /** Null until the config is known: nothing is removed before the first `prune` with limits. */
  retention: RetentionLimits | null;
  nowMs: number;
}

/** Main thread → worker. Requests with an `id` are answered once; the others are fire-and-forget. */
export type HistoryRequest =
  | { kind: 'write'; writes: EpisodeWrite[] }
  | { kind: 'prune'; nowMs: number; limits?: RetentionLimits }
  /** Ends every open episode not in `firing`, at `resolvedAt`. */
  | { kind: 'reconcile'; firing: EpisodeKey[]; resolvedAt: string }
  | { kind: 'get'; id: number; fingerprint: string; nowMs: number }
  | { kind: 'search'; id: number; input: HistorySearchInput }
  /** Episodes that were firing at some point in [fromMs, toMs], oldest first. */
  | { kind: 'between'; id: number; fromMs: number; toMs: number; limit: number }
  | { kind: 'close'; id: number };

export type HistoryResult = AlertHistory | HistorySearchResult | AlertEpisode[] | null;

/** Worker → main thread. */
export type HistoryReply =
  | { kind: 'ready' }
  /** The database could not be opened; the worker ends. */
  | { kind: 'failed'; message: string }
  | { kind: 'log'; message: string }
  | { kind: 'result'; id: number; value: HistoryResult }
  | { kind: 'error'; id: number; message: string };
