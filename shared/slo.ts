import { z } from 'zod';

/** The windows burn rates are reported over, shortest first. */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export const BurnWindowSchema = z.enum(BURN_WINDOWS);
export type BurnWindow = z.infer<typeof BurnWindowSchema>;

export const BURN_WINDOW_SECONDS: Record<BurnWindow, number> = {
  '5m': 300,
  '30m': 1_800,
  '1h': 3_600,
  '2h': 7_200,
  '6h': 21_600,
  '1d': 86_400,
  '3d': 259_200,
};

/** page: wake someone; ticket: look at it today; no-data: no traffic or no series; error: cannot evaluate. */
export const SloStatusSchema = z.enum(['page', 'ticket', 'ok', 'no-data', 'error']);
export type SloStatus = z.infer<typeof SloStatusSchema>;

/** One multi-window rule (Google SRE Workbook): burn above `threshold` over both windows. */
export const BurnRuleSchema = z.object({
  severity: z.enum(['page', 'ticket']),
  threshold: z.number().positive(),
  long: BurnWindowSchema,
  short: BurnWindowSchema,
});
export type BurnRule = z.infer<typeof BurnRuleSchema>;

export const DEFAULT_BURN_RULES: BurnRule[] = [
  { severity: 'page', threshold: 14.4, long: '1h', short: '5m' },
  { severity: 'page', threshold: 6, long: '6h', short: '30m' },
  { severity: 'ticket', threshold: 3, long: '1d', short: '2h' },
  { severity: 'ticket', threshold: 1, long: '3d', short: '6h' },
];

const BurnRatesSchema = z.object(Object.fromEntries(BURN_WINDOWS.map((w) => [w, z.number().nullable()])) as Record<BurnWindow, z.ZodNullable<z.ZodNumber>>);

/** One evaluated SLO objective as the dashboard shows it. Fractions are 0..1 (budget may go below 0). */
export const SloSchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  service: z.string().nullable(),
  /** The objective's display name when the SLO has several. */
  objective: z.string().nullable(),
  file: z.string(),
  /** The monitoring source the SLO is evaluated against. */
  source: z.string().nullable(),
  target: z.number(),
  indicator: z.enum(['ratio', 'threshold']),
  window: z.object({
    /** "30d rolling", "calendar month" */
    label: z.string(),
    start: z.string(),
    end: z.string(),
    seconds: z.number(),
  }),
  /** Over the whole window; null when there was no traffic (never shown as 100 %). */
  sli: z.number().nullable(),
  budget: z.object({
    /** Fraction of the window's error budget left; negative once overspent. */
    remaining: z.number().nullable(),
    consumed: z.number().nullable(),
    /** Time-equivalent of the budget left: seconds of full outage the window can still take. */
    remainingSeconds: z.number().nullable(),
    /** The whole budget as time: (1 − target) × window. */
    totalSeconds: z.number(),
  }),
  burnRates: BurnRatesSchema,
  rules: z.array(BurnRuleSchema),
  status: SloStatusSchema,
  /** Why the status is what it is, in words: "burn 15.2× over 1h and 16.0× over 5m (page above 14.4×)". */
  statusReason: z.string(),
  /** When the budget runs out at the current 1 h and 6 h burn rates; null when it does not in this window. */
  forecast: z.object({ exhaustedAt1h: z.string().nullable(), exhaustedAt6h: z.string().nullable() }),
  /** The PromQL behind the numbers, to copy. */
  queries: z.object({
    sli: z.string(),
    good: z.string(),
    total: z.string(),
    burnRate: z.object(Object.fromEntries(BURN_WINDOWS.map((w) => [w, z.string()])) as Record<BurnWindow, z.ZodString>),
  }),
  /** Labels that link alerts and runbooks to this SLO (service, team, …). */
  labels: z.record(z.string(), z.string()),
  evaluatedAt: z.string().nullable(),
  /** True while the source is unreachable: these are the last computed values. */
  stale: z.boolean(),
  /** The last evaluation error in words, or null. */
  error: z.string().nullable(),
  /** Data problems found in the numbers (more bad than total, …). */
  dataErrors: z.array(z.string()),
});
export type Slo = z.infer<typeof SloSchema>;

/** Every SLO and every SLO file that could not be used (the message names file, field and what is supported). */
export const SloSetSchema = z.object({
  slos: z.array(SloSchema),
  errors: z.array(z.string()),
});
export type SloSet = z.infer<typeof SloSetSchema>;

/** Chart data for one SLO over its window: at most about 1,000 points per series. */
export const SloHistorySchema = z.object({
  id: z.string(),
  stepSeconds: z.number(),
  /** Unix seconds. */
  t: z.array(z.number()),
  /** Fraction of the window's budget left at each point (burn-down). */
  budgetRemaining: z.array(z.number().nullable()),
  /** Burn rate over 1 h at each point. */
  burnRate1h: z.array(z.number().nullable()),
  rules: z.array(BurnRuleSchema),
});
export type SloHistory = z.infer<typeof SloHistorySchema>;
