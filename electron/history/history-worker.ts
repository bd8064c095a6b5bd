/**
 * The alert history's own thread: SQLite (node-sqlite3-wasm) is synchronous, so it runs here and
 * the main thread only posts messages. Writes that arrive together are committed in one
 * transaction; a read first commits what is pending, so it sees every earlier write.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { episodesBetween, readHistory, searchHistory } from './episode-reads';
import { closeEpisodesNotFiring } from './episode-reconcile';
import { applyWrites, countEpisodes, pruneEpisodes, type RetentionLimits } from './episode-store';
import type { EpisodeKey, EpisodeWrite } from './episode-writes';
import { errorText, openHistoryDatabase } from './history-database';
import type { HistoryReply, HistoryRequest, HistoryResult, HistoryWorkerData } from './history-protocol';
import type { SqliteDatabase } from './sqlite';

if (!parentPort) throw new Error('history-worker runs as a worker thread, started by openAlertHistory');
const port = parentPort;
const reply = (message: HistoryReply): void => port.postMessage(message);
const log = (message: string): void => reply({ kind: 'log', message });

class HistoryWorker {
  private pending: EpisodeWrite[] = [];
  private flushScheduled = false;

  constructor(
    private readonly db: SqliteDatabase,
    /** Null until the config is known: nothing is removed before. */
    private limits: RetentionLimits | null,
    private count: number,
  ) {}

  handle(request: HistoryRequest): void {
    switch (request.kind) {
      case 'write':
        this.pending.push(...request.writes);
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => this.flush());
        }
        return;
      case 'prune':
        this.flush();
        if (request.limits) this.limits = request.limits;
        this.prune(request.nowMs);
        return;
      case 'reconcile':
        this.flush();
        this.reconcile(request.firing, request.resolvedAt);
        return;
      case 'get':
        this.answer(request.id, () => readHistory(this.db, request.fingerprint, request.nowMs));
        return;
      case 'search':
        this.answer(request.id, () => searchHistory(this.db, request.input));
        return;
      case 'between':
        this.flush();
        this.answer(request.id, () => episodesBetween(this.db, request.fromMs, request.toMs, request.limit));
        return;
      case 'close':
        this.answer(request.id, () => {
          this.db.close();
          return null;
        });
        port.close();
        return;
    }
  }

  prune(nowMs: number | undefined): void {
    const limits = this.limits;
    if (limits === null) return;
    try {
      const deleted = pruneEpisodes(this.db, limits, nowMs, this.count);
      this.count -= deleted;
      if (deleted > 0) {
        log(`alert history: removed ${deleted} episodes (ended more than ${limits.maxAgeMs} ms ago or beyond the ${limits.maxEpisodes} kept)`);
      }
    } catch (error) {
      log(`alert history: could not remove old episodes: ${errorText(error)}`);
    }
  }

  private reconcile(firing: readonly EpisodeKey[], resolvedAt: string): void {
    try {
      const closed = closeEpisodesNotFiring(this.db, firing, resolvedAt);
      if (closed > 0) log(`alert history: ended ${closed} episodes whose alerts no source reports any more, at ${resolvedAt}`);
    } catch (error) {
      log(`alert history: could not end the episodes whose alerts no source reports any more: ${errorText(error)}`);
    }
  }

  private answer(id: number, read: () => HistoryResult): void {
    this.flush();
    try {
      reply({ kind: 'result', id, value: read() });
    } catch (error) {
      reply({ kind: 'error', id, message: `alert history: ${errorText(error)}` });
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const writes = this.pending;
    this.pending = [];
    try {
      this.count += applyWrites(this.db, writes, log);
    } catch (error) {
      log(`alert history: could not record ${writes.length} changes: ${errorText(error)}`);
      return;
    }
    if (this.limits !== null && this.count > this.limits.maxEpisodes) this.prune(undefined);
  }
}

function start(): void {
  const data = workerData as HistoryWorkerData;
  let worker: HistoryWorker;
  let db: SqliteDatabase | undefined;
  try {
    db = openHistoryDatabase(data.file, log, new Date(data.nowMs));
    worker = new HistoryWorker(db, data.retention, countEpisodes(db));
  } catch (error) {
    if (db?.isOpen) db.close();
    // What openHistoryDatabase throws names the file already.
    const message = db === undefined ? errorText(error) : `could not count the episodes in the alert history ${data.file}: ${errorText(error)}`;
    reply({ kind: 'failed', message });
    port.close();
    return;
  }
  worker.prune(data.nowMs);
  port.on('message', (request: HistoryRequest) => worker.handle(request));
  reply({ kind: 'ready' });
}

start();
