/** One run of a health check, as kept for availability and latency SLOs. */
export interface ProbeResult {
  /** When the probe started, ms since the epoch. */
  at: number;
  /** The check passed (status, body and JSON as expected). */
  ok: boolean;
  /** From the start (DNS included) to the last byte read, or to the failure; 0.1 ms precision. */
  latencyMs: number;
  /** The HTTP status, or null when no answer came (no connection, TLS refused, timeout). */
  status: number | null;
}

export const DEFAULT_HISTORY_LIMIT = 10_000;

/** The last `limit` probe results, oldest first. */
export class ProbeHistory {
  private readonly items: ProbeResult[] = [];

  constructor(private readonly limit = DEFAULT_HISTORY_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`probe history limit must be a positive integer, got ${limit}`);
  }

  add(result: ProbeResult): void {
    this.items.push(Object.freeze({ ...result }));
    // Dropping in batches keeps adding O(1) on average instead of shifting 10,000 items each time.
    if (this.items.length > this.limit + Math.ceil(this.limit / 10)) this.items.splice(0, this.items.length - this.limit);
  }

  /** A copy, oldest first, at most `limit` long. */
  all(): readonly ProbeResult[] {
    return this.items.slice(Math.max(0, this.items.length - this.limit));
  }
}

export interface ProbeCounts {
  good: number;
  total: number;
}

/**
 * Good and total probes that started in [fromMs, toMs): availability counts passed probes as
 * good; with `latencyThresholdMs`, good also means answered within it (a latency SLO over all
 * probes, so a failed probe is never "fast").
 */
export function probeCounts(results: readonly ProbeResult[], fromMs: number, toMs: number, latencyThresholdMs?: number): ProbeCounts {
  let good = 0;
  let total = 0;
  for (const result of results) {
    if (result.at < fromMs || result.at >= toMs) continue;
    total++;
    if (result.ok && (latencyThresholdMs === undefined || result.latencyMs <= latencyThresholdMs)) good++;
  }
  return { good, total };
}
