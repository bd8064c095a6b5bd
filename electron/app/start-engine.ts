import { ConfigManager } from '../config/config-manager';
import type { ConfigLocation } from '../config/config-location';
import { Engine } from '../engine/engine';
import { UserSettings } from '../engine/settings';
import type { DesktopNotifier } from '../notifications/desktop-notifier';
import type { SettingsStore } from '../persistence/settings-store';
import { SloMonitor } from '../slo/slo-monitor';
import { SloService, configDirOf } from '../slo/slo-service';
import { createSource } from '../sources/create-source';

export interface EngineHost {
  engine: Engine;
  config: ConfigManager;
  slos: SloMonitor;
  stop(): void;
}

/**
 * Wires config, settings, notifier and engine together; the same for the desktop app and the
 * browser mode, which differ only in the notifier, the store and how the UI is reached.
 */
export async function startEngine(options: {
  location: ConfigLocation;
  store: SettingsStore;
  notifier: DesktopNotifier;
  revealDashboard?: () => void;
  log: (message: string) => void;
  configWatchIntervalMs?: number;
  /** The shipped demo SLO files (resources/demo/slos). */
  demoSloDir?: string;
}): Promise<EngineHost> {
  const settings = new UserSettings(options.store, options.log);
  const engine = new Engine({
    createSource,
    settings,
    notifier: options.notifier,
    log: options.log,
    ...(options.revealDashboard ? { revealDashboard: options.revealDashboard } : {}),
  });
  const config = new ConfigManager(options.location, options.configWatchIntervalMs, options.demoSloDir);
  const slos = new SloMonitor({ providerFor: () => ({ error: 'not configured yet' }) });
  const sloService = new SloService(slos, options.log);
  slos.on('changed', (set) => engine.setSlos(set));
  config.on('config', (next) => {
    engine.applyConfig(next);
    void sloService.apply(next, configDirOf(config.status.path)).catch((error: unknown) => options.log(`slo: ${String(error)}`));
  });
  config.on('status', (status) => {
    engine.setConfigStatus(status);
    if (status.error) options.log(`config: ${status.error}`);
  });
  await config.load();
  config.watch();
  slos.start();
  return {
    engine,
    config,
    slos,
    stop: () => {
      config.stop();
      sloService.stop();
      engine.stop();
    },
  };
}
