import { z } from 'zod';
import { IsoInstant } from '../sources/timestamps';

/**
 * Opsgenie REST API v2 answers as this app reads them (zod, unknown fields ignored) and the small
 * typed model the rest of the app uses. Shapes follow docs.opsgenie.com (Alert API: List alerts,
 * Get alert, Acknowledge alert, Get request status; Who is On Call API; Pagination: `paging.next`)
 * and the opsgenie/opsgenie-oas definitions (BaseAlert, PageDetails, OnCall, Participant,
 * BaseResponse, ErrorResponse).
 */

export interface OpsgenieAlert {
  id: string;
  tinyId: string | null;
  alias: string | null;
  message: string;
  /** "open" or "closed". */
  status: string;
  acknowledged: boolean;
  snoozed: boolean;
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  tags: string[];
  owner: string | null;
  source: string | null;
  /** How many times the alert came in (deduplicated by alias). */
  count: number;
  createdAt: string;
  updatedAt: string | null;
}

export interface OpsgenieParticipant {
  id: string;
  name: string;
  /** user, team, escalation, schedule… */
  type: string;
  /** For an escalation or team: who it reaches now. */
  participants: OpsgenieParticipant[];
}

export interface OpsgenieOnCall {
  schedule: { id: string; name: string; enabled: boolean };
  participants: OpsgenieParticipant[];
  /** Every user on call now, also those reached through an escalation or a team, each once. */
  userNames: string[];
}

/** What became of an asynchronous action (acknowledge is one): not processed yet, or done with Opsgenie's verdict. */
export type OpsgenieRequestStatus = { processed: false } | { processed: true; success: boolean; status: string; alertId: string | null };

const Alert = z
  .object({
    id: z.string().min(1),
    tinyId: z.string().nullish(),
    alias: z.string().nullish(),
    message: z.string(),
    status: z.string(),
    acknowledged: z.boolean(),
    snoozed: z.boolean().nullish(),
    priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']),
    tags: z.array(z.string()).nullish(),
    owner: z.string().nullish(),
    source: z.string().nullish(),
    count: z.number().int().nullish(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant.nullish(),
  })
  .transform(
    (alert): OpsgenieAlert => ({
      id: alert.id,
      tinyId: alert.tinyId || null,
      alias: alert.alias || null,
      message: alert.message,
      status: alert.status,
      acknowledged: alert.acknowledged,
      snoozed: alert.snoozed ?? false,
      priority: alert.priority,
      tags: alert.tags ?? [],
      owner: alert.owner || null,
      source: alert.source || null,
      count: alert.count ?? 1,
      createdAt: alert.createdAt,
      updatedAt: alert.updatedAt ?? null,
    }),
  );

const BaseResponse = z.object({ requestId: z.string(), took: z.number() });

export const AlertPage = BaseResponse.extend({
  data: z.array(Alert),
  paging: z.object({ next: z.string().nullish(), first: z.string().nullish(), last: z.string().nullish() }).nullish(),
});

export const AlertAnswer = BaseResponse.extend({ data: Alert });

/** `202 Accepted`: Opsgenie will process the action later; `requestId` tracks it. */
export const ActionAccepted = BaseResponse.extend({ result: z.string(), requestId: z.string().min(1) });

export const RequestStatusAnswer = BaseResponse.extend({
  data: z.object({ isSuccess: z.boolean(), status: z.string(), alertId: z.string().nullish() }),
});

interface WireParticipant {
  id?: string | null;
  name: string;
  type: string;
  onCallParticipants?: WireParticipant[] | null;
}

const Participant: z.ZodType<WireParticipant> = z.lazy(() =>
  z.object({ id: z.string().nullish(), name: z.string(), type: z.string(), onCallParticipants: z.array(Participant).nullish() }),
);

export const OnCallAnswer = BaseResponse.extend({
  data: z.object({
    _parent: z.object({ id: z.string(), name: z.string(), enabled: z.boolean().nullish() }),
    onCallParticipants: z.array(Participant).nullish(),
  }),
}).transform(({ data }): OpsgenieOnCall => {
  const participants = (data.onCallParticipants ?? []).map(participant);
  return {
    schedule: { id: data._parent.id, name: data._parent.name, enabled: data._parent.enabled ?? true },
    participants,
    userNames: [...new Set(participants.flatMap(usersIn))],
  };
});

function participant(wire: WireParticipant): OpsgenieParticipant {
  return { id: wire.id ?? '', name: wire.name, type: wire.type, participants: (wire.onCallParticipants ?? []).map(participant) };
}

function usersIn(one: OpsgenieParticipant): string[] {
  return one.type === 'user' ? [one.name] : one.participants.flatMap(usersIn);
}

/** Opsgenie's `message`, with the field errors of a 422 if it sent some. */
export function opsgenieErrorMessage(body: unknown): string | undefined {
  const parsed = z.object({ message: z.string(), errors: z.record(z.string(), z.unknown()).optional() }).safeParse(body);
  if (!parsed.success) return undefined;
  const details = Object.entries(parsed.data.errors ?? {}).map(([field, problem]) => `${field}: ${String(problem)}`);
  return details.length ? `${parsed.data.message} (${details.join('; ')})` : parsed.data.message;
}
