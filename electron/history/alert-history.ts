import type { Worker } from 'node:worker_threads';
import type { AlertEpisode, AlertHistory, HistorySearchInput, HistorySearchResult } from '../../shared/history';
import { episodeWrites, type AlertChangeRecord, type EpisodeWrite } from './episode-writes';
import type { RetentionLimits } from './episode-store';
import type { HistoryReply, HistoryRequest, HistoryResult } from './history-protocol';
import { startHistoryWorker } from './history-worker-launcher';

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
}

/** Old episodes are removed when limits are known, on this period, and whenever there are more than `maxEpisodes`. */
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Opens the history in its worker. Rejects, naming the file, when it cannot be used: a history
 * written by a newer version of the app (left untouched), or a folder that cannot be written. A
 * file that cannot hold the history (not a SQLite database, a schema that lacks what its version
 * says, a migration that fails) is moved aside and a new history started (said through `log`).
 */
export async function openAlertHistory(options: AlertHistoryOptions): Promise<AlertHistoryStore> {
  const now = options.now ?? (() => new Date());
  const worker = startHistoryWorker({ file: options.file, retention: options.retention, nowMs: now().getTime() });
  const store = new WorkerAlertHistory(worker, options.log, now);
  await store.ready;
  return store;
}

interface Waiting {
  resolve: (value: HistoryResult) => void;
  reject: (error: Error) => void;
}

class WorkerAlertHistory implements AlertHistoryStore {
  readonly ready: Promise<void>;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Why the worker cannot take requests any more (closed, or it died). */
  private stopped: string | undefined;
  private saidNotRecording = false;
  private closing: Promise<void> | undefined;
  private readonly exited: Promise<void>;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(
    private readonly worker: Worker,
    private readonly log: (message: string) => void,
    private readonly now: () => Date,
  ) {
    let settleReady: { resolve: () => void; reject: (error: Error) => void } | undefined;
    this.ready = new Promise((resolve, reject) => (settleReady = { resolve, reject }));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: HistoryReply) => {
      if (reply.kind === 'log') this.log(reply.message);
      else if (reply.kind === 'ready') settleReady?.resolve();
      else if (reply.kind === 'failed') settleReady?.reject(new Error(reply.message));
      else this.settle(reply);
    });
    worker.on('error', (error) => {
      this.log(`alert history: the worker failed: ${error.message}`);
      this.stop(`the alert history worker failed (${error.message})`);
      settleReady?.reject(error);
    });
    worker.on('exit', (code) => {
      this.stop(`the alert history worker stopped (exit code ${code})`);
      settleReady?.reject(new Error(`the alert history worker stopped before it was ready (exit code ${code})`));
      clearInterval(this.pruneTimer);
    });
    this.pruneTimer = setInterval(() => this.post({ kind: 'prune', nowMs: this.now().getTime() }), PRUNE_INTERVAL_MS);
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
    return (await this.request({ kind: 'get', fingerprint, nowMs: now.getTime() })) as AlertHistory;
  }

  async search(input: HistorySearchInput): Promise<HistorySearchResult> {
    return (await this.request({ kind: 'search', input })) as HistorySearchResult;
  }

  async between(from: Date, to: Date, limit: number): Promise<AlertEpisode[]> {
    return (await this.request({ kind: 'between', fromMs: from.getTime(), toMs: to.getTime(), limit })) as AlertEpisode[];
  }

  setRetention(limits: RetentionLimits): void {
    this.post({ kind: 'prune', nowMs: this.now().getTime(), limits: { maxAgeMs: limits.maxAgeMs, maxEpisodes: limits.maxEpisodes } });
  }

  reconcile(firing: ReadonlyArray<{ fingerprint: string; startsAt: string }>, at: Date): void {
    const keys = firing.map(({ fingerprint, startsAt }) => ({ fingerprint, startsAt }));
    this.post({ kind: 'reconcile', firing: keys, resolvedAt: at.toISOString() });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.pruneTimer);
      if (this.stopped === undefined) {
        const closed = this.request({ kind: 'close' });
        this.stopped = 'the alert history is closed';
        await closed.catch((error: unknown) => this.log(`alert history: ${error instanceof Error ? error.message : String(error)}`));
      }
      await this.exited;
    })();
    return this.closing;
  }

  private write(writes: EpisodeWrite[]): void {
    if (this.stopped !== undefined) {
      // Once, not at every engine update.
      if (!this.saidNotRecording) this.log(`alert history: alert changes are no longer recorded: ${this.stopped}`);
      this.saidNotRecording = true;
      return;
    }
    this.post({ kind: 'write', writes });
  }

  private post(request: HistoryRequest): void {
    if (this.stopped !== undefined) return;
    try {
      this.worker.postMessage(request);
    } catch (error) {
      this.log(`alert history: could not pass a ${request.kind} request to the worker: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private request(
    request:
      | { kind: 'get'; fingerprint: string; nowMs: number }
      | { kind: 'search'; input: HistorySearchInput }
      | { kind: 'between'; fromMs: number; toMs: number; limit: number }
      | { kind: 'close' },
  ): Promise<HistoryResult> {
    if (this.stopped !== undefined) return Promise.reject(new Error(this.stopped));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as HistoryRequest);
    });
  }

  private settle(reply: Extract<HistoryReply, { kind: 'result' | 'error' }>): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.kind === 'result') waiting.resolve(reply.value);
    else waiting.reject(new Error(reply.message));
  }

  private stop(reason: string): void {
    this.stopped ??= reason;
    for (const waiting of this.waiting.values()) waiting.reject(new Error(reason));
    this.waiting.clear();
  }
}
