import parseDuration from 'parse-duration';
import { z } from 'zod';
import { SeveritySchema } from '../../shared/model';
import { TokenReferenceSchema } from '../secrets/token-reference';

/** A Prometheus-style duration ("15s", "1m30s", "500ms") turned into milliseconds, within bounds. */
function duration(minMs: number, maxMs: number) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const text = String(value).trim();
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(text);
    if (ms === null || ms === undefined || !Number.isFinite(ms) || !/[a-z]/i.test(text) && typeof value === 'string') {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as "15s", "2m" or "1h30m", got "${text}"` });
      return z.NEVER;
    }
    if (ms < minMs || ms > maxMs) {
      ctx.addIssue({ code: 'custom', message: `expected a duration between ${formatMs(minMs)} and ${formatMs(maxMs)}, got "${text}"` });
      return z.NEVER;
    }
    return ms;
  });
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  if (ms < 3_600_000) return `${ms / 60_000}m`;
  return `${ms / 3_600_000}h`;
}

const HttpUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  // The address as given, minus any credentials in it: an error message may reach the screen and the log.
  { error: (issue) => `expected an http:// or https:// URL, got ${JSON.stringify(String(issue.input).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@'))}` },
);

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as "HH:MM" (24-hour clock)');

const TimeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: (issue) => `expected an IANA time zone such as "Europe/Berlin", got ${JSON.stringify(issue.input)}` },
);

const SourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a name of letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit');

const pollingFields = {
  name: SourceName,
  interval: duration(1000, 3_600_000).default(15_000),
  timeout: duration(100, 120_000).default(10_000),
  /** Whether this source's alerts raise desktop notifications. */
  notify: z.boolean().default(true),
};

/** A bearer token for servers behind authentication (Grafana's Alertmanager-compatible API takes a service-account token). */
const serverAuthFields = {
  token: TokenReferenceSchema.optional(),
};

const AlertmanagerSourceConfig = z.strictObject({
  type: z.literal('alertmanager'),
  ...pollingFields,
  ...serverAuthFields,
  url: HttpUrl,
  silenced: z.boolean().default(true),
  inhibited: z.boolean().default(true),
  /** Alertmanagers with the same cluster name are one HA cluster: they replicate silences, so an action goes to one of them. */
  cluster: SourceName.optional(),
});

const PrometheusSourceConfig = z.strictObject({
  type: z.literal('prometheus'),
  ...pollingFields,
  ...serverAuthFields,
  url: HttpUrl,
});

const DemoSourceConfig = z.strictObject({
  type: z.literal('demo'),
  ...pollingFields,
  name: SourceName.default('demo'),
  interval: duration(1000, 3_600_000).default(5_000),
  // Simulated incidents should not page anyone unless asked to.
  notify: z.boolean().default(false),
});

const HeaderValue = z.string().max(8192);

/** An HTTP(S) health check run by the app itself: its failures are alerts, its results availability and latency. */
const HttpCheckSourceConfig = z.strictObject({
  type: z.literal('http'),
  ...pollingFields,
  interval: duration(1000, 3_600_000).default(30_000),
  url: HttpUrl,
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'expected an HTTP header name'), HeaderValue).default({}),
  /** Sent with POST. */
  body: z.string().max(65_536).optional(),
  /** Status codes that count as up; default: any 2xx. */
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).optional(),
  /** The body must contain this text. */
  bodyContains: z.string().min(1).max(10_000).optional(),
  /** A JSON body's value at this dotted path (e.g. "status" or "checks.db.state") must equal `equals`. */
  json: z.strictObject({ path: z.string().min(1).max(500), equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) }).optional(),
  /** Warn when the TLS certificate expires within this many days (https only). */
  certificateWarningDays: z.number().int().min(0).max(365).default(14),
  /** Severity of the alert raised while the check fails. */
  severity: SeveritySchema.default('critical'),
  /** Extra labels on its alerts, e.g. { service: checkout }. */
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'expected a label name'), z.string().max(1000)).default({}),
  /** Availability and latency SLOs computed from this check's own probes (no Prometheus needed). */
  slo: z
    .strictObject({
      /** Percent of probes that must pass, e.g. 99.9. */
      availability: z.number().gt(0).lt(100).optional(),
      /** Percent of probes that must pass within `thresholdMs`. */
      latency: z.strictObject({ thresholdMs: z.number().int().min(1).max(120_000), target: z.number().gt(0).lt(100) }).optional(),
      window: duration(3_600_000, 90 * 24 * 3_600_000).default(28 * 24 * 3_600_000),
    })
    .refine((slo) => slo.availability !== undefined || slo.latency !== undefined, 'expected "availability", "latency" or both')
    .optional(),
});

