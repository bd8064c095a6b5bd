import type { Alert, NotificationSettings, OnCallStatus } from '../../shared/model';
import type { Slo } from '../../shared/slo';
import type { AppConfig, NotificationConfig } from '../config/config-schema';
import type { DesktopNotifier } from '../notifications/desktop-notifier';
import { NotificationCoordinator, type NotifyingSource } from '../notifications/notification-coordinator';
import type { AlertChange } from '../notifications/notification-policy';
import { notificationRulesFor } from '../notifications/on-call-rules';
import { SloPageNotifier } from '../notifications/slo-page-notifier';
import { NotificationPause } from './notification-pause';
import type { UserSettings } from './settings';

const DEFAULT_SILENCE_EXPIRY_WARNING_MS = 10 * 60_000;
const DEFAULT_NOTIFICATIONS: NotificationConfig = { minSeverity: 'warning', onResolve: false, summaryThreshold: 3, offCall: 'critical', rules: [] };

export interface EngineNotificationDeps {
  notifier: DesktopNotifier;
  settings: UserSettings;
  config: () => AppConfig | undefined;
  onCall: () => OnCallStatus['state'];
  source: (name: string) => NotifyingSource | undefined;
  sources: () => NotifyingSource[];
  alert: (fingerprint: string) => Alert | undefined;
  openAlert: (fingerprint: string) => void;
  openDashboard: () => void;
  /** The notification settings the renderer shows changed (pause, config). */
  publish: (settings: NotificationSettings) => void;
  now: () => number;
}

/**
 * Everything that decides whether the engine's changes reach the desktop: alert notifications
 * under the configured and on-call rules, SLO pages, and the user's pause.
 */
export class EngineNotifications {
  private readonly coordinator: NotificationCoordinator;
  private readonly sloPages: SloPageNotifier;
  private readonly pause: NotificationPause;

  constructor(private readonly deps: EngineNotificationDeps) {
    this.pause = new NotificationPause(deps.settings, () => deps.publish(this.settings()), deps.now);
    this.coordinator = new NotificationCoordinator({
      notifier: deps.notifier,
      settings: () => ({
        ...this.config(),
        ...notificationRulesFor(this.config(), deps.onCall()),
        pausedUntil: deps.settings.pausedUntil,
      }),
      source: deps.source,
      sources: deps.sources,
      alert: deps.alert,
      openAlert: deps.openAlert,
      openDashboard: deps.openDashboard,
      now: deps.now,
    });
    this.sloPages = new SloPageNotifier({
      notifier: deps.notifier,
      pausedUntil: () => deps.settings.pausedUntil,
      openDashboard: deps.openDashboard,
      now: deps.now,
    });
  }

  alertsChanged(changes: readonly AlertChange[], baseline: boolean): void {
    this.coordinator.handle(changes, baseline);
  }

  /** These firings were announced already (an earlier run, or before new rules): they stay quiet. */
  markAnnounced(alerts: Iterable<Alert>): void {
    this.coordinator.markAnnounced(alerts);
  }

  slosChanged(slos: readonly Slo[]): void {
    this.sloPages.handle(slos);
  }

  /** New rules apply to what starts firing from now on, not to what already fires. */
  configChanged(previous: AppConfig | undefined, next: AppConfig, firing: Iterable<Alert>): void {
    if (!previous || rulesOf(previous) === rulesOf(next)) return;
    this.coordinator.markAnnounced(firing);
    this.deps.publish(this.settings());
  }

  settings(): NotificationSettings {
    const { minSeverity, onResolve } = this.config();
    return { minSeverity, onResolve, pausedUntil: this.pause.until, silenceExpiryWarningMs: this.deps.config()?.silenceExpiryWarning ?? DEFAULT_SILENCE_EXPIRY_WARNING_MS };
  }

  pauseFor(minutes: number): NotificationSettings {
    this.pause.pause(minutes);
    return this.publishSettings();
  }

  resume(): NotificationSettings {
    this.pause.resume();
    return this.publishSettings();
  }

  stop(): void {
    this.pause.stop();
    this.coordinator.stop();
  }

  private publishSettings(): NotificationSettings {
    const settings = this.settings();
    this.deps.publish(settings);
    return settings;
  }

  private config(): NotificationConfig {
    return this.deps.config()?.notifications ?? DEFAULT_NOTIFICATIONS;
  }
}

function rulesOf(config: AppConfig): string {
  return JSON.stringify([config.notifications, config.silenceExpiryWarning]);
}
