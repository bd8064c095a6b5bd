import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEngine, type EngineHost } from '../../electron/app/start-engine';
import { createConfSettingsStore } from '../../electron/persistence/settings-store';
import { recordingNotifier } from './engine-harness';

export const RESOURCES_DIR = path.resolve(import.meta.dirname, '../../resources');

export interface TestHostOptions {
  /** Holds `config.yaml`, the settings and every store, like the app's own data folder. */
  dir: string;
  /** The YAML config, written to `<dir>/config.yaml` before the start. */
  config: string;
  log?: (message: string) => void;
  stateCacheDelays?: { alertsMs: number; healthMs: number };
}

/**
 * The whole engine as the app wires it (`startEngine`): config file, settings, state cache,
 * outbox, alert history, journals, in `dir`. Restart it by stopping and starting again on the
 * same folder. System watching (network, sleep) is off: tests drive it by hand.
 */
export async function startTestHost(options: TestHostOptions): Promise<EngineHost & { notifier: ReturnType<typeof recordingNotifier>; logs: string[] }> {
  const configPath = path.join(options.dir, 'config.yaml');
  await writeFile(configPath, options.config);
  const logs: string[] = [];
  const log = (message: string) => {
    logs.push(message);
    options.log?.(message);
  };
  const notifier = recordingNotifier();
  const settingsProblems: string[] = [];
  const host = await startEngine({
    location: { file: configPath, explicit: true },
    store: createConfSettingsStore(options.dir, (message) => settingsProblems.push(message)),
    storageProblems: settingsProblems,
    notifier,
    log,
    dataDir: options.dir,
    resourcesDir: RESOURCES_DIR,
    watchSystem: false,
    ...(options.stateCacheDelays ? { stateCacheDelays: options.stateCacheDelays } : {}),
  });
  return Object.assign(host, { notifier, logs });
}

/** A config with Alertmanager sources polled fast, for tests. */
export function alertmanagerConfig(sources: Array<{ name: string; url: string; cluster?: string }>, extra = ''): string {
  const lines = sources.flatMap((source) => [
    `  - type: alertmanager`,
    `    name: ${source.name}`,
    `    url: ${source.url}`,
    `    interval: 1s`,
    `    timeout: 2s`,
    ...(source.cluster ? [`    cluster: ${source.cluster}`] : []),
  ]);
  return `sources:\n${lines.join('\n')}\n${extra}`;
}
