/** Polling, free ports and the loopback-only guard used throughout the server harness. */
import { createServer } from 'node:net';

export interface WaitForOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
  /** What is being waited for; appears in the timeout error. */
  description: string;
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`freePort: unexpected address ${String(address)}`));
        return;
      }
      const { port } = address;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

/** Throws unless `hostOrUrl` (a URL or host[:port]) names an address in 127.0.0.0/8. */
export function assertLoopback(hostOrUrl: string): void {
  let hostname: string;
  try {
    hostname = new URL(hostOrUrl.includes('://') ? hostOrUrl : `http://${hostOrUrl}`).hostname;
  } catch {
    throw new Error(`Not a URL or host:port: ${JSON.stringify(hostOrUrl)}`);
  }
  const octets = hostname.split('.');
  const loopback =
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
  if (!loopback) {
    throw new Error(`Tests may only talk to 127.0.0.0/8; refusing ${JSON.stringify(hostOrUrl)}`);
  }
}

/**
 * Polls `probe` until it returns something other than `undefined`/`false`, and returns it.
 * A probe that throws counts as "not yet". On timeout, throws naming `description` and the
 * last value or error seen.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 100, description }: WaitForOptions,
): Promise<T> {
  const started = Date.now();
  let last: { value: unknown } | { error: unknown } | undefined;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      let lastText = 'no attempt finished';
      if (last && 'error' in last) {
        lastText = `last error: ${last.error instanceof Error ? last.error.message : String(last.error)}`;
      } else if (last) {
        lastText = `last value: ${describeValue(last.value)}`;
      }
      throw new Error(`Timed out after ${elapsed} ms (${attempts} attempts) waiting for ${description}; ${lastText}`);
    }
    await sleep(Math.min(intervalMs, Math.max(0, timeoutMs - elapsed)));
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
