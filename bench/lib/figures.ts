/** One measured figure: the samples of several runs and the target it is held to. */
export interface Measurement {
  /** What is measured, e.g. "alert ingest: engine ÷ bare fetch+parse". */
  figure: string;
  /** The input size in words, e.g. "10,000 alerts". */
  size: string;
  unit: string;
  samples: number[];
  /** Lower is better: passes when the median is at most `max`. Null: reported, no target. */
  target: { max: number } | null;
  note?: string;
}

export interface FigureResult extends Measurement {
  median: number;
  min: number;
  max: number;
  pass: boolean | null;
}

export function summarise(measurement: Measurement): FigureResult {
  const sorted = [...measurement.samples].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error(`${measurement.figure}: no samples`);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { ...measurement, median, min: sorted[0]!, max: sorted.at(-1)!, pass: measurement.target ? median <= measurement.target.max : null };
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Milliseconds since `start` (from performance.now()). */
export function since(start: number): number {
  return performance.now() - start;
}

/** CPU time (user + system) of this process in milliseconds. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** `promise`, or an error naming what did not happen within `ms` (a benchmark never hangs). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
