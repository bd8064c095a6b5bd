import type { SaasLimits } from '../../oncall/saas-http';

export interface OnCallSourceOptions {
  now?: () => number;
  /** Where `{ env: NAME }` token references are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The client's limits within the poll's timeout: one try may take all of it, and a 429 is waited
 * out only when the wait leaves half of it for the retry; a longer wait fails the poll at once
 * (`RateLimitedError`, not retried) instead of being cut off by the poller's timeout.
 */
export function saasLimitsFor(timeoutMs: number): Partial<SaasLimits> {
  return { timeoutMs, maxWaitMs: Math.floor(timeoutMs / 2) };
}
