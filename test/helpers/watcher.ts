import { afterEach, expect } from 'vitest';

/** Starts watching, calling `onChange` on each change, polling every `intervalMs`; returns the function that stops. */
export type StartWatching = (onChange: () => void, intervalMs: number) => () => void;

export interface WatcherProbe {
  /** How many times `onChange` was called since `start`. */
  readonly calls: number;
  /** Starts the watcher and lets its first (baseline) round pass. */
  start(watch: StartWatching, intervalMs?: number): Promise<void>;
  /** The stop function the watcher returned (calling it again is allowed). */
  stop(): void;
  /** Resolves on the next `onChange`; rejects if none comes within `ms`. Ask before making the change. */
  nextChange(ms?: number): Promise<void>;
  /** Resolves once `change` has been made and reported. */
  expectChange(change: () => Promise<unknown>): Promise<void>;
  /** Makes `change` and checks that nothing is reported over a few polling rounds. */
  expectNoChange(change: () => Promise<unknown>): Promise<void>;
  /** Lets a few polling rounds pass. */
  settle(): Promise<void>;
}

/** Drives a polling watcher in tests, waiting on its reports rather than on sleeps where it can; stops it after each test. */
export function useWatcherProbe(): WatcherProbe {
  let stop: (() => void) | undefined;
  let calls = 0;
  let interval = 25;
  let waiters: Array<() => void> = [];
  afterEach(() => {
    stop?.();
    stop = undefined;
  });
  const probe: WatcherProbe = {
    get calls() {
      return calls;
    },
    async start(watch, intervalMs = 25) {
      calls = 0;
      waiters = [];
      interval = intervalMs;
      stop = watch(() => {
        calls++;
        for (const resolve of waiters.splice(0)) resolve();
      }, intervalMs);
      await probe.settle();
    },
    stop() {
      stop?.();
    },
    nextChange(ms = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change reported')), ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async expectChange(change) {
      const reported = probe.nextChange();
      await change();
      await reported;
    },
    async expectNoChange(change) {
      const before = calls;
      await change();
      await probe.settle();
      await probe.settle();
      expect(calls).toBe(before);
    },
    settle() {
      return new Promise((resolve) => setTimeout(resolve, interval * 4));
    },
  };
  return probe;
}
