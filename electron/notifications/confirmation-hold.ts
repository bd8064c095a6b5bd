/**
 * Only Alertmanager knows whether a silence or an inhibition mutes an alert, and a Prometheus
 * alert usually reaches it within seconds. So while an Alertmanager is configured and reachable,
 * an alert seen only through Prometheus waits up to a grace period for Alertmanager's word
 * before it is announced.
 */
export class ConfirmationHold {
  private readonly firstSeen = new Map<string, number>();

  /** True while `fingerprint`, seen only through Prometheus, is still within its grace period. */
  isHeld(fingerprint: string, now: number, graceMs: number): boolean {
    const since = this.firstSeen.get(fingerprint) ?? now;
    this.firstSeen.set(fingerprint, since);
    return now - since < graceMs;
  }

  /** The alert is confirmed, muted or gone: stop holding it. */
  release(fingerprint: string): void {
    this.firstSeen.delete(fingerprint);
  }

  /** Fingerprints whose grace period has passed, and when the next one will pass. */
  due(now: number, graceMs: number): { due: string[]; nextAt: number | null } {
    const due: string[] = [];
    let nextAt: number | null = null;
    for (const [fingerprint, since] of this.firstSeen) {
      const releaseAt = since + graceMs;
      if (releaseAt <= now) due.push(fingerprint);
      else nextAt = nextAt === null ? releaseAt : Math.min(nextAt, releaseAt);
    }
    return { due, nextAt };
  }
}
