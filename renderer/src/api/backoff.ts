/**
 * Exponential backoff with "equal jitter": a random delay between half and all of
 * min(cap, base·2^attempt), so windows that lost the engine together do not return in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
