import { AppConfigSchema, type AppConfig, type SourceConfig } from '../../electron/config/config-schema';
import { Engine } from '../../electron/engine/engine';
import { UserSettings } from '../../electron/engine/settings';
import type { DesktopNotifier } from '../../electron/notifications/desktop-notifier';
import type { NotificationText } from '../../electron/notifications/notification-text';
import { createMemorySettingsStore } from '../../electron/persistence/settings-store';
import { createSource } from '../../electron/sources/create-source';
import type { Alert, SourceHealth } from '../../shared/model';
import { waitFor } from './servers';

/** A notifier that remembers what it was asked to show. */
export function recordingNotifier(): DesktopNotifier & { shown: NotificationText[] } {
  const shown: NotificationText[] = [];
  return { shown, show: (text) => void shown.push(text) };
}

export function fastSource<T extends SourceConfig['type']>(type: T, name: string, url: string, overrides: Partial<SourceConfig> = {}): SourceConfig {
  return { type, name, url, interval: 500, timeout: 2_000, notify: true, silenced: true, inhibited: true, ...overrides } as SourceConfig;
}

export function testConfig(sources: SourceConfig[], notifications: Partial<AppConfig['notifications']> = {}): AppConfig {
  return { ...AppConfigSchema.parse({}), sources, notifications: { minSeverity: 'warning', onResolve: false, summaryThreshold: 3, offCall: 'critical', rules: [], ...notifications } };
}

/** A real engine with real sources, in-memory settings and the given notifier. */
export function startTestEngine(config: AppConfig, notifier: DesktopNotifier = recordingNotifier()): Engine {
  const engine = new Engine({ createSource, settings: new UserSettings(createMemorySettingsStore()), notifier });
  engine.applyConfig(config);
  return engine;
}

export function findAlert(engine: Engine, predicate: (alert: Alert) => boolean): Alert | undefined {
  return engine.alerts().find(predicate);
}

export function waitForAlert(engine: Engine, description: string, predicate: (alert: Alert) => boolean, timeoutMs = 15_000): Promise<Alert> {
  return waitFor(async () => findAlert(engine, predicate), { description, timeoutMs });
}

export function waitForSource(engine: Engine, name: string, status: string, timeoutMs = 15_000) {
  return waitFor(async () => engine.sources().find((source) => source.name === name && source.status === status), {
    description: `source ${name} to be ${status}`,
    timeoutMs,
  });
}

export interface PollRecorder {
  /** The source's health after each of its polls since recording began, oldest first. */
  of(name: string): SourceHealth[];
  stop(): void;
}

/**
 * Records each source's health after every poll, from the engine's `sourcesChanged` events. A
 * poll always moves `lastAttemptAt` (a request was made) or `consecutiveFailures` (it failed,
 * maybe refused by the open circuit); other health changes (a probe starting) are not polls.
 */
export function recordPolls(engine: Engine): PollRecorder {
  const polls = new Map<string, SourceHealth[]>();
  const onSources = (sources: SourceHealth[]) => {
    for (const health of sources) {
      const list = polls.get(health.name) ?? [];
      const last = list.at(-1);
      if (last && last.lastAttemptAt === health.lastAttemptAt && last.consecutiveFailures === health.consecutiveFailures) continue;
      if (!last && health.status === 'pending') continue;
      list.push(health);
      polls.set(health.name, list);
    }
  };
  engine.on('sourcesChanged', onSources);
  return { of: (name) => polls.get(name) ?? [], stop: () => void engine.off('sourcesChanged', onSources) };
}

/** Whether a poll sent a request: one the open circuit refused keeps the previous `lastAttemptAt`. */
export function madeRequest(previous: SourceHealth | undefined, poll: SourceHealth): boolean {
  return previous === undefined || poll.lastAttemptAt !== previous.lastAttemptAt;
}
