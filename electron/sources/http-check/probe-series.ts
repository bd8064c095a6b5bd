import type { ProbeCounts, ProbeResult } from './probe-history';

const INITIAL_CAPACITY = 1_024;

/**
 * Probe results in time order, column by column in typed arrays: a check probed every few seconds
 * for months keeps hundreds of thousands of results, ~15 bytes each here instead of an object
 * each. Dropping the oldest is moving a start index; the space is reclaimed when the arrays grow.
 */
export class ProbeSeries {
  private at = new Float64Array(INITIAL_CAPACITY);
  private latency = new Float32Array(INITIAL_CAPACITY);
  /** HTTP status, 0 for none. */
  private status = new Uint16Array(INITIAL_CAPACITY);
  private ok = new Uint8Array(INITIAL_CAPACITY);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  /** Adds one result in its place by time (a clock set back puts it before later ones). */
  push(result: ProbeResult): void {
    if (this.end === this.at.length) this.grow();
    let index = this.end;
    // Probes come in time order; only a clock set back makes this loop run.
    while (index > this.start && this.at[index - 1]! > result.at) {
      this.copy(index - 1, index);
      index--;
    }
    this.at[index] = result.at;
    this.latency[index] = result.latencyMs;
    this.status[index] = result.status ?? 0;
    this.ok[index] = result.ok ? 1 : 0;
    this.end++;
  }

  /** Drops results that started before `oldestMs`, then the oldest beyond `maxCount`; returns how many went. */
  trim(oldestMs: number, maxCount: number): number {
    const before = this.length;
    this.start = Math.max(this.firstIndexAfter(oldestMs - 1), this.end - maxCount);
    return before - this.length;
  }

  get(position: number): ProbeResult {
    const index = this.start + position;
    if (position < 0 || index >= this.end) throw new RangeError(`no probe at position ${position} of ${this.length}`);
    return { at: this.at[index]!, ok: this.ok[index] === 1, latencyMs: roundTenth(this.latency[index]!), status: this.status[index] || null };
  }

  all(): ProbeResult[] {
    return Array.from({ length: this.length }, (_, position) => this.get(position));
  }

  /** The newest result's start time, or null when there is none. */
  newestAt(): number | null {
    return this.length > 0 ? this.at[this.end - 1]! : null;
  }

  /**
   * Good and total results that started in (afterMs, untilMs], as `probeCounts` counts them:
   * with a latency threshold, good means passed within it.
   */
  countsBetween(afterMs: number, untilMs: number, latencyThresholdMs?: number): ProbeCounts {
    let good = 0;
    let total = 0;
    for (let index = this.firstIndexAfter(afterMs); index < this.end && this.at[index]! <= untilMs; index++) {
      total++;
      if (this.ok[index] === 1 && (latencyThresholdMs === undefined || this.latency[index]! <= latencyThresholdMs)) good++;
    }
    return { good, total };
  }

  /** The index of the first result that started after `ms` (binary search). */
  private firstIndexAfter(ms: number): number {
    let low = this.start;
    let high = this.end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at[middle]! <= ms) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private copy(from: number, to: number): void {
    this.at[to] = this.at[from]!;
    this.latency[to] = this.latency[from]!;
    this.status[to] = this.status[from]!;
    this.ok[to] = this.ok[from]!;
  }

  /** Moves the live results to the front, doubling the arrays only when more than half are live. */
  private grow(): void {
    const { start, end } = this;
    if ((end - start) * 2 <= this.at.length) {
      for (const column of [this.at, this.latency, this.status, this.ok]) column.copyWithin(0, start, end);
    } else {
      const capacity = this.at.length * 2;
      const at = new Float64Array(capacity);
      at.set(this.at.subarray(start, end));
      this.at = at;
      const latency = new Float32Array(capacity);
      latency.set(this.latency.subarray(start, end));
      this.latency = latency;
      const status = new Uint16Array(capacity);
      status.set(this.status.subarray(start, end));
      this.status = status;
      const ok = new Uint8Array(capacity);
      ok.set(this.ok.subarray(start, end));
      this.ok = ok;
    }
    this.start = 0;
    this.end = end - start;
  }
}

/** Latencies are kept to 0.1 ms; float32 storage brings back noise such as 123.40000152. */
function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
