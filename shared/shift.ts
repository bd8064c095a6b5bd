import { z } from 'zod';
import { OnCallStatusSchema, SeveritySchema } from './model';

/** An alert that fired during the shift, from the app's own history and the live set. */
export const ShiftAlertSchema = z.object({
  fingerprint: z.string(),
  name: z.string(),
  severity: SeveritySchema,
  labels: z.record(z.string(), z.string()),
  startsAt: z.string(),
  /** null: still firing. */
  endsAt: z.string().nullable(),
  sources: z.array(z.string()),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type ShiftAlert = z.infer<typeof ShiftAlertSchema>;

export const ShiftIncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  declaredAt: z.string(),
  resolvedAt: z.string().nullable(),
});

/** "My shift": am I on call, until when, who is next, and what happened during the shift so far. */
export const ShiftSchema = z.object({
  onCall: OnCallStatusSchema,
  /** The period covered: the current shift's start when known, else the requested or default window. */
  from: z.string(),
  to: z.string(),
  alerts: z.array(ShiftAlertSchema),
  incidents: z.array(ShiftIncidentSchema),
  /** The notification rules in effect now, in words: "Off call: critical only", "Quiet hours 22:00–07:00: critical only". */
  notifications: z.array(z.string()),
});
export type Shift = z.infer<typeof ShiftSchema>;

export const ShiftInputSchema = z
  .object({
    /** Start of the period; default: the shift's start when known, else 12 hours ago. */
    from: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
