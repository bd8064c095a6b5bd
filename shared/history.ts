import { z } from 'zod';
import { LabelsSchema, SeveritySchema } from './model';

/** One firing of one alert, from the app's own history (Alertmanager keeps none). */
export const AlertEpisodeSchema = z.object({
  fingerprint: z.string(),
  name: z.string(),
  labels: LabelsSchema,
  severity: SeveritySchema,
  sources: z.array(z.string()),
  startsAt: z.string(),
  /** When it stopped being reported; null while it still fires. */
  resolvedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgeComment: z.string().nullable(),
  /** Who silenced it (the silence's author) and why, if it was silenced during this episode. */
  silencedBy: z.string().nullable(),
  silenceComment: z.string().nullable(),
});
export type AlertEpisode = z.infer<typeof AlertEpisodeSchema>;

/** What the detail view shows: "fired 7 times in the last 7 days, median duration 4 min". */
export const AlertHistorySchema = z.object({
  fingerprint: z.string(),
  /** Most recent first, at most 50. */
  episodes: z.array(AlertEpisodeSchema),
  firedLast7Days: z.number().int(),
  /** Median duration of the resolved episodes of the last 7 days; null when none resolved. */
  medianDurationMs: z.number().nullable(),
});
export type AlertHistory = z.infer<typeof AlertHistorySchema>;

export const HistorySearchInputSchema = z
  .object({
    /** Words matched against alert names, label values and comments; empty lists the most recent. */
    query: z.string().max(500),
    resolvedOnly: z.boolean().default(true),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type HistorySearchInput = z.output<typeof HistorySearchInputSchema>;

export const HistorySearchResultSchema = z.object({ episodes: z.array(AlertEpisodeSchema), total: z.number().int() });
export type HistorySearchResult = z.infer<typeof HistorySearchResultSchema>;
