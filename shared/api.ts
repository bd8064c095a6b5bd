import { z } from 'zod';
import {
  AlertDeltaSchema,
  ConfigStatusSchema,
  ConnectivitySchema,
  DependencyStatusSchema,
  NotificationSettingsSchema,
  OnCallStatusSchema,
  PreferencesSchema,
  SnapshotSchema,
  SourceHealthSchema,
} from './model';
import type { CommandName, EventName } from './api-names';
import { DeclareIncidentInputSchema, IncidentSchema, UpdateIncidentInputSchema } from './incident';
import { RunbookDocumentSchema, RunbookSessionActionSchema, RunbookSessionSchema, RunbookSetSchema } from './runbook';
import { SloHistorySchema, SloSetSchema } from './slo';
import {
  AcknowledgeInputSchema,
  AcknowledgementSchema,
  CreateSilenceInputSchema,
  ExpireSilenceInputSchema,
  PendingActionSchema,
  SilenceSchema,
} from './actions';
import { ConnectionTestSchema, RemoveSourceInputSchema, SaveSecretInputSchema, SaveSourceInputSchema, SourceSettingsListSchema, TestSourceInputSchema } from './settings';
import { ShiftInputSchema, ShiftSchema } from './shift';
import { DesktopSettingsInputSchema, DesktopSettingsSchema } from './desktop';
import { AlertHistorySchema, HistorySearchInputSchema, HistorySearchResultSchema } from './history';

export { COMMAND_NAMES, EVENT_NAMES, ipcChannel, isCommandName, isEventName, type CommandName, type EventName } from './api-names';

/**
 * The whole surface between renderer and main process. Both the Electron preload and the
 * loopback web bridge serve exactly these commands and events; each side validates with
 * these schemas, so nothing else crosses.
 */
