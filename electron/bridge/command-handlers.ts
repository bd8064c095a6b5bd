import type { z } from 'zod';
import { commands, describeZodError, isCommandName, type ApiResult, type CommandName, type CommandOutput } from '../../shared/api';
import type { SloHistory } from '../../shared/slo';
import type { Engine } from '../engine/engine';
import type { UserActions } from '../actions/user-actions';
import type { AlertHistoryStore } from '../history/alert-history';
import type { IncidentService } from '../incidents/incident-service';
import type { RunbookService } from '../runbooks/runbook-service';
import type { ShiftService } from '../shift/shift-service';
import type { SourceSettingsService } from '../source-settings/source-settings-service';
import { externalUrlToOpen } from '../../shared/external-url';
import type { DesktopSettings, DesktopSettingsInput } from '../../shared/desktop';

type Handler<N extends CommandName> = (input: z.output<(typeof commands)[N]['input']>) => Promise<CommandOutput<N>> | CommandOutput<N>;
export type CommandHandlers = { [N in CommandName]: Handler<N> };

export interface HandlerDeps {
  /** Opens a checked http(s) URL in the system browser; false where there is none to open (browser mode). */
  openExternal: (url: URL) => Promise<boolean>;
  /** Chart data for one SLO (the SLO monitor's query_range); absent where no SLOs run. */
  sloHistory?: (id: string) => Promise<SloHistory>;
  runbooks?: RunbookService;
  incidents?: IncidentService;
  actions?: UserActions;
  history?: AlertHistoryStore;
  shift?: ShiftService;
  sourceSettings?: SourceSettingsService;
  /** The desktop app's own settings (start at login, browser access); absent in browser mode. */
  desktop?: DesktopControls;
}

export interface DesktopControls {
  get(): DesktopSettings;
  set(input: DesktopSettingsInput): Promise<DesktopSettings>;
}

const NO_DESKTOP: DesktopSettings = { available: false, startAtLogin: false, browserAccess: false, browserUrl: null, problem: null };

/** The engine's side of every command in the shared contract. Transport-free: IPC and the web bridge both use it. */
export function createCommandHandlers(engine: Engine, deps: HandlerDeps): CommandHandlers {
  return {
    getSnapshot: () => engine.snapshot(),
    pauseNotifications: ({ minutes }) => engine.pauseNotifications(minutes),
    resumeNotifications: () => engine.resumeNotifications(),
    setPreferences: (patch) => engine.updatePreferences(patch),
    openExternal: async ({ url }) => {
      const safe = externalUrlToOpen(url);
      return { opened: safe ? await deps.openExternal(new URL(safe)) : false }; // eng-disable OPEN_EXTERNAL_JS_CHECK: checked by externalUrlToOpen just above
    },
    getSloHistory: ({ id }) => {
      if (!deps.sloHistory) throw new Error('SLOs are not evaluated here');
      return deps.sloHistory(id);
    },
    getRunbook: ({ id }) => need(deps.runbooks, 'runbooks').document(id),
    searchRunbooks: ({ query }) => ({ results: need(deps.runbooks, 'runbooks').search(query) }),
    startRunbookSession: ({ runbookId, alertFingerprint, incidentId }) => {
      const alert = alertFingerprint ? engine.alerts().find((candidate) => candidate.fingerprint === alertFingerprint) : undefined;
      if (alertFingerprint && !alert) throw new Error(`no alert with fingerprint "${alertFingerprint}" is firing now`);
      if (incidentId && !need(deps.incidents, 'incidents').list().some((incident) => incident.id === incidentId)) throw new Error(`no incident with id "${incidentId}"`);
      return need(deps.runbooks, 'runbooks').startSession({ runbookId, ...(alert ? { alert } : {}), ...(incidentId ? { incidentId } : {}) }, new Date());
    },
    updateRunbookSession: ({ sessionId, action }) => need(deps.runbooks, 'runbooks').applyAction(sessionId, action, new Date()),
    declareIncident: (input) => need(deps.incidents, 'incidents').declare(input),
    updateIncident: (input) => need(deps.incidents, 'incidents').update(input),
    addIncidentNote: ({ id, text, key }) => need(deps.incidents, 'incidents').addNote(id, text, key ?? false),
    markKeyMoment: ({ id, entryId, key }) => need(deps.incidents, 'incidents').markKey(id, entryId, key),
    exportPostmortem: ({ id }) => ({ markdown: need(deps.incidents, 'incidents').postmortem(id) }),
    incidentStatusUpdate: ({ id }) => ({ text: need(deps.incidents, 'incidents').statusUpdate(id) }),
    acknowledgeAlert: ({ fingerprint, comment }) => need(deps.actions, 'acknowledgements').acknowledge(fingerprint, comment),
    createSilence: (input) => need(deps.actions, 'silences').createSilence(input),
    expireSilence: ({ source, silenceId }) => need(deps.actions, 'silences').expireSilence(source, silenceId),
    cancelAction: ({ id }) => need(deps.actions, 'queued actions').cancel(id),
    getAlertHistory: ({ fingerprint }) => need(deps.history, 'alert histories').get(fingerprint, new Date()),
    searchAlertHistory: (input) => need(deps.history, 'alert histories').search(input),
    setOnCall: ({ onCall }) => engine.setOnCall(onCall),
    getSourceSettings: () => need(deps.sourceSettings, 'source settings').list(),
    saveSource: (input) => need(deps.sourceSettings, 'source settings').save(input),
    removeSource: ({ name }) => need(deps.sourceSettings, 'source settings').remove(name),
    testSource: ({ fields, token }) => need(deps.sourceSettings, 'connection tests').test(fields, token),
    saveSecret: ({ name, value, forSource }) => need(deps.sourceSettings, 'saved secrets').saveSecret(name, value, forSource),
    getShift: (input) => need(deps.shift, 'shift details').get(input),
    exportShiftReport: (input) => need(deps.shift, 'shift reports').report(input),
    acknowledgeEverywhere: ({ fingerprint, comment }) => need(deps.actions, 'acknowledgements').acknowledgeEverywhere(fingerprint, comment),
    resolveAlert: ({ fingerprint, comment }) => need(deps.actions, 'upstream actions').resolve(fingerprint, comment),
    getDesktopSettings: () => deps.desktop?.get() ?? NO_DESKTOP,
    setDesktopSettings: (input) => need(deps.desktop, 'desktop settings (desktop app only)').set(input),
  };
}

function need<T>(service: T | undefined, what: string): T {
  if (!service) throw new Error(`${what} are not available here`);
  return service;
}

/** Validates a command from the renderer and runs it; every failure comes back as data, never as a throw. */
export async function dispatchCommand(handlers: CommandHandlers, name: unknown, input: unknown): Promise<ApiResult<unknown>> {
  if (!isCommandName(name)) {
    return { ok: false, error: { code: 'unknown-command', message: `unknown command ${JSON.stringify(name)}` } };
  }
  const parsed = commands[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: `${name}: ${describeZodError(parsed.error)}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: `${name}: ${error instanceof Error ? error.message : String(error)}` } };
  }
}
