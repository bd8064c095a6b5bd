/**
 * Per-update summaries stop a burst; this stops a trickle. An outage that arrives two or three
 * alerts per poll would otherwise buzz every few seconds: past `budget` single notifications in
 * `windowMs`, further alerts wait and go out together as one summary every `flushEveryMs`.
 */
export class StormGuard {
  private shown: number[] = [];

  constructor(
    private readonly budget = 5,
    private readonly windowMs = 60_000,
    readonly flushEveryMs = 30_000,
  ) {}

  /** True when one more single notification fits the budget now (and counts it). */
  admit(now: number): boolean {
    this.shown = this.shown.filter((at) => now - at < this.windowMs);
    if (this.shown.length >= this.budget) return false;
    this.shown.push(now);
    return true;
  }
}
