/**
 * The firing episodes already announced. An episode that ends is remembered for a while, so a
 * source that briefly forgets its alerts (an Alertmanager restart: it keeps them only in memory)
 * does not announce them all again when they come back unchanged.
 */
export class AnnouncementLog {
  /** episode key → when to forget it, or null while the alert is still there. */
  private readonly entries = new Map<string, number | null>();

  constructor(private readonly rememberMs = 60 * 60_000) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  add(key: string): void {
    this.entries.set(key, null);
  }

  /** The alert left: keep the episode for `rememberMs`, then let it go. */
  ended(key: string, now: number): void {
    if (this.entries.has(key)) this.entries.set(key, now + this.rememberMs);
  }

  /** Forget at once, so the next firing of this episode is announced again (e.g. after a silence ends). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  prune(now: number): void {
    for (const [key, forgetAt] of this.entries) {
      if (forgetAt !== null && forgetAt <= now) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
