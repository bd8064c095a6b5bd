import { z } from 'zod';

export const INCIDENT_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const IncidentSeveritySchema = z.enum(INCIDENT_SEVERITIES);
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);

export const IncidentRolesSchema = z.object({
  commander: z.string().max(200),
  communications: z.string().max(200),
  operations: z.string().max(200),
});
export type IncidentRoles = z.infer<typeof IncidentRolesSchema>;

/** What happened, when: written by the app (alerts, steps, changes) and by the user (notes). */
export const TimelineEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['declared', 'alert-firing', 'alert-resolved', 'step-done', 'check-done', 'status', 'severity', 'role', 'note', 'linked']),
  text: z.string(),
  /** Marked by the user as a key moment (shown first in the postmortem). */
  key: z.boolean(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: IncidentSeveritySchema,
  status: IncidentStatusSchema,
  roles: IncidentRolesSchema,
  declaredAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** What it was declared from, in words: "alert HighErrorRate (checkout)", "SLO API availability", "by hand". */
  origin: z.string(),
  linkedAlerts: z.array(z.object({ fingerprint: z.string(), name: z.string() })),
  linkedRunbooks: z.array(z.object({ id: z.string(), title: z.string() })),
  linkedSlos: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The guided session of the incident checklist. */
  checklistSessionId: z.string().nullable(),
  timeline: z.array(TimelineEntrySchema),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const DeclareIncidentInputSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    severity: IncidentSeveritySchema,
    roles: IncidentRolesSchema.partial().optional(),
    fromAlert: z.string().optional(),
    fromSlo: z.string().optional(),
    runbookIds: z.array(z.string()).max(50).optional(),
  })
  .strict();

export const UpdateIncidentInputSchema = z
  .object({
    id: z.string(),
    title: z.string().trim().min(1).max(300).optional(),
    severity: IncidentSeveritySchema.optional(),
    status: IncidentStatusSchema.optional(),
    roles: IncidentRolesSchema.partial().optional(),
    linkAlert: z.string().optional(),
    linkRunbook: z.string().optional(),
  })
  .strict();
