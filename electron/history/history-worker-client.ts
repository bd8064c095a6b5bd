import type { Worker } from 'node:worker_threads';
import type { RetentionLimits } from './episode-store';
import type { HistoryReply, HistoryRequest, HistoryResult } from './history-protocol';
import { startHistoryWorker } from './history-worker-launcher';

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
/** A request the worker answers; the client gives it its `id`. */
export type AnsweredRequest = WithoutId<Extract<HistoryRequest, { id: number }>>;

export interface HistoryWorkerClientOptions {
  file: string;
  retention: RetentionLimits | null;
  log: (message: string) => void;
  now: () => Date;
  /** Quiet time after which the worker is stopped (it is started again by the next request); the first value, it adapts. */
  idleMs: number;
}

/** The idle time doubles, up to this, while the worker keeps being woken soon after it stopped. */
const MAX_IDLE_MS = 600_000;

interface Waiting {
  resolve: (value: HistoryResult) => void;
  reject: (error: Error) => void;
}

/**
 * The main thread's side of the history worker. The worker (a V8 isolate of its own and SQLite's
 * WebAssembly: 20–40 MB) runs only while there is work: after `idleMs` without a request it closes
 * the database and ends, and the next request starts it again (about 0.15 s, off the main thread).
 * Requests keep their order across a restart: those posted while a worker ends wait here and go to
 * the next one, which opens the file only after the last one has closed it.
 */
export class HistoryWorkerClient {
  /** The first start: resolves once the database is open, rejects with why it cannot be. */
  readonly ready: Promise<void>;
  private settleReady: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private worker: Worker | undefined;
  private workerExited: Promise<void> = Promise.resolve();
  /** The running worker was asked to end because it was idle. */
  private sleeping = false;
  /** Requests posted while the worker ends; the next worker gets them first. */
  private backlog: HistoryRequest[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Why no more requests are taken (closed, or the worker failed). */
  private stopped: string | undefined;
  private closing: Promise<void> | undefined;
  private retention: RetentionLimits | null;
  private idleMs: number;
  private idleTimer: NodeJS.Timeout | undefined;
  private sleptAt: number | undefined;

  constructor(private readonly options: HistoryWorkerClientOptions) {
    this.retention = options.retention;
    this.idleMs = options.idleMs;
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.start();
  }

  /** `ending`: asked to end for idleness, requests wait here for the next worker. */
  get state(): 'running' | 'ending' | 'asleep' | 'stopped' {
    if (this.stopped !== undefined) return 'stopped';
    if (this.worker === undefined) return 'asleep';
    return this.sleeping ? 'ending' : 'running';
  }

  get stoppedReason(): string | undefined {
    return this.stopped;
  }

  /** Fire-and-forget; dropped once stopped (false). */
  post(request: HistoryRequest): boolean {
    if (this.stopped !== undefined) return false;
    if (request.kind === 'prune' && request.limits) this.retention = request.limits;
    if (this.sleeping) {
      this.backlog.push(request);
      return true;
    }
    if (this.worker === undefined) this.start();
    try {
      this.worker!.postMessage(request);
    } catch (error) {
      this.options.log(`alert history: could not pass a ${request.kind} request to the worker: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.armIdleTimer();
    return true;
  }

  request(request: AnsweredRequest): Promise<HistoryResult> {
    if (this.stopped !== undefined) return Promise.reject(new Error(this.stopped));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post({ ...request, id } as HistoryRequest);
    });
  }

  /** Lets pending writes through, closes the database and ends the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearTimeout(this.idleTimer);
      // A worker ending for idleness: whatever was posted meanwhile starts the next one on its exit.
      if (this.sleeping) await this.workerExited;
      if (this.worker !== undefined && this.stopped === undefined) {
        const closed = this.request({ kind: 'close' });
        this.stopped = 'the alert history is closed';
        await closed.catch((error: unknown) => this.options.log(`alert history: ${error instanceof Error ? error.message : String(error)}`));
      }
      this.stopped ??= 'the alert history is closed';
      await this.workerExited;
    })();
    return this.closing;
  }

  private start(): void {
    if (this.sleptAt !== undefined) {
      const asleepMs = performance.now() - this.sleptAt;
      this.idleMs = asleepMs < this.idleMs ? Math.min(this.idleMs * 2, MAX_IDLE_MS) : this.options.idleMs;
    }
    const worker = startHistoryWorker({ file: this.options.file, retention: this.retention, nowMs: this.options.now().getTime() });
    const first = this.settleReady;
    this.settleReady = undefined;
    this.worker = worker;
    this.workerExited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: HistoryReply) => {
      if (reply.kind === 'log') this.options.log(reply.message);
      else if (reply.kind === 'ready') first?.resolve();
      else if (reply.kind === 'failed') this.failed(reply.message, first);
      else this.settle(reply);
    });
    worker.on('error', (error) => {
      this.options.log(`alert history: the worker failed: ${error.message}`);
      this.stop(`the alert history worker failed (${error.message})`);
      first?.reject(error);
    });
    worker.on('exit', (code) => this.exited(worker, code, first));
    this.armIdleTimer();
  }

  private failed(message: string, first: { reject: (error: Error) => void } | undefined): void {
    if (first) return first.reject(new Error(message));
    this.options.log(`alert history: could not open it again: ${message}`);
    this.stop(message);
  }

  private exited(worker: Worker, code: number, first: { reject: (error: Error) => void } | undefined): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    first?.reject(new Error(`the alert history worker stopped before it was ready (exit code ${code})`));
    if (this.sleeping && this.stopped === undefined) {
      this.sleeping = false;
      this.sleptAt = performance.now();
      const backlog = this.backlog;
      this.backlog = [];
      for (const request of backlog) this.post(request);
      return;
    }
    this.stop(`the alert history worker stopped (exit code ${code})`);
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.closing !== undefined || this.stopped !== undefined || this.sleeping) return;
    this.idleTimer = setTimeout(() => this.endIfIdle(), this.idleMs);
    this.idleTimer.unref();
  }

  /** What the idle timer does: ends the worker unless a read waits for it; the next request starts another. */
  endIfIdle(): void {
    if (this.worker === undefined || this.sleeping || this.stopped !== undefined || this.closing !== undefined) return;
    if (this.waiting.size > 0) return this.armIdleTimer();
    // The worker commits every write before it, closes the database, answers and ends; the answer
    // has no one waiting for it.
    this.worker.postMessage({ kind: 'close', id: this.nextId++ } satisfies HistoryRequest);
    this.sleeping = true;
  }

  private settle(reply: Extract<HistoryReply, { kind: 'result' | 'error' }>): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.kind === 'result') waiting.resolve(reply.value);
    else waiting.reject(new Error(reply.message));
    this.armIdleTimer();
  }

  private stop(reason: string): void {
    this.stopped ??= reason;
    clearTimeout(this.idleTimer);
    for (const waiting of this.waiting.values()) waiting.reject(new Error(reason));
    this.waiting.clear();
    this.backlog = [];
  }
}
