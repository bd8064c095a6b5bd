/** "My shift" as an on-call service tells it, for the lead's on-call context. */
export interface OnCallState {
  onCallNow: boolean;
  /** When the current stretch ends; null when off call, when it has no end, or when the service does not say. */
  until: string | null;
  /** When my next stretch starts; null when none is known. */
  nextShiftAt: string | null;
  /** Everyone on call now for the configured escalation policies or schedules, each once. */
  who: string[];
}

/** Who is on call changes by the shift, not by the minute: read it at most this often. */
export const ON_CALL_REFRESH_MS = 5 * 60_000;

/**
 * Reads the on-call data at most every `everyMs` (an attempt counts, so a failing read does not
 * hammer a rate-limited API). A failure keeps the last good value and becomes a warning, shown
 * with every poll until a read succeeds again: the alerts are still fine, the shift is not known.
 */
export class OnCallRefresh<T> {
  private lastAttemptAt = -Infinity;
  private problem: string | null = null;
  private latest: T | null = null;

  constructor(
    private readonly service: string,
    private readonly now: () => number,
    private readonly everyMs = ON_CALL_REFRESH_MS,
  ) {}

  get value(): T | null {
    return this.latest;
  }

  async refreshIfDue(read: () => Promise<T>): Promise<void> {
    const now = this.now();
    if (now - this.lastAttemptAt < this.everyMs) return;
    this.lastAttemptAt = now;
    try {
      this.latest = await read();
      this.problem = null;
    } catch (error) {
      this.problem = `cannot read who is on call from ${this.service}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  warnings(): string[] {
    return this.problem === null ? [] : [this.problem];
  }

  /** Another token may belong to another user: forget everything and read again at the next poll. */
  reset(): void {
    this.lastAttemptAt = -Infinity;
    this.problem = null;
    this.latest = null;
  }
}
