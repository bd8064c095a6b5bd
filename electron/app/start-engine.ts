import path from 'node:path';
import { DeliveryRefusedError, type Outbox } from '../actions/outbox';
import { UserActions } from '../actions/user-actions';
import type { HandlerDeps } from '../bridge/command-handlers';
import { AppConfigSchema, type AppConfig } from '../config/config-schema';
import { ConfigManager } from '../config/config-manager';
import type { ConfigLocation } from '../config/config-location';
import { Engine } from '../engine/engine';
import { UserSettings } from '../engine/settings';
import type { AlertHistoryStore } from '../history/alert-history';
import { IncidentService } from '../incidents/incident-service';
import { IncidentStore } from '../incidents/incident-store';
import type { DesktopNotifier } from '../notifications/desktop-notifier';
import { SilenceExpiryNotifier } from '../notifications/silence-expiry-notifier';
import { notificationRulesText } from '../notifications/on-call-rules';
import { acquireDataDirLock } from '../persistence/data-dir-lock';
import type { SettingsStore } from '../persistence/settings-store';
import { RunbookService } from '../runbooks/runbook-service';
import { RunbookSessionStore } from '../runbooks/runbook-sessions';
import { SloMonitor } from '../slo/slo-monitor';
import { SloService, configDirOf } from '../slo/slo-service';
import { SecretStore } from '../secrets/secret-store';
import { SourceSettingsService } from '../source-settings/source-settings-service';
import { ShiftService } from '../shift/shift-service';
import { SHIFT_FILE_NAME } from '../shift/shift-start';
import { createSource } from '../sources/create-source';
import { PROBES_FOLDER, ProbeArchive } from '../sources/http-check/probe-archive';
import { isResolvable } from '../sources/oncall/resolvable';
import { NetworkWatch } from '../system/network-watch';
import { WakeDetector } from '../system/wake-detector';
import { openOfflineStores } from './open-stores';
import { StorageProblems } from './storage-problems';

export interface EngineHost {
  engine: Engine;
  config: ConfigManager;
  slos: SloMonitor;
  runbooks: RunbookService;
  incidents: IncidentService;
  actions: UserActions;
  history: AlertHistoryStore;
  shift: ShiftService;
  /** The Settings view's editor of the config file's sources, connection tests and saved tokens. */
  sourceSettings: SourceSettingsService;
  /** Stops polling and saves everything; resolves when every store is written. */
  stop(): Promise<void>;
}

/**
 * What the command handlers need from a started engine, the same in the desktop app and browser
 * mode; only opening a link in the system browser differs.
 */
export function handlerDepsFor(host: EngineHost, openExternal: HandlerDeps['openExternal']): HandlerDeps {
  return {
    openExternal,
    sloHistory: (id) => host.slos.history(id),
    runbooks: host.runbooks,
    incidents: host.incidents,
    actions: host.actions,
    history: host.history,
    shift: host.shift,
    sourceSettings: host.sourceSettings,
  };
}

export { HISTORY_FILE_NAME } from './open-stores';
export const SECRETS_FILE_NAME = 'secrets.json';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Wires config, settings, notifier, engine, SLOs, runbooks, incidents, the outbox, the alert
 * history and the state cache together; the same for the desktop app and the browser mode, which
 * differ only in the notifier, the store and how the UI is reached.
 */
