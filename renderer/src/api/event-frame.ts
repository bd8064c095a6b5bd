import { describeZodError, events, isEventName, type EventName, type EventPayload } from '../../../shared/api';

export type EventFrame = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export type FrameParse = { ok: true; frame: EventFrame } | { ok: false; reason: string };

/** Reads one WebSocket frame `{ event, payload }`, checking the payload against the shared schema. */
export function parseEventFrame(data: unknown): FrameParse {
  if (typeof data !== 'string') return { ok: false, reason: 'frame is not text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'frame is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'frame is not an object' };
  const { event, payload } = parsed as { event?: unknown; payload?: unknown };
  return checkEventFrame(event, payload);
}

/**
 * Checks one event against the shared schema, whichever transport carried it (WebSocket frame or
 * Electron IPC): the event name must be in the contract and the payload must match its schema.
 */
export function checkEventFrame(event: unknown, payload: unknown): FrameParse {
  if (!isEventName(event)) return { ok: false, reason: `unknown event ${JSON.stringify(event)}` };
  const checked = events[event].safeParse(payload);
  if (!checked.success) return { ok: false, reason: `${event}: ${describeZodError(checked.error)}` };
  return { ok: true, frame: { event, payload: checked.data } as EventFrame };
}

/** How every transport reports an event it dropped: listeners never see it. */
export function reportDroppedFrame(reason: string): void {
  console.warn(`ignored event frame: ${reason}`);
}