/** An upstream dependency's public status: a Statuspage-compatible page or an RSS/Atom incident feed. */
const StatusPageSourceConfig = z.strictObject({
  type: z.literal('statuspage'),
  ...pollingFields,
  interval: duration(10_000, 3_600_000).default(120_000),
  /** statuspage: the page's base URL (its /api/v2/summary.json is read); feed: the RSS or Atom feed's URL. */
  url: HttpUrl,
  format: z.enum(['statuspage', 'feed']).default('statuspage'),
  /** The dependency's name in alerts and the dependency strip; default: the source name. */
  dependency: z.string().min(1).max(200).optional(),
  // A dependency's outage is worth knowing, not worth a page at night unless asked.
  notify: z.boolean().default(true),
  /** Our services that depend on it (alerts' `service` label): grouped under it while it is degraded. */
  services: z.array(z.string().min(1).max(200)).max(100).default([]),
});

/** PagerDuty (REST API v2): the open incidents assigned to me or my teams, and who is on call. */
const PagerDutySourceConfig = z.strictObject({
  type: z.literal('pagerduty'),
  ...pollingFields,
  interval: duration(10_000, 3_600_000).default(60_000),
  /** Where the API token comes from: never the token itself. */
  token: TokenReferenceSchema,
  baseUrl: HttpUrl.default('https://api.pagerduty.com'),
  /** The PagerDuty user acknowledging and resolving (the `From` header); default: the token's own user. */
  fromEmail: z.email('expected the e-mail address of a PagerDuty user').optional(),
  /** Incidents assigned to these teams too, besides my own. */
  teamIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** The escalation policies whose on-call schedule "my shift" follows. */
  escalationPolicyIds: z.array(z.string().min(1).max(100)).max(50).default([]),
});

/** Opsgenie: its open alerts, and who is on call for the given schedules. */
const OpsgenieSourceConfig = z.strictObject({
  type: z.literal('opsgenie'),
  ...pollingFields,
  interval: duration(10_000, 3_600_000).default(60_000),
  token: TokenReferenceSchema,
  /** https://api.opsgenie.com, or https://api.eu.opsgenie.com for the EU instance. */
  baseUrl: HttpUrl.default('https://api.opsgenie.com'),
  /** The Opsgenie user (e-mail) acknowledging, and whose shifts count as mine. */
  user: z.email('expected the e-mail address of an Opsgenie user').optional(),
  scheduleIds: z.array(z.string().min(1).max(100)).max(50).default([]),
});

const SOURCE_TYPES = ['alertmanager', 'prometheus', 'demo', 'http', 'statuspage', 'pagerduty', 'opsgenie'] as const;

export const SourceConfigSchema = z.discriminatedUnion(
  'type',
  [AlertmanagerSourceConfig, PrometheusSourceConfig, DemoSourceConfig, HttpCheckSourceConfig, StatusPageSourceConfig, PagerDutySourceConfig, OpsgenieSourceConfig],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `expected "type" to be one of ${SOURCE_TYPES.map((t) => `"${t}"`).join(', ')}` : undefined,
  },
);
export type SourceConfig = z.output<typeof SourceConfigSchema>;
export type HttpCheckConfig = Extract<SourceConfig, { type: 'http' }>;
export type StatusPageConfig = Extract<SourceConfig, { type: 'statuspage' }>;
export type PagerDutyConfig = Extract<SourceConfig, { type: 'pagerduty' }>;
export type OpsgenieConfig = Extract<SourceConfig, { type: 'opsgenie' }>;