export async function startEngine(options: {
  location: ConfigLocation;
  store: SettingsStore;
  notifier: DesktopNotifier;
  revealDashboard?: () => void;
  log: (message: string) => void;
  /** Where growing local data lives: caches, history, outbox, runbook progress and incident journals. */
  dataDir: string;
  /** The shipped resources folder: demo workspace files and the incident checklist template. */
  resourcesDir: string;
  configWatchIntervalMs?: number;
  /** Watch the network and notice sleep in plain Node (off in tests that drive these by hand). */
  watchSystem?: boolean;
  /** Problems found in saved data before the start (the settings file), shown with the others. */
  storageProblems?: readonly string[];
  /** API tokens; default: the 0600 file in the data folder, unsealed (the desktop app passes one sealed by the keychain). */
  secrets?: SecretStore;
  /** How soon the state cache is saved after a change (tests that kill the engine mid-write shorten it). */
  stateCacheDelays?: { alertsMs: number; healthMs: number };
}): Promise<EngineHost> {
  const { log, dataDir } = options;
  const releaseDataDir = acquireDataDirLock(dataDir);
  const storage = new StorageProblems(log, options.storageProblems);
  const settings = new UserSettings(options.store, storage.report);
  const secrets = options.secrets ?? new SecretStore(path.join(dataDir, SECRETS_FILE_NAME));
  // The http checks' probes, for their SLOs: shared by the checks (writing) and the SLOs (reading).
  const probes = new ProbeArchive(path.join(dataDir, PROBES_FOLDER), storage.storeLog);
  let currentConfig: AppConfig | undefined;
  const defaults = AppConfigSchema.parse({});

  // The cache is read now; it is written only later, after the engine reports changes.
  const { history, acknowledgements, outbox, cache, restored } = await openOfflineStores({
    dataDir,
    storage,
    config: () => currentConfig,
    deliverToSource: async (target, action, context) => {
      const source = engine.source(target);
      const request = { uncertain: context.uncertain, signal: context.signal };
      if (action.kind === 'resolveIncident' && isResolvable(source)) {
        await source.resolve(action.incidentId, { by: action.createdBy, comment: action.comment, ...request });
        return { silenceId: null };
      }
      if (action.kind !== 'acknowledgeIncident' || !source?.acknowledge) throw new DeliveryRefusedError(`no source named "${target}" can take "${action.kind}"`);
      await source.acknowledge(action.incidentId, { by: action.createdBy, comment: action.comment, ...request });
      return { silenceId: null };
    },
    secrets,
    collectState: () => ({ sources: engine.cacheState(), slos: engine.slos().slos }),
    stateCacheDelays: options.stateCacheDelays,
  });

  // The engine and the user's actions need each other; neither calls the other while being built.
  const actions: UserActions = new UserActions({
    outbox,
    acknowledgements,
    config: () => currentConfig,
    alert: (fingerprint) => engine.alert(fingerprint),
    alerts: () => engine.alerts(),
    silences: () => engine.silences(),
    author: () => settings.preferences.author,
    onAcknowledged: (alert, ack) => history.recordAcknowledgement(alert.fingerprint, alert.startsAt, ack),
  });
  const engine: Engine = new Engine({
    createSource: (config) => createSource(config, { secrets, probes }),
    settings,
    notifier: options.notifier,
    log,
    ...(options.revealDashboard ? { revealDashboard: options.revealDashboard } : {}),
    acknowledgementFor: (alert) => actions.acknowledgementFor(alert),
    onAlertChanges: (changes, at) => history.record(changes, at),
    // Firings that ended while the app was not watching end in the history too.
    onEverySourceAnswered: () => history.reconcile(engine.alerts(), new Date()),
    onStateChanged: (what) => cache.changed(what),
    onSourceReachable: (name) => {
      const target = actions.targetForSource(name);
      if (target) outbox.retryNow(target);
    },
  });
  storage.connect((message) => engine.reportStorageProblem(message));
  outbox.on('changed', (list) => {
    engine.setActions(list);
    engine.refreshAcknowledgements();
  });
  engine.setActions(outbox.list());
  engine.restore(restored.sources);

  const config = new ConfigManager(options.location, options.configWatchIntervalMs, path.join(options.resourcesDir, 'demo'));
  const sourceSettings = new SourceSettingsService({ file: options.location.file, config, secrets });
  const slos = new SloMonitor({ providerFor: () => ({ error: 'not configured yet' }) });
  slos.restore(restored.slos);
  const sloService = new SloService(slos, log, probes, secrets);
  slos.on('changed', (set) => {
    engine.setSlos(set);
    cache.changed('alerts');
  });

  const runbooks = new RunbookService(await RunbookSessionStore.open(dataDir, storage.storeLog), log);
  const incidents = new IncidentService(await IncidentStore.open(dataDir, storage.storeLog), runbooks, {
    alert: (fingerprint) => engine.alert(fingerprint),
    slo: (id) => engine.slos().slos.find((slo) => slo.id === id),
    now: () => new Date(),
  });
  runbooks.on('changed', (set) => engine.setRunbooks(set));
  incidents.on('changed', (list) => engine.setIncidents(list));
  engine.on('alertsChanged', (delta) => incidents.onAlertsChanged(delta.upserted, delta.removed));
  engine.setIncidents(incidents.list());

  const shift = new ShiftService({
    onCall: () => engine.onCall(),
    alerts: () => engine.alerts(),
    incidents: () => incidents.list(),
    history,
    acknowledgement: (fingerprint, startsAt) => acknowledgements.get(fingerprint, startsAt),
    notificationRules: () => notificationRulesText(currentConfig?.notifications ?? defaults.notifications, engine.onCall().state, Date.now()),
    log,
    startFile: path.join(dataDir, SHIFT_FILE_NAME),
  });
  engine.on('onCallChanged', (status) => shift.onCallChanged(status));

  const expiryWarnings = new SilenceExpiryNotifier({
    notifier: options.notifier,
    silences: () => engine.silences(),
    alerts: () => engine.alerts(),
    author: () => settings.preferences.author,
    warnBeforeMs: () => currentConfig?.silenceExpiryWarning ?? defaults.silenceExpiryWarning,
    openAlert: (fingerprint) => engine.focusAlert(fingerprint),
    openDashboard: () => options.revealDashboard?.(),
  });
  engine.on('silencesChanged', () => expiryWarnings.check());
  // Acknowledgements of firings that ended a day ago have nothing left to say.
  const pruneAcknowledgements = setInterval(() => acknowledgements.prune((fingerprint, startsAt) => engine.alert(fingerprint)?.startsAt === startsAt, DAY_MS), HOUR_MS);
  pruneAcknowledgements.unref();

  config.on('config', (next) => {
    currentConfig = next;
    engine.applyConfig(next);
    history.setRetention({ maxAgeMs: next.history.maxAge, maxEpisodes: next.history.maxEpisodes });
    const configDir = configDirOf(config.status.path);
    const checklist = next.incidentChecklist ? path.resolve(configDir, next.incidentChecklist) : path.join(options.resourcesDir, 'templates', 'incident-checklist.md');
    void sloService.apply(next, configDir).catch((error: unknown) => log(`slo: ${String(error)}`));
    void runbooks.apply(next.runbooks, configDir, checklist).catch((error: unknown) => log(`runbooks: ${String(error)}`));
  });
  config.on('status', (status) => {
    engine.setConfigStatus(status);
    if (status.error) log(`config: ${status.error}`);
  });
  await config.load();
  void probes.removeStaleFiles();
  config.watch();
  slos.start();
  outbox.retryNow();

  const watchers = options.watchSystem === false ? [] : watchSystem(engine, outbox, log);

  return {
    engine,
    config,
    slos,
    runbooks,
    incidents,
    actions,
    history,
    shift,
    sourceSettings,
    stop: async () => {
      for (const watcher of watchers) watcher.stop();
      clearInterval(pruneAcknowledgements);
      config.stop();
      sloService.stop();
      runbooks.stop();
      engine.stop();
      expiryWarnings.stop();
      await Promise.allSettled([outbox.stop(), cache.stop(), history.close(), probes.close()]);
      releaseDataDir();
    },
  };
}

/** Network changes and waking from sleep poll every source and retry queued actions at once. */
function watchSystem(engine: Engine, outbox: Outbox, log: (message: string) => void): Array<{ stop(): void }> {
  const network = new NetworkWatch({
    onChange: (up) => {
      log(up ? 'the network changed: polling every source now' : 'no network');
      engine.networkChanged(up);
      if (up) outbox.retryNow();
    },
  });
  engine.networkIs(network.up);
  const wake = new WakeDetector({
    onWake: (sleptMs) => {
      log(`woke up after about ${Math.round(sleptMs / 1000)} s: polling every source now`);
      engine.pollAllNow();
      outbox.retryNow();
    },
  });
  return [network, wake];
}
