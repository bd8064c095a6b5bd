import path from 'node:path';
import { ConfigManager } from '../config/config-manager';
import type { ConfigLocation } from '../config/config-location';
import { Engine } from '../engine/engine';
import { UserSettings } from '../engine/settings';
import { IncidentService } from '../incidents/incident-service';
import { IncidentStore } from '../incidents/incident-store';
import type { DesktopNotifier } from '../notifications/desktop-notifier';
import { acquireDataDirLock } from '../persistence/data-dir-lock';
import type { SettingsStore } from '../persistence/settings-store';
import { RunbookService } from '../runbooks/runbook-service';
import { RunbookSessionStore } from '../runbooks/runbook-sessions';
import { SloMonitor } from '../slo/slo-monitor';
import { SloService, configDirOf } from '../slo/slo-service';
import { createSource } from '../sources/create-source';

export interface EngineHost {
  engine: Engine;
  config: ConfigManager;
  slos: SloMonitor;
  runbooks: RunbookService;
  incidents: IncidentService;
  stop(): void;
}

/**
 * Wires config, settings, notifier, engine, SLOs, runbooks and incidents together; the same for
 * the desktop app and the browser mode, which differ only in the notifier, the store and how
 * the UI is reached.
 */
export async function startEngine(options: {
  location: ConfigLocation;
  store: SettingsStore;
  notifier: DesktopNotifier;
  revealDashboard?: () => void;
  log: (message: string) => void;
  /** Where growing local data lives: runbook progress and incident journals. */
  dataDir: string;
  /** The shipped resources folder: demo workspace files and the incident checklist template. */
  resourcesDir: string;
  configWatchIntervalMs?: number;
}): Promise<EngineHost> {
  const { log } = options;
  const releaseDataDir = acquireDataDirLock(options.dataDir);
  const settings = new UserSettings(options.store, log);
  const engine = new Engine({
    createSource,
    settings,
    notifier: options.notifier,
    log,
    ...(options.revealDashboard ? { revealDashboard: options.revealDashboard } : {}),
  });
  const config = new ConfigManager(options.location, options.configWatchIntervalMs, path.join(options.resourcesDir, 'demo'));

  const slos = new SloMonitor({ providerFor: () => ({ error: 'not configured yet' }) });
  const sloService = new SloService(slos, log);
  slos.on('changed', (set) => engine.setSlos(set));

  const runbooks = new RunbookService(await RunbookSessionStore.open(options.dataDir, log), log);
  const incidents = new IncidentService(await IncidentStore.open(options.dataDir, log), runbooks, {
    alert: (fingerprint) => engine.alerts().find((alert) => alert.fingerprint === fingerprint),
    slo: (id) => engine.slos().slos.find((slo) => slo.id === id),
    now: () => new Date(),
  });
  runbooks.on('changed', (set) => engine.setRunbooks(set));
  incidents.on('changed', (list) => engine.setIncidents(list));
  engine.on('alertsChanged', (delta) => incidents.onAlertsChanged(delta.upserted, delta.removed));
  engine.setIncidents(incidents.list());

  config.on('config', (next) => {
    engine.applyConfig(next);
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
  config.watch();
  slos.start();
  return {
    engine,
    config,
    slos,
    runbooks,
    incidents,
    stop: () => {
      config.stop();
      sloService.stop();
      runbooks.stop();
      engine.stop();
      releaseDataDir();
    },
  };
}
