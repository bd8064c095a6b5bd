import { ExponentialBackoff, TaskCancelledError, TimeoutStrategy, handleAll, retry, timeout, wrap } from 'cockatiel';
import type { AlertSource, SourceFetchResult } from '../sources/source';

export interface PollOutcome {
  ok: boolean;
  result?: SourceFetchResult;
  /** The last error, in words, when `ok` is false. */
  error?: string;
  /** 1 when the first try succeeded; more means retries were needed. */
  attempts: number;
  finishedAt: number;
}

export interface PollerOptions {
  intervalMs: number;
  /** Limit for one request; a try that takes longer is cancelled and retried. */
  timeoutMs: number;
  /** Tries per cycle, the first included. */
  maxAttempts?: number;
  /** Failing cycles back off up to this many intervals. */
  maxBackoffIntervals?: number;
  now?: () => number;
  random?: () => number;
}

/**
 * Polls one source on its own timer: each cycle tries a few times with jittered exponential
 * backoff and a timeout per try, then reports once. A slow or dead source only delays itself.
 */
export class SourcePoller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<void> | undefined;
  private readonly stopController = new AbortController();
  private consecutiveFailures = 0;
  private readonly policy;

  constructor(
    readonly source: AlertSource,
    private readonly options: PollerOptions,
    private readonly onOutcome: (outcome: PollOutcome) => void,
  ) {
    const retryPolicy = retry(handleAll, {
      maxAttempts: (options.maxAttempts ?? 2) - 1,
      backoff: new ExponentialBackoff({ initialDelay: Math.min(500, options.intervalMs / 4), maxDelay: Math.min(5000, options.intervalMs) }),
    });
    this.policy = wrap(retryPolicy, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  }

  start(): void {
    if (this.running || this.stopController.signal.aborted) return;
    this.running = true;
    this.schedule(0);
  }

  /** Polls at once (after wake or a network change), unless a poll is already under way. */
  pollNow(): void {
    if (!this.running || this.inFlight) return;
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
    const now = this.options.now ?? Date.now;
    let attempts = 0;
    let outcome: PollOutcome;
    try {
      const result = await this.policy.execute(({ signal }) => {
        attempts++;
        return this.source.fetchAlerts(signal);
      }, this.stopController.signal);
      outcome = { ok: true, result, attempts, finishedAt: now() };
    } catch (error) {
      if (this.stopController.signal.aborted) return;
      outcome = { ok: false, error: describeFailure(error, this.options.timeoutMs), attempts, finishedAt: now() };
    }
    if (!this.running) return;
    this.consecutiveFailures = outcome.ok ? 0 : this.consecutiveFailures + 1;
    this.onOutcome(outcome);
    this.schedule(this.nextDelay());
  }

  private nextDelay(): number {
    const { intervalMs, maxBackoffIntervals = 4 } = this.options;
    const random = this.options.random ?? Math.random;
    const factor = this.consecutiveFailures === 0 ? 1 : Math.min(2 ** (this.consecutiveFailures - 1), maxBackoffIntervals);
    // ±10% so that many sources (and many users) do not poll in lockstep.
    return Math.round(intervalMs * factor * (0.9 + random() * 0.2));
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof TaskCancelledError) return `no answer within ${timeoutMs / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}
