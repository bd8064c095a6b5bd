export interface WakeDetectorOptions {
  onWake: (sleptMs: number) => void;
  intervalMs?: number;
  /** A tick this much later than planned counts as a sleep. */
  toleranceMs?: number;
  now?: () => number;
}

/**
 * Notices that the machine slept, in plain Node (browser mode, and a fallback beside Electron's
 * powerMonitor): timers do not run during sleep, so a tick that arrives far later than planned
 * means the process was frozen. Wall-clock time is used on purpose, since the monotonic clock
 * may stop during sleep on some systems.
 */
export class WakeDetector {
  private readonly timer: NodeJS.Timeout;
  private last: number;

  constructor(private readonly options: WakeDetectorOptions) {
    const now = options.now ?? Date.now;
    const intervalMs = options.intervalMs ?? 5_000;
    const toleranceMs = options.toleranceMs ?? 15_000;
    this.last = now();
    this.timer = setInterval(() => {
      const at = now();
      const late = at - this.last - intervalMs;
      this.last = at;
      if (late > toleranceMs) this.options.onWake(late);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
