/** Longer than saving the cache, closing the history and the outbox ever takes; a hung save must not keep the process forever. */
const STOP_LIMIT_MS = 15_000;

/**
 * On SIGINT or SIGTERM, runs `stop` once (saving what the engine holds), then exits. The listeners
 * stay for the whole life of the process: conf's dependency when-exit answers the first signal by
 * sending the same signal again, which would end the process half-way through `stop` if no
 * listener were left to take it.
 */
export function exitOnSignals(stop: () => Promise<unknown>, log: (message: string) => void, limitMs = STOP_LIMIT_MS): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      log(`still saving ${limitMs / 1000} s after ${signal}: exiting without waiting any longer`);
      process.exit(1);
    }, limitMs).unref();
    void stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`could not stop cleanly after ${signal}: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
