/**
 * The names in the API contract, without their schemas, so the sandboxed preload can list them
 * without bundling zod. `shared/api.ts` checks at compile time that these match the schemas.
 */
export const COMMAND_NAMES = [
  'getSnapshot',
  'pauseNotifications',
  'resumeNotifications',
  'setPreferences',
  'openExternal',
  'getSloHistory',
  'getRunbook',
  'searchRunbooks',
  'startRunbookSession',
  'updateRunbookSession',
  'declareIncident',
  'updateIncident',
  'addIncidentNote',
  'markKeyMoment',
  'exportPostmortem',
  'incidentStatusUpdate',
  'acknowledgeAlert',
  'createSilence',
  'expireSilence',
  'cancelAction',
  'getAlertHistory',
  'searchAlertHistory',
  'setOnCall',
  'getSourceSettings',
  'saveSource',
  'removeSource',
  'testSource',
  'saveSecret',
  'getShift',
  'exportShiftReport',
  'acknowledgeEverywhere',
  'resolveAlert',
  'getDesktopSettings',
  'setDesktopSettings',
] as const;
export const EVENT_NAMES = [
  'alertsChanged',
  'sourcesChanged',
  'notificationsChanged',
  'preferencesChanged',
  'configChanged',
  'focusAlert',
  'focusRunbook',
  'slosChanged',
  'runbooksChanged',
  'incidentsChanged',
  'connectivityChanged',
  'silencesChanged',
  'actionsChanged',
  'storageProblemsChanged',
  'dependenciesChanged',
  'onCallChanged',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Names of the Electron IPC channels; the web bridge uses the same names in its URLs and frames. */
export const ipcChannel = {
  command: (name: CommandName) => `oncall:command:${name}`,
  event: 'oncall:event',
} as const;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