export const NotificationConfigSchema = z.strictObject({
  minSeverity: SeveritySchema.default('warning'),
  onResolve: z.boolean().default(false),
  /** More alerts than this starting in one update give one summary notification instead of many. */
  summaryThreshold: z.number().int().min(1).max(100).default(3),
  /** While you are off call (per PagerDuty/Opsgenie or your toggle): all as usual, critical only, or none. */
  offCall: z.enum(['all', 'critical', 'none']).default('critical'),
  /** Hours when only critical alerts (or none) notify, e.g. { from: "22:00", to: "07:00" }, in the machine's time zone unless given. */
  quietHours: z
    .strictObject({
      from: ClockTime,
      to: ClockTime,
      timeZone: TimeZone.optional(),
      allow: z.enum(['critical', 'none']).default('critical'),
    })
    .optional(),
  /**
   * Per-source and per-severity rules, first match wins: `always` notifies even off call and in
   * quiet hours, `on-call` only while on call and outside quiet hours, `never` never.
   */
  rules: z
    .array(
      z.strictObject({
        sources: z.array(SourceName).min(1).optional(),
        severities: z.array(SeveritySchema).min(1).optional(),
        notify: z.enum(['always', 'on-call', 'never']),
      }),
    )
    .max(100)
    .default([]),
});

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When no PagerDuty or Opsgenie says whether you are on call: your own weekly shifts, or a rotation. */
export const OnCallScheduleSchema = z
  .strictObject({
    /** Wall-clock times of `shifts` are in this zone; default: the machine's. */
    timeZone: TimeZone.optional(),
    /** e.g. { days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00" }; a `to` not after `from` ends the next day. */
    shifts: z
      .array(z.strictObject({ days: z.array(z.enum(WEEKDAYS, { error: `expected days among ${WEEKDAYS.join(', ')}` })).min(1), from: ClockTime, to: ClockTime }))
      .max(50)
      .default([]),
    /** On call for `length` every `every`, counted from `from` (e.g. one week in four). */
    rotation: z
      .strictObject({
        from: z.iso.datetime({ offset: true, error: 'expected a date and time with its offset, e.g. "2026-11-02T09:00:00+01:00"' }),
        length: duration(3_600_000, 90 * 24 * 3_600_000),
        every: duration(3_600_000, 366 * 24 * 3_600_000),
      })
      .refine((rotation) => rotation.length <= rotation.every, { error: 'expected "length" to be at most "every"', path: ['length'] })
      .optional(),
  })
  .refine((schedule) => (schedule.shifts.length > 0) !== (schedule.rotation !== undefined), 'expected either "shifts" or "rotation" (one of them)');
export type OnCallScheduleConfig = z.output<typeof OnCallScheduleSchema>;

export const AcknowledgementConfigSchema = z.strictObject({
  /** How long the "ACK!" silence sent to Alertmanager lasts, counted from its delivery. */
  duration: duration(60_000, 24 * 3_600_000).default(15 * 60_000),
  /** Send acknowledgements upstream as short silences; false keeps them local to this app. */
  upstream: z.boolean().default(true),
});

export const HistoryConfigSchema = z.strictObject({
  /** Alert episodes older than this are dropped from the local history. */
  maxAge: duration(3_600_000, 366 * 24 * 3_600_000).default(30 * 24 * 3_600_000),
  /** At most this many episodes are kept; the oldest go first. */
  maxEpisodes: z.number().int().min(100).max(5_000_000).default(200_000),
});

export const AppConfigSchema = z
  .strictObject({
    sources: z.array(SourceConfigSchema).max(200).default([]),
    notifications: NotificationConfigSchema.default({ minSeverity: 'warning', onResolve: false, summaryThreshold: 3, offCall: 'critical', rules: [] }),
    /** OpenSLO v1 files or folders of them, relative to the config file. */
    slos: z.array(z.string().min(1, 'expected a file or folder path')).max(500).default([]),
    /** How often every SLO is evaluated. */
    sloInterval: duration(10_000, 3_600_000).default(60_000),
    /** Folders (or files) of Markdown runbooks, relative to the config file. */
    runbooks: z.array(z.string().min(1, 'expected a folder or file path')).max(200).default([]),
    /** A Markdown file replacing the built-in incident checklist, relative to the config file. */
    incidentChecklist: z.string().min(1).optional(),
    acknowledgement: AcknowledgementConfigSchema.default({ duration: 15 * 60_000, upstream: true }),
    history: HistoryConfigSchema.default({ maxAge: 30 * 24 * 3_600_000, maxEpisodes: 200_000 }),
    /** Warn this long before a silence you created ends while an alert it mutes still fires. */
    silenceExpiryWarning: duration(60_000, 24 * 3_600_000).default(10 * 60_000),
    /** Your own on-call schedule, used when no on-call service (PagerDuty, Opsgenie) knows and you have not set it by hand. */
    onCallSchedule: OnCallScheduleSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.sources.forEach((source, index) => {
      const first = seen.get(source.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'name'], message: `duplicate source name "${source.name}" (also used by sources[${first}])` });
      } else {
        seen.set(source.name, index);
      }
    });
  });
export type AppConfig = z.output<typeof AppConfigSchema>;
export type NotificationConfig = z.output<typeof NotificationConfigSchema>;
