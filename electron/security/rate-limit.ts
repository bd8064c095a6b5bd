/**
 * A token bucket: up to `burst` actions at once, refilled at `perSecond`. Used by the loopback
 * bridge so a runaway or hostile page cannot flood the engine with commands or the socket with
 * messages. The clock is injectable for tests.
 */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export interface TokenBucket {
  /** Takes one token; false when the bucket is empty (the action should be refused). */
  take(): boolean;
  /** Seconds until the next token, for a Retry-After header. */
  secondsUntilNext(): number;
}

export function createTokenBucket(limit: RateLimit, now: () => number = () => performance.now()): TokenBucket {
  if (!(limit.burst >= 1) || !(limit.perSecond > 0)) throw new Error(`rate limit needs burst >= 1 and perSecond > 0, got ${JSON.stringify(limit)}`);
  let tokens = limit.burst;
  let last = now();
  const refill = () => {
    const at = now();
    tokens = Math.min(limit.burst, tokens + ((at - last) / 1000) * limit.perSecond);
    last = at;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    secondsUntilNext() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / limit.perSecond);
    },
  };
}
