import { z } from 'zod';
import { OutboxActionSchema, type PendingAction } from '../../shared/actions';

/**
 * The outbox journal: one event per line, each with the action `id` (and the journal's `v`, the
 * record schema version, so a later version can migrate old lines). Replaying the events in order gives every
 * action's state; `attempt-started` is written before a request goes out, so an action whose last
 * event it is was cut off mid-request (a crash or kill) and may have reached the server.
 */
export const OUTBOX_RECORD_VERSION = 1;

// `type` first, then these: the order events are written in, so a journal rewritten from parsed records reads the same.
const base = { id: z.string().min(1), at: z.string() };

export const OutboxEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enqueued'), ...base, target: z.string(), action: OutboxActionSchema, summary: z.string() }),
  z.object({ type: z.literal('attempt-started'), ...base }),
  /** A try that failed in a way that may pass; `uncertain` when the request may have reached the server. */
  z.object({ type: z.literal('attempt-failed'), ...base, error: z.string(), uncertain: z.boolean() }),
  z.object({ type: z.literal('delivered'), ...base, silenceId: z.string().nullable() }),
  /** Refused for good. */
  z.object({ type: z.literal('failed'), ...base, error: z.string() }),
  z.object({ type: z.literal('cancelled'), ...base }),
]);
export type OutboxEvent = z.infer<typeof OutboxEventSchema>;

export interface OutboxEntry {
  pending: PendingAction;
  /** True when an earlier try may have reached the server. */
  uncertain: boolean;
  /** When it was delivered, refused for good or cancelled. */
  finishedAt: string | null;
}

export const INTERRUPTED_MESSAGE = 'the app stopped while this was being sent; the next try first checks whether it arrived';

/** Applies one event to the entries (in place). Returns a problem in words for an event that does not fit, else null. */
export function applyEvent(entries: Map<string, OutboxEntry>, event: OutboxEvent): string | null {
  if (event.type === 'enqueued') {
    if (entries.has(event.id)) return `action ${event.id} is enqueued twice; kept the first`;
    entries.set(event.id, {
      pending: {
        id: event.id,
        target: event.target,
        action: event.action,
        summary: event.summary,
        createdAt: event.at,
        state: 'queued',
        attempts: 0,
        lastAttemptAt: null,
        lastError: null,
        deliveredAt: null,
        silenceId: null,
      },
      uncertain: false,
      finishedAt: null,
    });
    return null;
  }
  const entry = entries.get(event.id);
  if (!entry) return `${event.type} event for action ${event.id}, which was never enqueued; ignored`;
  const pending = entry.pending;
  switch (event.type) {
    case 'attempt-started':
      pending.state = 'sending';
      pending.attempts += 1;
      pending.lastAttemptAt = event.at;
      break;
    case 'attempt-failed':
      pending.state = 'queued';
      pending.lastError = event.error;
      entry.uncertain ||= event.uncertain;
      break;
    case 'delivered':
      pending.state = 'delivered';
      pending.deliveredAt = event.at;
      pending.silenceId = event.silenceId;
      pending.lastError = null;
      entry.finishedAt = event.at;
      break;
    case 'failed':
      pending.state = 'failed';
      pending.lastError = event.error;
      entry.finishedAt = event.at;
      break;
    case 'cancelled':
      pending.state = 'cancelled';
      entry.finishedAt = event.at;
      break;
  }
  return null;
}

/** Replays a journal. An action left `sending` was cut off mid-request: it is queued again, uncertain. */
export function replay(events: readonly OutboxEvent[], onProblem: (message: string) => void): Map<string, OutboxEntry> {
  const entries = new Map<string, OutboxEntry>();
  for (const event of events) {
    const problem = applyEvent(entries, event);
    if (problem) onProblem(problem);
  }
  for (const entry of entries.values()) {
    if (entry.pending.state !== 'sending') continue;
    entry.pending.state = 'queued';
    entry.pending.lastError = INTERRUPTED_MESSAGE;
    entry.uncertain = true;
  }
  return entries;
}
