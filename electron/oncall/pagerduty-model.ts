import { z } from 'zod';
import { IsoInstant } from '../sources/timestamps';

/**
 * PagerDuty REST API v2 answers as this app reads them (zod, unknown fields ignored) and the
 * small typed model the rest of the app uses. Field names and meanings follow
 * developer.pagerduty.com (List incidents, Update an incident, Get the current user, List all of
 * the on-calls; "Pagination": `limit`, `offset`, `more`, `total`; "Errors": `error.message`,
 * `error.code`, `error.errors`).
 */

export type PagerDutyIncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface PagerDutyReference {
  id: string;
  /** PagerDuty's `summary`: the name to show. */
  name: string;
}

export interface PagerDutyIncident {
  id: string;
  incidentNumber: number;
  title: string;
  /** The Events API dedup key it was opened with (Alertmanager sends a hash of its group key); null when PagerDuty gives none. */
  incidentKey: string | null;
  status: PagerDutyIncidentStatus;
  urgency: 'high' | 'low';
  service: PagerDutyReference;
  htmlUrl: string;
  createdAt: string;
  assignments: { assignee: PagerDutyReference; at: string }[];
  escalationPolicy: PagerDutyReference;
  teams: PagerDutyReference[];
}

export interface PagerDutyUser {
  id: string;
  name: string;
  email: string;
  timeZone: string | null;
  htmlUrl: string | null;
}

/** One contiguous stretch during which a user is on call for a level of an escalation policy. */
export interface PagerDutyOnCall {
  user: PagerDutyReference;
  escalationPolicy: PagerDutyReference;
  escalationLevel: number;
  /** Null when the user is on the escalation rule directly rather than through a schedule. */
  schedule: PagerDutyReference | null;
  /** Null start: on call since forever; null end: never goes off call. */
  start: string | null;
  end: string | null;
}

const Reference = z.object({ id: z.string().min(1), summary: z.string() }).transform(({ id, summary }) => ({ id, name: summary }));

const Incident = z
  .object({
    id: z.string().min(1),
    incident_number: z.number().int(),
    title: z.string(),
    incident_key: z.string().nullish(),
    status: z.enum(['triggered', 'acknowledged', 'resolved']),
    urgency: z.enum(['high', 'low']),
    service: Reference,
    html_url: z.string(),
    created_at: IsoInstant,
    assignments: z.array(z.object({ at: IsoInstant, assignee: Reference })),
    escalation_policy: Reference,
    teams: z.array(Reference).optional(),
  })
  .transform(
    (incident): PagerDutyIncident => ({
      id: incident.id,
      incidentNumber: incident.incident_number,
      title: incident.title,
      incidentKey: incident.incident_key || null,
      status: incident.status,
      urgency: incident.urgency,
      service: incident.service,
      htmlUrl: incident.html_url,
      createdAt: incident.created_at,
      assignments: incident.assignments,
      escalationPolicy: incident.escalation_policy,
      teams: incident.teams ?? [],
    }),
  );

/** The fields of classic pagination every list answer carries. */
const Page = z.object({ limit: z.number().int().positive(), offset: z.number().int().nonnegative(), more: z.boolean() });

export const IncidentPage = Page.extend({ incidents: z.array(Incident) });
export const IncidentAnswer = z.object({ incident: Incident });

export const UserAnswer = z.object({
  user: z
    .object({ id: z.string().min(1), name: z.string(), email: z.string(), time_zone: z.string().nullish(), html_url: z.string().nullish() })
    .transform((user): PagerDutyUser => ({ id: user.id, name: user.name, email: user.email, timeZone: user.time_zone ?? null, htmlUrl: user.html_url ?? null })),
});

const OnCall = z
  .object({
    user: Reference,
    escalation_policy: Reference,
    escalation_level: z.number().int(),
    schedule: Reference.nullish(),
    start: IsoInstant.nullish(),
    end: IsoInstant.nullish(),
  })
  .transform(
    (oncall): PagerDutyOnCall => ({
      user: oncall.user,
      escalationPolicy: oncall.escalation_policy,
      escalationLevel: oncall.escalation_level,
      schedule: oncall.schedule ?? null,
      start: oncall.start ?? null,
      end: oncall.end ?? null,
    }),
  );

export const OnCallPage = Page.extend({ oncalls: z.array(OnCall) });

/** "Rate Limit Exceeded (code 2020): detail; detail" from PagerDuty's error body, if it is one. */
export function pagerDutyErrorMessage(body: unknown): string | undefined {
  const parsed = z
    .object({ error: z.object({ message: z.string(), code: z.number().optional(), errors: z.array(z.string()).optional() }) })
    .safeParse(body);
  if (!parsed.success) return undefined;
  const { message, code, errors } = parsed.data.error;
  const details = errors?.length ? `: ${errors.join('; ')}` : '';
  return `${message}${code === undefined ? '' : ` (code ${code})`}${details}`;
}