export const commands = {
  getSnapshot: {
    input: z.object({}).strict(),
    output: SnapshotSchema,
  },
  pauseNotifications: {
    input: z.object({ minutes: z.number().int().min(1).max(24 * 60) }).strict(),
    output: NotificationSettingsSchema,
  },
  resumeNotifications: {
    input: z.object({}).strict(),
    output: NotificationSettingsSchema,
  },
  setPreferences: {
    input: PreferencesSchema.partial().strict(),
    output: PreferencesSchema,
  },
  /** Opens an http(s) URL in the system browser; anything else is refused. */
  openExternal: {
    input: z.object({ url: z.string().max(8192) }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
  /** Chart data for one SLO's detail view, fetched when the view opens (query_range on its source). */
  getSloHistory: {
    input: z.object({ id: z.string().min(1).max(500) }).strict(),
    output: SloHistorySchema,
  },
  /** A runbook split into steps for guided mode; its Markdown is untrusted and rendered sanitised. */
  getRunbook: {
    input: z.object({ id: z.string().min(1).max(1000) }).strict(),
    output: RunbookDocumentSchema,
  },
  /** Full-text search over titles, tags and bodies, best first. */
  searchRunbooks: {
    input: z.object({ query: z.string().max(500) }).strict(),
    output: z.object({ results: z.array(z.object({ id: z.string(), score: z.number() })) }),
  },
  startRunbookSession: {
    input: z
      .object({ runbookId: z.string().min(1).max(1000), alertFingerprint: z.string().max(100).optional(), incidentId: z.string().max(100).optional() })
      .strict(),
    output: RunbookSessionSchema,
  },
  updateRunbookSession: {
    input: z.object({ sessionId: z.string().min(1).max(100), action: RunbookSessionActionSchema }).strict(),
    output: RunbookSessionSchema,
  },
  declareIncident: {
    input: DeclareIncidentInputSchema,
    output: IncidentSchema,
  },
  updateIncident: {
    input: UpdateIncidentInputSchema,
    output: IncidentSchema,
  },
  addIncidentNote: {
    input: z.object({ id: z.string().min(1).max(100), text: z.string().trim().min(1).max(20_000), key: z.boolean().optional() }).strict(),
    output: IncidentSchema,
  },
  markKeyMoment: {
    input: z.object({ id: z.string().min(1).max(100), entryId: z.string().min(1).max(100), key: z.boolean() }).strict(),
    output: IncidentSchema,
  },
  /** A Markdown postmortem draft: summary, impact, timeline, contributing factors, action items. */
  exportPostmortem: {
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ markdown: z.string() }),
  },
  /** A ready status-update text for the team's chat. */
  incidentStatusUpdate: {
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ text: z.string() }),
  },
  /** "I'm on it": recorded at once, stops repeat notifications, and queued upstream where the source takes acks. */
  acknowledgeAlert: {
    input: AcknowledgeInputSchema,
    output: z.object({ acknowledgement: AcknowledgementSchema, action: PendingActionSchema.nullable() }),
  },
  /** Queues a silence for an Alertmanager; delivered exactly once when it can be reached. */
  createSilence: {
    input: CreateSilenceInputSchema,
    output: PendingActionSchema,
  },
  expireSilence: {
    input: ExpireSilenceInputSchema,
    output: PendingActionSchema,
  },
  /** Cancels a queued action that has not been delivered yet. */
  cancelAction: {
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: PendingActionSchema,
  },
  /** One alert's past firings and their figures, from the app's own history. */
  getAlertHistory: {
    input: z.object({ fingerprint: z.string().min(1).max(100) }).strict(),
    output: AlertHistorySchema,
  },
  /** Recent (resolved) alerts, most recent first, optionally matching words. */
  searchAlertHistory: {
    input: HistorySearchInputSchema,
    output: HistorySearchResultSchema,
  },
  /** The user's own word: on call (true), off call (false), or follow the on-call services again (null). */
  setOnCall: {
    input: z.object({ onCall: z.boolean().nullable() }).strict(),
    output: OnCallStatusSchema,
  },
  /** The config file's sources for the settings view (credentials masked). */
  getSourceSettings: {
    input: z.object({}).strict(),
    output: SourceSettingsListSchema,
  },
  /** Adds or changes one source: validated, then written into the YAML config with its comments kept. */
  saveSource: {
    input: SaveSourceInputSchema,
    output: SourceSettingsListSchema,
  },
  removeSource: {
    input: RemoveSourceInputSchema,
    output: SourceSettingsListSchema,
  },
  /** Tries a source's settings once, without saving: what failed (DNS, TLS, HTTP status, auth, shape) in words. */
  testSource: {
    input: TestSourceInputSchema,
    output: ConnectionTestSchema,
  },
  /** Keeps a token in the app's encrypted secret store; the config refers to it by name. It never comes back. */
  saveSecret: {
    input: SaveSecretInputSchema,
    output: z.object({ reference: z.object({ secret: z.string() }) }),
  },
  /** "My shift": on call or not, until when, who is next, and the alerts and incidents of the shift. */
  getShift: {
    input: ShiftInputSchema,
    output: ShiftSchema,
  },
  /** The shift hand-off report as Markdown. */
  exportShiftReport: {
    input: ShiftInputSchema,
    output: z.object({ markdown: z.string() }),
  },
  /** Acknowledges an alert, the PagerDuty/Opsgenie incident it belongs to and the alerts linked to it, in one action. */
  acknowledgeEverywhere: {
    input: AcknowledgeInputSchema,
    output: z.object({ acknowledged: z.array(z.string()), actions: z.array(PendingActionSchema) }),
  },
  /** Resolves a PagerDuty incident (or closes an Opsgenie alert) through the outbox. */
  resolveAlert: {
    input: AcknowledgeInputSchema,
    output: PendingActionSchema,
  },
  /** Desktop-only settings (start at login, browser access); `available: false` in browser mode. */
  getDesktopSettings: {
    input: z.object({}).strict(),
    output: DesktopSettingsSchema,
  },
  setDesktopSettings: {
    input: DesktopSettingsInputSchema,
    output: DesktopSettingsSchema,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  alertsChanged: AlertDeltaSchema,
  sourcesChanged: z.array(SourceHealthSchema),
  notificationsChanged: NotificationSettingsSchema,
  preferencesChanged: PreferencesSchema,
  configChanged: ConfigStatusSchema,
  /** Sent when a tray item or notification asks the window to show one alert. */
  focusAlert: z.object({ fingerprint: z.string() }),
  /** Sent when a deep link (`oncall://runbook/<id>`) asks the window to open one runbook. */
  focusRunbook: z.object({ id: z.string() }),
  /** Every SLO's latest evaluation, and the SLO files that could not be used. */
  slosChanged: SloSetSchema,
  /** Runbooks (summaries), guided sessions and runbook folder errors. */
  runbooksChanged: RunbookSetSchema,
  incidentsChanged: z.array(IncidentSchema),
  /** Online, degraded or offline, and why: drives the offline banner and the tray. */
  connectivityChanged: ConnectivitySchema,
  silencesChanged: z.array(SilenceSchema),
  actionsChanged: z.array(PendingActionSchema),
  /** A damaged file was kept aside, or records could not be read: the app says what and where. */
  storageProblemsChanged: z.array(z.string()),
  /** The dependency strip: upstream status pages' indicators. */
  dependenciesChanged: z.array(DependencyStatusSchema),
  /** On call or not, and until when: loud or quiet notifications follow it. */
  onCallChanged: OnCallStatusSchema,
} as const satisfies Record<string, z.ZodType>;

// Compile-time checks that the plain name lists match the schemas exactly.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandNamesMatch: Same<keyof typeof commands, CommandName> = true;
const eventNamesMatch: Same<keyof typeof events, EventName> = true;
void commandNamesMatch;
void eventNamesMatch;

export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof commands)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Errors cross the boundary as data and are rebuilt as `ApiError` on the renderer side. */
export type ApiError = { code: 'invalid-input' | 'unknown-command' | 'failed' | 'unauthorized'; message: string };
export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** What the renderer sees, whichever transport carries it: one intention-named function per command. */
export type OnCallApi = {
  [N in CommandName]: (input: CommandInput<N>) => Promise<CommandOutput<N>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/**
 * What the Electron preload exposes as `window.onCall`: each command answers with its ApiResult
 * envelope and never throws (contextBridge would keep only an error's message), plus `on`.
 */
export type PreloadApi = {
  [N in CommandName]: (input: CommandInput<N>) => Promise<ApiResult<unknown>>;
} & Pick<OnCallApi, 'on'>;

export class ApiCallError extends Error {
  constructor(readonly code: ApiError['code'], message: string) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Describes what is wrong with an input, naming the field: used in every boundary error. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
