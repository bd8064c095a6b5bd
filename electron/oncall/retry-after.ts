/**
 * How long a 429 answer asks to wait, in milliseconds, or null when it does not say.
 * `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) comes first; PagerDuty documents
 * `ratelimit-reset` (seconds until its window resets) instead, so that is the fallback.
 */
export function retryAfterMs(headers: Pick<Headers, 'get'>, now: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at) && /[a-z]/i.test(retryAfter)) return Math.max(0, at - now);
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Number(reset) * 1000;
  return null;
}

/** The wait when a 429 does not say how long: 1 s, then 2 s, 4 s… for the n-th retry (1-based). */
export function defaultRateLimitWaitMs(retry: number): number {
  return 1000 * 2 ** Math.min(retry - 1, 5);
}

/** "1 s", "90 s", "1.5 s": a wait in words. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
