import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { OutboxAction, PendingAction } from '../../shared/actions';
import { JsonlJournal } from '../persistence/jsonl-journal';
import { applyEvent, OUTBOX_RECORD_VERSION, OutboxEventSchema, replay, type OutboxEntry, type OutboxEvent } from './outbox-records';

export const OUTBOX_FILE_NAME = 'outbox.jsonl';

export interface DeliveryContext {
  id: string;
  createdAt: string;
  /** true when an earlier try may have reached the server */
  uncertain: boolean;
  signal: AbortSignal;
}

/** Sends one action to its target; returns the silence it created, if any. Throws `DeliveryRefusedError` when retrying cannot help. */
export type Deliver = (target: string, action: OutboxAction, context: DeliveryContext) => Promise<{ silenceId: string | null }>;

/** The target refused the action for good (invalid matchers, an end in the past): it ends `failed` with this message. */
export class DeliveryRefusedError extends Error {
  override name = 'DeliveryRefusedError';
}

/** The try failed before the request left the machine (connection refused, DNS): it cannot have reached the server. */
export class DeliveryNotSentError extends Error {
  override name = 'DeliveryNotSentError';
}

export interface OutboxOptions {
  dir: string;
  deliver: Deliver;
  log: (message: string) => void;
  now?: () => Date;
  /** Backoff between tries of a target that fails: from `initialMs`, doubling up to `maxMs`, jittered. */
  retry?: { initialMs: number; maxMs: number };
  /** False: deliver what is queued on disk only from the first `retryNow` (e.g. once the config says where targets are). Default true. */
  deliverOnOpen?: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DEFAULT_RETRY = { initialMs: 1_000, maxMs: 60_000 };

interface Worker {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The durable outbox of upstream actions. `enqueue` writes the action to `<dir>/outbox.jsonl`
 * (fsynced) before it returns; each try is journalled before its request goes out, and its
 * outcome after. Each target gets its actions in order, one at a time; while it fails, it is
 * retried with jittered exponential backoff, and at once on `retryNow`. Emits `changed` with
 * `list()` on every state change.
 */
export class Outbox extends EventEmitter<{ changed: [PendingAction[]] }> {
  private readonly workers = new Map<string, Worker>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failuresInARow = new Map<string, number>();
  /** Targets asked to retry while a try was under way: if that try fails, the next goes at once. */
  private readonly retryWanted = new Set<string>();
  private stopped = false;

  private constructor(
    private readonly journal: JsonlJournal<OutboxEvent>,
    private readonly entries: Map<string, OutboxEntry>,
    private readonly options: Required<Omit<OutboxOptions, 'dir' | 'deliverOnOpen'>>,
  ) {
    super();
  }

  static async open(options: OutboxOptions): Promise<Outbox> {
    const file = path.join(options.dir, OUTBOX_FILE_NAME);
    const journal = await JsonlJournal.open(file, OutboxEventSchema, options.log, { version: OUTBOX_RECORD_VERSION });
    const entries = replay(journal.records(), (problem) => options.log(`${file}: ${problem}`));
    const outbox = new Outbox(journal, entries, {
      deliver: options.deliver,
      log: options.log,
      now: options.now ?? (() => new Date()),
      retry: options.retry ?? DEFAULT_RETRY,
    });
    outbox.dropOldFinished();
    if (options.deliverOnOpen !== false) outbox.retryNow();
    return outbox;
  }

  /** Queues an action for `target`; it is on disk when this returns (throws, keeping nothing, when it cannot be written). */
  enqueue(target: string, action: OutboxAction, summary: string): PendingAction {
    if (this.stopped) throw new Error('the outbox is stopped; the action was not queued');
    const event: OutboxEvent = { type: 'enqueued', id: randomUUID(), at: this.nowIso(), target, action, summary };
    this.record(event);
    const queued = structuredClone(this.entry(event.id).pending);
    this.changed();
    this.kick(target);
    return queued;
  }

