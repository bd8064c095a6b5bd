import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IHalfOpenAfterBackoffContext,
} from 'cockatiel';
import type { SourceHealth } from '../../shared/model';

export type CircuitPosition = SourceHealth['circuit'];

export interface SourceCircuitOptions {
  /** Failed polls in a row that open the circuit. */
  failuresToOpen: number;
  /** How long the circuit stays open before its `attempt`-th probe (1 for the first). */
  probeDelay: (attempt: number) => number;
  /** Called when a probe starts, scheduled or forced. */
  onProbe?: () => void;
  now: () => number;
}

/**
 * One source's circuit breaker (cockatiel's): after `failuresToOpen` failed polls in a row it
 * opens, and polls are refused without touching the network until a half-open probe is due; a
 * good probe closes it, a failed one opens it again for longer. Also knows when the next probe
 * is due, which cockatiel does not tell, so the source health can show it.
 */
export class SourceCircuit {
  private policy!: CircuitBreakerPolicy;
  private forcedProbe = false;
  private openedAt = 0;
  private openFor = 0;
  private failures = 0;

  constructor(private readonly options: SourceCircuitOptions) {
    this.policy = this.createPolicy(0);
  }

  /** Runs `task` unless the circuit is open; then throws `BrokenCircuitError` at once. */
  async execute<T>(task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const forced = this.forcedProbe;
    this.forcedProbe = false;
    if (forced) this.options.onProbe?.();
    try {
      const result = await this.policy.execute(({ signal: inner }) => task(inner), signal);
      this.failures = 0;
      return result;
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) this.failures++;
      throw error;
    }
  }

  get position(): CircuitPosition {
    if (this.forcedProbe) return 'half-open';
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'open';
    }
  }

  /** Failed polls in a row (refused ones not counted). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** When the next probe may go, while the circuit is open; otherwise null. */
  get probeAt(): number | null {
    return this.position === 'open' ? this.openedAt + this.openFor : null;
  }

  /**
   * Lets the next poll through even though the circuit is open (woke up, network changed). A
   * failure opens the circuit again at once. cockatiel cannot force half-open, so this swaps in a
   * fresh breaker that is one failure away from opening.
   */
  allowProbeNow(): void {
    if (this.position !== 'open') return;
    this.policy = this.createPolicy(this.options.failuresToOpen - 1);
    this.forcedProbe = true;
  }

  private createPolicy(failuresSoFar: number): CircuitBreakerPolicy {
    const breaker = new ConsecutiveBreaker(this.options.failuresToOpen);
    breaker.state = failuresSoFar;
    const policy = circuitBreaker(handleAll, { breaker, halfOpenAfter: { next: (context) => this.probeBackoff(context) } });
    policy.onBreak(() => {
      this.openedAt = this.options.now();
    });
    policy.onHalfOpen(() => this.options.onProbe?.());
    return policy;
  }

  /** A backoff that remembers the delay it hands to cockatiel, so `probeAt` can be told. */
  private probeBackoff(context: IHalfOpenAfterBackoffContext): IBackoff<IHalfOpenAfterBackoffContext> {
    const duration = this.options.probeDelay(context.attempt);
    this.openFor = duration;
    return { duration, next: (next) => this.probeBackoff(next) };
  }
}
