import { setFlagsFromString } from 'node:v8';

/** Long enough for start-up (code, the cached state, the first polls) to finish at full speed. */
const AFTER_START_MS = 10_000;

/**
 * Browser mode's engine process asks V8 to favour memory over speed (`--optimize-for-size`) once
 * it has started. Measured on the engine holding 10,000 alerts, 200 SLOs and 1,000 runbooks
 * (`npm run bench -- --only engine-memory`): RSS settles about 30 MB lower and no longer creeps
 * over thousands of polls, for about 1.5 ms more CPU per unchanged poll. Not from the start: with
 * the flag, loading and restoring that state took half as long again. Node allows changing this
 * flag at run time (it does not freeze V8's flags); the desktop app's Electron is left as it is.
 */
export function favourMemoryOnceStarted(delayMs = AFTER_START_MS): void {
  setTimeout(() => setFlagsFromString('--optimize-for-size'), delayMs).unref();
}
