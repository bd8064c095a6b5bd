import { BrokenCircuitError, ExponentialBackoff, TaskCancelledError, TimeoutStrategy, handleWhen, retry, timeout, wrap } from 'cockatiel';
import { RateLimitedError, TokenRejectedError } from '../oncall/saas-errors';
import { SourceError } from '../sources/http-json';
import type { AlertSource, SourceFetchResult } from '../sources/source';
import { SourceCircuit, type CircuitPosition } from './source-circuit';

export interface PollOutcome {
  ok: boolean;
  result?: SourceFetchResult;
  /** The last error, in words, when `ok` is false. */
  error?: string;
  /** Requests tried this cycle: 1 when the first succeeded, more after retries, 0 when the open circuit refused the poll. */
  attempts: number;
  finishedAt: number;
  /** The circuit after this cycle. */
  circuit: CircuitPosition;
  /** ISO time of the next request to the server (the next poll, or the next probe while the circuit is open). */
  nextAttemptAt: string | null;
}

export interface PollerOptions {
  intervalMs: number;
  /** Limit for one try, from connecting to the last byte of the answer; a try that takes longer is cancelled and retried. */
  timeoutMs: number;
  /** Tries per cycle, the first included. */
  maxAttempts?: number;
  /** Failing cycles, and probes while the circuit is open, back off up to this many intervals. */
  maxBackoffIntervals?: number;
  /** Failed cycles in a row that open the circuit. */
  failuresToOpen?: number;
  /** Probes are never further apart than this (unless the interval itself is longer). */
  maxProbeDelayMs?: number;
  /** Told when a half-open probe starts, so the health can say "probing". */
  onProbe?: () => void;
  now?: () => number;
  random?: () => number;
}

/** Late enough that cockatiel's own clock agrees the probe is due. */
const PROBE_MARGIN_MS = 10;

/**
 * Polls one source on its own timer. Each cycle tries a few times with jittered exponential
 * backoff and a timeout per try, all inside a circuit breaker: after a few failed cycles the
 * circuit opens and cycles report "circuit open" without touching the network until a half-open
 * probe is due. Every cycle reports once. A slow or dead source only delays itself.
 */
export class SourcePoller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<void> | undefined;
  private readonly stopController = new AbortController();
  private readonly circuit: SourceCircuit;
  private readonly requestPolicy;
  private readonly now: () => number;
  private readonly random: () => number;
  private lastError = 'unknown error';
  /** pollNow came while a poll was under way. */
  private pollAgain = false;

  constructor(
    readonly source: AlertSource,
    private readonly options: PollerOptions,
    private readonly onOutcome: (outcome: PollOutcome) => void,
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    const retryPolicy = retry(handleWhen(isWorthRetrying), {
      maxAttempts: (options.maxAttempts ?? 2) - 1,
      backoff: new ExponentialBackoff({ initialDelay: Math.min(500, options.intervalMs / 4), maxDelay: Math.min(5000, options.intervalMs) }),
    });
    this.requestPolicy = wrap(retryPolicy, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
    this.circuit = new SourceCircuit({
      failuresToOpen: options.failuresToOpen ?? 3,
      probeDelay: (attempt) => this.probeDelay(attempt),
      onProbe: options.onProbe,
      now: this.now,
    });
  }

  /** Starts polling: the first poll in `firstPollInMs` (at once by default), or sooner with `pollNow`. */
  start(firstPollInMs = 0): void {
    if (this.running || this.stopController.signal.aborted) return;
    this.running = true;
    this.schedule(firstPollInMs);
  }

  /**
   * Polls at once (after wake or a network change), even through an open circuit. A poll already
   * under way may have started before the change (and be doomed): another follows right after it.
   */
  pollNow(): void {
    if (!this.running) return;
    if (this.inFlight) {
      this.pollAgain = true;
      return;
    }
    this.circuit.allowProbeNow();
    this.schedule(0);
  }

  /** Stops for good: cancels the request under way and reports nothing more. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.stopController.abort();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.inFlight = this.cycle().finally(() => {
        this.inFlight = undefined;
      });
    }, delayMs);
  }

  private async cycle(): Promise<void> {
    let attempts = 0;
    let result: SourceFetchResult | undefined;
    try {
      result = await this.circuit.execute(
        (signal) =>
          this.requestPolicy.execute(({ signal: trySignal }) => {
            attempts++;
            return this.source.fetchAlerts(trySignal);
          }, signal),
        this.stopController.signal,
      );
    } catch (error) {
      if (this.stopController.signal.aborted) return;
      if (!(error instanceof BrokenCircuitError)) this.lastError = describeFailure(error, this.options.timeoutMs);
    }
    if (!this.running) return;
    const finishedAt = this.now();
    const delay = this.nextDelay(finishedAt);
    const circuit = this.circuit.position;
    const nextAttemptAt = new Date(this.circuit.probeAt ?? finishedAt + delay).toISOString();
    const base = { attempts, finishedAt, circuit, nextAttemptAt };
    this.onOutcome(result ? { ok: true, result, ...base } : { ok: false, error: this.failureText(), ...base });
    const again = this.pollAgain;
    this.pollAgain = false;
    if (again) this.circuit.allowProbeNow();
    this.schedule(again ? 0 : delay);
  }

  private failureText(): string {
    const probeAt = this.circuit.probeAt;
    if (probeAt === null) return this.lastError;
    return `circuit open after ${this.circuit.consecutiveFailures} failures: ${this.lastError}; next probe at ${clockTime(probeAt)}`;
  }

  private nextDelay(now: number): number {
    const { intervalMs } = this.options;
    const probeAt = this.circuit.probeAt;
    if (probeAt !== null) {
      // Keep reporting every interval while open; the last wait ends exactly when the probe is due.
      const untilProbe = Math.max(0, probeAt - now) + PROBE_MARGIN_MS;
      return untilProbe < 2 * intervalMs ? untilProbe : this.jitter(intervalMs);
    }
    const failures = this.circuit.consecutiveFailures;
    return this.jitter(intervalMs * (failures === 0 ? 1 : this.backoffFactor(failures - 1)));
  }

  /** The n-th probe waits 2, then 4 … intervals (at most `maxBackoffIntervals`, at most `maxProbeDelayMs`). */
  private probeDelay(attempt: number): number {
    const { intervalMs, maxProbeDelayMs = 300_000 } = this.options;
    return this.jitter(Math.max(intervalMs, Math.min(intervalMs * this.backoffFactor(attempt), maxProbeDelayMs)));
  }

  private backoffFactor(exponent: number): number {
    return Math.min(2 ** exponent, this.options.maxBackoffIntervals ?? 4);
  }

  /** ±10% so that many sources (and many users) do not poll in lockstep. */
  private jitter(ms: number): number {
    return Math.round(ms * (0.9 + this.random() * 0.2));
  }
}

/**
 * A wrong shape or an oversized answer will be the same a moment later, a rejected token stays
 * rejected until the user changes it, and a rate-limited client has already waited as long as it
 * may; everything else may pass.
 */
function isWorthRetrying(error: Error): boolean {
  if (error instanceof TokenRejectedError || error instanceof RateLimitedError) return false;
  return !(error instanceof SourceError && error.kind === 'shape');
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof TaskCancelledError) return `no complete answer within ${timeoutMs / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}

function clockTime(at: number): string {
  return new Date(at).toTimeString().slice(0, 8);
}