  /** Cancels a queued action, or dismisses a failed one. Throws when it is being sent or already finished. */
  cancel(id: string): PendingAction {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no pending action with id ${id}`);
    const { state, summary } = entry.pending;
    if (state === 'sending') throw new Error(`"${summary}" is being sent right now and cannot be cancelled; expire the silence afterwards if needed`);
    if (state === 'delivered') throw new Error(`"${summary}" was already delivered; expire the silence instead`);
    if (state === 'cancelled') throw new Error(`"${summary}" was already cancelled`);
    this.record({ type: 'cancelled', id, at: this.nowIso() });
    this.changed();
    return structuredClone(entry.pending);
  }

  /** One action by id, as long as the journal keeps it (a day after it finished). */
  get(id: string): PendingAction | undefined {
    const entry = this.entries.get(id);
    return entry && structuredClone(entry.pending);
  }

  /** Queued, sending and failed actions, plus those delivered or cancelled in the last hour; oldest first. */
  list(): PendingAction[] {
    const now = this.options.now().getTime();
    return [...this.entries.values()]
      .filter(({ pending, finishedAt }) => {
        if (finishedAt === null) return true;
        const age = now - Date.parse(finishedAt);
        return pending.state === 'failed' ? age < DAY_MS : age < HOUR_MS;
      })
      .map(({ pending }) => structuredClone(pending))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  /** Tries `target` (or every target with queued actions) now, forgetting its backoff. */
  retryNow(target?: string): void {
    const targets = target === undefined ? new Set([...this.entries.values()].map((entry) => entry.pending.target)) : [target];
    for (const each of targets) {
      clearTimeout(this.timers.get(each));
      this.timers.delete(each);
      this.failuresInARow.delete(each);
      if (this.workers.has(each)) this.retryWanted.add(each);
      this.kick(each);
    }
  }

  /** Stops the timers and cancels deliveries under way (they count as cut off: the next start checks whether they arrived). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const running = [...this.workers.values()];
    for (const worker of running) worker.controller.abort(new Error('the outbox is stopping'));
    await Promise.all(running.map((worker) => worker.done));
  }

  private kick(target: string): void {
    if (this.stopped || this.workers.has(target) || this.timers.has(target)) return;
    const next = [...this.entries.values()].find((entry) => entry.pending.target === target && entry.pending.state === 'queued');
    if (!next) return;
    const controller = new AbortController();
    const done = this.attempt(next, controller.signal).finally(() => {
      this.workers.delete(target);
      this.kick(target);
    });
    this.workers.set(target, { controller, done });
  }

  private async attempt(entry: OutboxEntry, signal: AbortSignal): Promise<void> {
    const { id, target, action, createdAt, summary } = entry.pending;
    try {
      this.record({ type: 'attempt-started', id, at: this.nowIso() });
    } catch (error) {
      this.options.log(`outbox: not sending "${summary}": ${messageOf(error)}`);
      this.backOff(target);
      return;
    }
    this.changed();
    let outcome: OutboxEvent;
    try {
      const { silenceId } = await this.options.deliver(target, action, { id, createdAt, uncertain: entry.uncertain, signal });
      outcome = { type: 'delivered', id, at: this.nowIso(), silenceId };
      this.failuresInARow.delete(target);
      this.retryWanted.delete(target);
    } catch (error) {
      // Stopping: leave the try open in the journal, so the next start treats it as cut off.
      if (this.stopped) return;
      if (error instanceof DeliveryRefusedError) {
        outcome = { type: 'failed', id, at: this.nowIso(), error: error.message };
      } else {
        const uncertain = !(error instanceof DeliveryNotSentError);
        outcome = { type: 'attempt-failed', id, at: this.nowIso(), error: messageOf(error), uncertain };
        this.backOff(target);
      }
    }
    try {
      this.record(outcome);
    } catch (error) {
      // Not on disk, so not done: try again later; the next try finds out whether this one arrived.
      this.options.log(`outbox: could not record the outcome of "${summary}": ${messageOf(error)}`);
      entry.pending.state = 'queued';
      entry.pending.lastError = `could not record the outcome: ${messageOf(error)}`;
      entry.uncertain = true;
      if (!this.timers.has(target)) this.backOff(target);
      this.changed();
      return;
    }
    this.log(entry, outcome);
    this.changed();
  }

  private backOff(target: string): void {
    if (this.retryWanted.delete(target)) return;
    const failures = (this.failuresInARow.get(target) ?? 0) + 1;
    this.failuresInARow.set(target, failures);
    const { initialMs, maxMs } = this.options.retry;
    const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 30));
    // Half fixed, half random: spread out, yet never much sooner than the backoff asks.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    const timer = setTimeout(() => {
      this.timers.delete(target);
      this.kick(target);
    }, delay);
    timer.unref();
    this.timers.set(target, timer);
  }

  private record(event: OutboxEvent): void {
    this.journal.append(event);
    const problem = applyEvent(this.entries, event);
    if (problem) this.options.log(`outbox: ${problem}`);
    if (event.type === 'delivered' || event.type === 'failed' || event.type === 'cancelled') {
      this.journal.compactIfLarge(() => this.liveRecords());
    }
  }

  /** Finished actions older than a day leave memory and the journal. */
  private dropOldFinished(): void {
    const cutoff = this.options.now().getTime() - DAY_MS;
    let dropped = 0;
    for (const [id, entry] of this.entries) {
      if (entry.finishedAt !== null && Date.parse(entry.finishedAt) < cutoff) {
        this.entries.delete(id);
        dropped += 1;
      }
    }
    if (dropped === 0 && this.journal.records().length === this.liveRecords().length) return;
    try {
      this.journal.compact(this.liveRecords());
    } catch (error) {
      this.options.log(`outbox: ${messageOf(error)}`);
    }
  }

  private liveRecords(): OutboxEvent[] {
    const cutoff = this.options.now().getTime() - DAY_MS;
    const live = new Set(
      [...this.entries.values()]
        .filter(({ finishedAt }) => finishedAt === null || Date.parse(finishedAt) >= cutoff)
        .map(({ pending }) => pending.id),
    );
    return this.journal.records().filter((event) => live.has(event.id));
  }

  private log(entry: OutboxEntry, outcome: OutboxEvent): void {
    const { summary, target, attempts } = entry.pending;
    if (outcome.type === 'delivered') this.options.log(`outbox: delivered "${summary}" to ${target}${outcome.silenceId ? ` (silence ${outcome.silenceId})` : ''}`);
    if (outcome.type === 'failed') this.options.log(`outbox: ${target} refused "${summary}" for good: ${outcome.error}`);
    if (outcome.type === 'attempt-failed') this.options.log(`outbox: try ${attempts} of "${summary}" to ${target} failed, will retry: ${outcome.error}`);
  }

  private entry(id: string): OutboxEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`outbox: action ${id} vanished`);
    return entry;
  }

  private changed(): void {
    this.emit('changed', this.list());
  }

  private nowIso(): string {
    return this.options.now().toISOString();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
