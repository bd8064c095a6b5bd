import { z } from 'zod';

/**
 * Acknowledgements, silences and the outbox of upstream actions. An action the user takes on a
 * source (acknowledge, create or expire a silence) is first queued durably, then delivered
 * exactly once when the source can be reached; until then it is shown as pending.
 */

/** One Alertmanager matcher, as in the API v2 `matchers` of a silence. */
export const SilenceMatcherSchema = z
  .object({
    name: z.string().trim().min(1, 'expected a label name').max(200),
    value: z.string().max(2000),
    isRegex: z.boolean(),
    /** False for `!=` and `!~`. */
    isEqual: z.boolean().default(true),
  })
  .strict();
export type SilenceMatcher = z.output<typeof SilenceMatcherSchema>;

/** Comments of acknowledgement silences start with this (the convention Karma uses), so teammates' acks are recognised too. */
export const ACK_COMMENT_PREFIX = 'ACK!';

export const SilenceSchema = z.object({
  id: z.string(),
  /** The Alertmanager sources that hold it (both members of an HA pair, which replicate silences). */
  sources: z.array(z.string()),
  matchers: z.array(SilenceMatcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  state: z.enum(['active', 'pending', 'expired']),
  /** Created as an acknowledgement ("ACK!" comment), by this app or another tool. */
  acknowledgement: z.boolean(),
  /** Fingerprints of the current alerts it matches. */
  matchedAlerts: z.array(z.string()),
});
export type Silence = z.infer<typeof SilenceSchema>;

/** "I'm on it": who took the alert, when, and whether the source has heard about it. */
export const AcknowledgementSchema = z.object({
  by: z.string(),
  at: z.string(),
  comment: z.string(),
  /** local: recorded here only (the source cannot take acks); queued: waiting in the outbox; sent: an ack silence exists upstream. */
  delivery: z.enum(['local', 'queued', 'sent']),
  silenceId: z.string().nullable(),
  /** When the upstream ack silence ends, if there is one. */
  expiresAt: z.string().nullable(),
});
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

export const OutboxActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('acknowledge'),
    fingerprint: z.string(),
    alertName: z.string(),
    matchers: z.array(SilenceMatcherSchema),
    comment: z.string(),
    createdBy: z.string(),
    /** The ack silence lasts this long from the moment it is delivered. */
    durationMs: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('createSilence'),
    matchers: z.array(SilenceMatcherSchema),
    startsAt: z.string(),
    endsAt: z.string(),
    comment: z.string(),
    createdBy: z.string(),
  }),
  z.object({ kind: z.literal('expireSilence'), silenceId: z.string() }),
  /** Acknowledge a PagerDuty incident or an Opsgenie alert in the on-call service itself. */
  z.object({
    kind: z.literal('acknowledgeIncident'),
    fingerprint: z.string(),
    alertName: z.string(),
    /** The incident's (or alert's) id in the service. */
    incidentId: z.string(),
    comment: z.string(),
    createdBy: z.string(),
  }),
  /** Resolve a PagerDuty incident or close an Opsgenie alert in the service. A kind added later: older records never hold it, so the record version stays. */
  z.object({
    kind: z.literal('resolveIncident'),
    fingerprint: z.string(),
    alertName: z.string(),
    incidentId: z.string(),
    comment: z.string(),
    createdBy: z.string(),
  }),
]);
export type OutboxAction = z.infer<typeof OutboxActionSchema>;

export const PendingActionSchema = z.object({
  id: z.string(),
  /** The source (or the HA cluster of sources) it goes to. */
  target: z.string(),
  action: OutboxActionSchema,
  /** In words, for the pending-actions list: "Acknowledge HighErrorRate on am-prod". */
  summary: z.string(),
  createdAt: z.string(),
  /** failed: refused for good (the error says why); delivered and cancelled ones are kept shortly so the user sees what happened. */
  state: z.enum(['queued', 'sending', 'delivered', 'failed', 'cancelled']),
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  /** The silence the action created (acknowledge, createSilence) once delivered. */
  silenceId: z.string().nullable(),
});
export type PendingAction = z.infer<typeof PendingActionSchema>;

const Iso = z.iso.datetime({ offset: true });

export const AcknowledgeInputSchema = z
  .object({ fingerprint: z.string().min(1).max(100), comment: z.string().max(1000).optional() })
  .strict();

export const CreateSilenceInputSchema = z
  .object({
    /** An Alertmanager source name; an HA pair is reached through any of its members. */
    source: z.string().min(1).max(100),
    matchers: z.array(SilenceMatcherSchema).min(1, 'expected at least one matcher').max(50),
    startsAt: Iso.optional(),
    endsAt: Iso,
    comment: z.string().trim().min(1, 'expected a comment saying why').max(2000),
    createdBy: z.string().trim().min(1, 'expected an author').max(200),
  })
  .strict();
export type CreateSilenceInput = z.output<typeof CreateSilenceInputSchema>;

export const ExpireSilenceInputSchema = z.object({ source: z.string().min(1).max(100), silenceId: z.string().min(1).max(100) }).strict();
