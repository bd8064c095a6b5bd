import { z } from 'zod';
import { LabelSet } from './label-set';
import { SEVERITIES } from './severity';
import { IncidentSchema } from './incident';
import { RunbookSetSchema } from './runbook';
import { SloSetSchema } from './slo';
import { AcknowledgementSchema, PendingActionSchema, SilenceSchema } from './actions';

export const SeveritySchema = z.enum(SEVERITIES);

/** Label (and annotation) sets; checked in one loop, as they come by the ten thousand. */
export const LabelsSchema = LabelSet;
export type Labels = z.infer<typeof LabelsSchema>;

/**
 * One alert as the dashboard shows it, merged across every source that reports it.
 * `fingerprint` is Alertmanager's label-set fingerprint; Prometheus alerts get the same
 * hash, so the same alert seen through Prometheus and an HA Alertmanager pair appears once.
 */
export const SilenceSummarySchema = z.object({
  id: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  endsAt: z.string(),
});
export type SilenceSummary = z.infer<typeof SilenceSummarySchema>;

export const AlertSchema = z.object({
  fingerprint: z.string(),
  name: z.string(),
  labels: LabelsSchema,
  annotations: LabelsSchema,
  severity: SeveritySchema,
  /** firing: active and not muted; pending: Prometheus `for` not yet elapsed; suppressed: silenced or inhibited. */
  state: z.enum(['firing', 'pending', 'suppressed']),
  startsAt: z.string(),
  /** Names of the sources that report this alert. */
  sources: z.array(z.string()),
  silencedBy: z.array(z.string()),
  inhibitedBy: z.array(z.string()),
  /** Details of the silences in `silencedBy`, where the source could tell them. */
  silences: z.array(SilenceSummarySchema).optional(),
  generatorURL: z.string().optional(),
  /** The alert expression's value when it last fired, where the source tells it (Prometheus); fills `{{ $value }}`. */
  value: z.string().optional(),
  /** True while every source reporting this alert is unreachable: this is the last known state. */
  stale: z.boolean(),
  /** Someone said "I'm on it" (here, or upstream through an "ACK!" silence). */
  acknowledgement: AcknowledgementSchema.optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

/**
 * alertmanager, prometheus: monitoring servers; http: the app's own health checks; statuspage: an
 * upstream dependency's status page or incident feed; pagerduty, opsgenie: on-call services' open incidents and alerts.
 */
export const SourceTypeSchema = z.enum(['alertmanager', 'prometheus', 'demo', 'http', 'statuspage', 'pagerduty', 'opsgenie']);
export type SourceType = z.infer<typeof SourceTypeSchema>;

export const SourceHealthSchema = z.object({
  name: z.string(),
  type: SourceTypeSchema,
  /** ok: last poll succeeded; degraded: succeeded only after retries or with warnings; down: last poll failed. */
  status: z.enum(['pending', 'ok', 'degraded', 'down']),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  warnings: z.array(z.string()),
  alertCount: z.number().int(),
  consecutiveFailures: z.number().int(),
  /** open: recent failures stopped the polling until `nextAttemptAt`; half-open: one probe is under way. */
  circuit: z.enum(['closed', 'open', 'half-open']),
  /** When the next poll (or probe) is due; null while one is under way or the source is stopped. */
  nextAttemptAt: z.string().nullable(),
  /** The alerts shown come from the on-disk cache of an earlier run; no poll has succeeded since start. */
  fromCache: z.boolean(),
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;

export const NotificationSettingsSchema = z.object({
  minSeverity: SeveritySchema,
  onResolve: z.boolean(),
  /** ISO time until which notifications are paused, or null. */
  pausedUntil: z.string().nullable(),
  /** How long before a silence you created ends, while its alerts still fire, you are warned. */
  silenceExpiryWarningMs: z.number().int().positive(),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** 'system' follows the OS's light or dark setting, live; the default for new users. */
export const ThemeSchema = z.enum(['system', 'dark', 'light']);
export type Theme = z.infer<typeof ThemeSchema>;

export const PreferencesSchema = z.object({
  theme: ThemeSchema,
  groupBy: z.string().min(1).max(100),
  /** The name written on acknowledgements and silences; defaults to the OS user name. */
  author: z.string().trim().min(1).max(200),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const ConfigStatusSchema = z.object({
  path: z.string().nullable(),
  /** True when no config file exists and the built-in demo workspace runs. */
  demo: z.boolean(),
  /** The last load error, naming the file and field; the app keeps the last good config meanwhile. */
  error: z.string().nullable(),
});
export type ConfigStatus = z.infer<typeof ConfigStatusSchema>;

/** Whether the user is on call now: from PagerDuty/Opsgenie schedules, or the user's own toggle. */
export const OnCallStatusSchema = z.object({
  /** unknown: no on-call service says, and the user has not said either (notifications as configured). */
  state: z.enum(['on-call', 'off-call', 'unknown']),
  /** Where the answer comes from: a source's name, or "manual" (the user's toggle). */
  basis: z.string().nullable(),
  /** The end of the current shift, when known. */
  until: z.string().nullable(),
  nextShiftAt: z.string().nullable(),
  /** Who is on call now for the followed schedules. */
  who: z.array(z.string()),
});
export type OnCallStatus = z.infer<typeof OnCallStatusSchema>;

/** An upstream dependency's own word on its health (its status page): the dependency strip. */
export const DependencyStatusSchema = z.object({
  /** The dependency's name (the source's `dependency`, else its name). */
  dependency: z.string(),
  source: z.string(),
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance', 'unknown']),
  description: z.string(),
  /** The status page, for a link (http(s) only). */
  url: z.string(),
  updatedAt: z.string().nullable(),
  /** Services that depend on it (the source's `services`): their alerts are grouped under it while it is degraded. */
  services: z.array(z.string()).optional(),
});
export type DependencyStatus = z.infer<typeof DependencyStatusSchema>;

/**
 * offline: no source can be reached, or the machine has no network; degraded: some sources are
 * down; online: every source answered its last poll.
 */
export const ConnectivitySchema = z.object({
  state: z.enum(['online', 'degraded', 'offline']),
  /** False when the machine has no network interface up besides loopback. */
  network: z.boolean(),
  /** In words, for the banner and the tray: "no network", "no source reachable (am-prod: connection refused)". */
  reason: z.string().nullable(),
  since: z.string(),
});
export type Connectivity = z.infer<typeof ConnectivitySchema>;

export const SnapshotSchema = z.object({
  revision: z.number().int(),
  alerts: z.array(AlertSchema),
  sources: z.array(SourceHealthSchema),
  notifications: NotificationSettingsSchema,
  preferences: PreferencesSchema,
  config: ConfigStatusSchema,
  slos: SloSetSchema,
  runbooks: RunbookSetSchema,
  incidents: z.array(IncidentSchema),
  connectivity: ConnectivitySchema,
  /** Active and pending silences of every Alertmanager, one entry per silence (HA copies merged). */
  silences: z.array(SilenceSchema),
  /** The outbox: queued and recently finished upstream actions, oldest first. */
  actions: z.array(PendingActionSchema),
  /** Saved data that could not be used (a damaged file kept aside, a rejected record), in words with the paths. */
  storageProblems: z.array(z.string()),
  /** Upstream dependencies' status pages, one entry per status page source that has answered. */
  dependencies: z.array(DependencyStatusSchema),
  onCall: OnCallStatusSchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** What changed in the alert set since the previous revision; each delta's revision is exactly one more than the last. */
export const AlertDeltaSchema = z.object({
  revision: z.number().int(),
  upserted: z.array(AlertSchema),
  removed: z.array(z.string()),
  /**
   * Alerts whose only change is `stale` (every source reporting them went down, or one came back
   * with them as they were), by fingerprint: when a VPN drops and returns, 10,000 alerts change
   * in a few hundred kB rather than twice their whole selves.
   */
  becameStale: z.array(z.string()).optional(),
  becameLive: z.array(z.string()).optional(),
});
export type AlertDelta = z.infer<typeof AlertDeltaSchema>;
