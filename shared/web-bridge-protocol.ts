import { z } from 'zod';

/**
 * What the loopback web bridge adds to the API contract so that a page may ask for its first
 * snapshot while its event socket is still opening. The bridge numbers the events it sends: every
 * command's answer says how many had been sent when the command ran, and every event socket starts
 * with a hello saying how many had been sent before it joined. A snapshot whose count is at least
 * the socket's missed no event; any other is asked for again.
 */

/** Response header of every command: the number of events the bridge had sent when the command ran. */
export const EVENTS_SENT_HEADER = 'x-oncall-events-sent';

/** The first frame on every event socket, before any event. */
const bridgeHello = z.object({ hello: z.object({ eventsSent: z.number().int().nonnegative() }) });
export type BridgeHello = z.infer<typeof bridgeHello>;

export function helloFrame(eventsSent: number): string {
  return JSON.stringify({ hello: { eventsSent } } satisfies BridgeHello);
}

/** The count in a hello frame (already parsed from JSON), or null when the frame is not one. */
export function eventsSentInHello(frame: unknown): number | null {
  const parsed = bridgeHello.safeParse(frame);
  return parsed.success ? parsed.data.hello.eventsSent : null;
}

/** The count in an {@link EVENTS_SENT_HEADER} value, or null when absent or not a count. */
export function eventsSentInHeader(value: string | null | undefined): number | null {
  if (value == null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}
