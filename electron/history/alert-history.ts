import type { AlertEpisode, AlertHistory, HistorySearchInput, HistorySearchResult } from '../../shared/history';
import { episodeWrites, type AlertChangeRecord, type EpisodeWrite } from './episode-writes';
import type { RetentionLimits } from './episode-store';
import { HistoryWorkerClient } from './history-worker-client';

export type { AlertChangeRecord } from './episode-writes';
export type { RetentionLimits } from './episode-store';

/**
 * The app's own alert history (Alertmanager keeps none): every episode (fingerprint, startsAt)
 * with when it ended and who acknowledged or silenced it. SQLite runs in a worker thread; every
 * method here returns at once.
 */
export interface AlertHistoryStore {
  /** What changed in one engine update; fire-and-forget, batched, never throws (problems go to log). */
  record(changes: readonly AlertChangeRecord[], at: Date): void;
  /** "I'm on it" for the episode (fingerprint, startsAt) currently firing. */
  recordAcknowledgement(fingerprint: string, startsAt: string, ack: { by: string; comment: string; at: string }): void;
  get(fingerprint: string, now: Date): Promise<AlertHistory>;
  search(input: HistorySearchInput): Promise<HistorySearchResult>;
  /** Episodes firing at some point between `from` and `to` (the most recent `limit`), oldest first; absent where no history is kept. */
  between?(from: Date, to: Date, limit: number): Promise<AlertEpisode[]>;
  /**
   * New limits from the config; applied (old episodes removed) at once. A store opened with
   * `retention: null` removes nothing before the first call.
   */
  setRetention(limits: RetentionLimits): void;
  /**
   * Ends, at `at`, every open episode not in `firing`: alerts that went away while the app was not
   * watching (closed, a source removed from the config or moved). Call with every alert firing
   * once every configured source has answered.
   */
  reconcile(firing: ReadonlyArray<{ fingerprint: string; startsAt: string }>, at: Date): void;
  /** Flushes pending writes and stops the worker. */
  close(): Promise<void>;
}

export interface AlertHistoryOptions {
  /** The SQLite file; this process must be its only user (the data-folder lock). */
  file: string;
  /** Null when the config is not known yet: nothing is removed until the first `setRetention`. */
  retention: RetentionLimits | null;
  log: (message: string) => void;
  now?: () => Date;
  /** Quiet time after which the worker ends until the next request (tests set it short); 20 s. */
  workerIdleMs?: number;
}

/** Old episodes are removed when limits are known, on this period, and whenever there are more than `maxEpisodes`. */
const PRUNE_INTERVAL_MS = 3_600_000;
/**
 * The worker ends after this much quiet and starts again with the next change or read. Longer than
 * the default Alertmanager interval (15 s), so a list that changes at every poll keeps it running.
 */
const WORKER_IDLE_MS = 20_000;

/**
 * Opens the history in its worker. Rejects, naming the file, when it cannot be used: a history
 * written by a newer version of the app (left untouched), or a folder that cannot be written. A
 * file that cannot hold the history (not a SQLite database, a schema that lacks what its version
 * says, a migration that fails) is moved aside and a new history started (said through `log`).
 */
export async function openAlertHistory(options: AlertHistoryOptions): Promise<AlertHistoryStore> {
  const now = options.now ?? (() => new Date());
  const client = new HistoryWorkerClient({ file: options.file, retention: options.retention, log: options.log, now, idleMs: options.workerIdleMs ?? WORKER_IDLE_MS });
  await client.ready;
  return new WorkerAlertHistory(client, options.log, now);
}

class WorkerAlertHistory implements AlertHistoryStore {
  private saidNotRecording = false;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(
    private readonly client: HistoryWorkerClient,
    private readonly log: (message: string) => void,
    private readonly now: () => Date,
  ) {
    this.pruneTimer = setInterval(() => this.client.post({ kind: 'prune', nowMs: this.now().getTime() }), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  record(changes: readonly AlertChangeRecord[], at: Date): void {
    try {
      const writes = episodeWrites(changes, at);
      if (writes.length > 0) this.write(writes);
    } catch (error) {
      this.log(`alert history: could not record ${changes.length} alert changes: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  recordAcknowledgement(fingerprint: string, startsAt: string, ack: { by: string; comment: string; at: string }): void {
    this.write([{ kind: 'acknowledged', key: { fingerprint, startsAt }, by: ack.by, at: ack.at, comment: ack.comment, replace: true }]);
  }

  async get(fingerprint: string, now: Date): Promise<AlertHistory> {
    return (await this.client.request({ kind: 'get', fingerprint, nowMs: now.getTime() })) as AlertHistory;
  }

  async search(input: HistorySearchInput): Promise<HistorySearchResult> {
    return (await this.client.request({ kind: 'search', input })) as HistorySearchResult;
  }

  async between(from: Date, to: Date, limit: number): Promise<AlertEpisode[]> {
    return (await this.client.request({ kind: 'between', fromMs: from.getTime(), toMs: to.getTime(), limit })) as AlertEpisode[];
  }

  setRetention(limits: RetentionLimits): void {
    this.client.post({ kind: 'prune', nowMs: this.now().getTime(), limits: { maxAgeMs: limits.maxAgeMs, maxEpisodes: limits.maxEpisodes } });
  }

  reconcile(firing: ReadonlyArray<{ fingerprint: string; startsAt: string }>, at: Date): void {
    const keys = firing.map(({ fingerprint, startsAt }) => ({ fingerprint, startsAt }));
    this.client.post({ kind: 'reconcile', firing: keys, resolvedAt: at.toISOString() });
  }

  close(): Promise<void> {
    clearInterval(this.pruneTimer);
    return this.client.close();
  }

  private write(writes: EpisodeWrite[]): void {
    if (this.client.post({ kind: 'write', writes })) return;
    // Once, not at every engine update.
    if (!this.saidNotRecording) this.log(`alert history: alert changes are no longer recorded: ${this.client.stoppedReason}`);
    this.saidNotRecording = true;
  }
}
