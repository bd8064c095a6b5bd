import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/api';
import type { Incident } from '../../shared/incident';
import type { RunbookSet } from '../../shared/runbook';
import type { SloSet } from '../../shared/slo';
import type { Alert, ConfigStatus, Connectivity, NotificationSettings, Preferences, Snapshot, SourceHealth } from '../../shared/model';
import type { AppConfig, SourceConfig } from '../config/config-schema';
import type { DesktopNotifier } from '../notifications/desktop-notifier';
import { NotificationCoordinator } from '../notifications/notification-coordinator';
import type { AlertChange } from '../notifications/notification-policy';
import { SloPageNotifier } from '../notifications/slo-page-notifier';
import type { AlertSource } from '../sources/source';
import { mergeReports, sameAlert, type SourceReport } from './alert-merge';
import type { UserSettings } from './settings';
import { assessConnectivity, nextConnectivity } from './connectivity';
import { initialHealth, nextHealth } from './source-health';
import { SourcePoller, type PollOutcome } from './source-poller';

type EngineEvents = { [E in EventName]: [EventPayload<E>] };

export interface EngineDeps {
  createSource: (config: SourceConfig) => AlertSource;
  settings: UserSettings;
  notifier: DesktopNotifier;
  /** Brings the dashboard forward (a click on a summary notification). */
  revealDashboard?: () => void;
  now?: () => number;
  log?: (message: string) => void;
}

interface SourceSlot {
  config: SourceConfig;
  source: AlertSource;
  poller: SourcePoller;
  health: SourceHealth;
  alerts: Map<string, SourceReport>;
  hasSucceeded: boolean;
}

/**
 * The main process's single source of truth: runs one poller per configured source, merges
 * their alerts, decides notifications, and emits what changed. Plain Node: no Electron here.
 */
export class Engine extends EventEmitter<EngineEvents> {
  private slots = new Map<string, SourceSlot>();
  private merged = new Map<string, Alert>();
  /** fingerprint → names of the sources that currently report it. */
  private reporters = new Map<string, Set<string>>();
  private readonly notifications: NotificationCoordinator;
  private readonly sloPages: SloPageNotifier;
  private sloSet: SloSet = { slos: [], errors: [] };
  private runbookSet: RunbookSet = { runbooks: [], sessions: [], errors: [] };
  private incidentList: Incident[] = [];
  private revision = 0;
  private config: AppConfig | undefined;
  private configStatus: ConfigStatus = { path: null, demo: false, error: null };
  private pauseTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private network = true;
  private connectivityState: Connectivity;

  constructor(private readonly deps: EngineDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.connectivityState = { ...assessConnectivity([], true), since: new Date(this.now()).toISOString() };
    this.notifications = new NotificationCoordinator({
      notifier: deps.notifier,
      settings: () => ({ ...this.notificationConfig(), pausedUntil: this.deps.settings.pausedUntil }),
      source: (name) => this.describeSource(this.slots.get(name)),
      sources: () => [...this.slots.values()].flatMap((slot) => this.describeSource(slot) ?? []),
      alert: (fingerprint) => this.merged.get(fingerprint),
      openAlert: (fingerprint) => this.focusAlert(fingerprint),
      openDashboard: () => this.deps.revealDashboard?.(),
      now: this.now,
    });
    this.sloPages = new SloPageNotifier({
      notifier: deps.notifier,
      pausedUntil: () => this.deps.settings.pausedUntil,
      openDashboard: () => this.deps.revealDashboard?.(),
      now: this.now,
    });
    this.armPauseExpiry();
  }

  /** The latest SLO evaluations (from the SLO monitor): shown, pushed, and a page is announced once. */
  setSlos(set: SloSet): void {
    this.sloSet = set;
    this.emit('slosChanged', set);
    // An SLO over a source that does not notify (the demo) pages no one either.
    this.sloPages.handle(set.slos.filter((slo) => !slo.source || (this.describeSource(this.slots.get(slo.source))?.notify ?? true)));
  }

  slos(): SloSet {
    return this.sloSet;
  }

  /** Runbooks, guided sessions and incidents live in their own services; the engine shows and pushes them. */
  setRunbooks(set: RunbookSet): void {
    this.runbookSet = set;
    this.emit('runbooksChanged', set);
  }

  setIncidents(incidents: Incident[]): void {
    this.incidentList = incidents;
    this.emit('incidentsChanged', incidents);
  }

  /** Starts, stops or restarts pollers so that they match `config`; unchanged sources keep their state. */
  applyConfig(config: AppConfig): void {
    const previousNotifications = this.config?.notifications;
    this.config = config;
    const wanted = new Map(config.sources.map((source) => [source.name, source]));
    for (const [name, slot] of this.slots) {
      const next = wanted.get(name);
      if (!next || !sameEndpoint(next, slot.config)) this.removeSource(name);
      else if (JSON.stringify(next) !== JSON.stringify(slot.config)) this.retune(slot, next);
    }
    for (const sourceConfig of config.sources) {
      if (!this.slots.has(sourceConfig.name)) this.addSource(sourceConfig);
    }
    this.emitSources();
    if (previousNotifications && JSON.stringify(previousNotifications) !== JSON.stringify(config.notifications)) {
      // New rules apply to what starts firing from now on, not to what already fires.
      this.notifications.markAnnounced(this.merged.values());
      this.emit('notificationsChanged', this.notificationSettings());
    }
  }

  setConfigStatus(status: ConfigStatus): void {
    this.configStatus = status;
    this.emit('configChanged', status);
  }

  /** Polls every source at once (wake from sleep, network change). */
  pollAllNow(): void {
    for (const slot of this.slots.values()) slot.poller.pollNow();
  }

  stop(): void {
    for (const slot of this.slots.values()) slot.poller.stop();
    clearTimeout(this.pauseTimer);
    this.notifications.stop();
  }

  snapshot(): Snapshot {
    return {
      revision: this.revision,
      alerts: this.alerts(),
      sources: this.sources(),
      notifications: this.notificationSettings(),
      preferences: this.deps.settings.preferences,
      config: this.configStatus,
      slos: this.sloSet,
      runbooks: this.runbookSet,
      incidents: this.incidentList,
      connectivity: this.connectivityState,
      silences: [],
      actions: [],
    };
  }

  alerts(): Alert[] {
    return [...this.merged.values()];
  }

  sources(): SourceHealth[] {
    return [...this.slots.values()].map((slot) => slot.health);
  }

  notificationSettings(): NotificationSettings {
    const pausedUntil = this.deps.settings.pausedUntil;
    const { minSeverity, onResolve } = this.notificationConfig();
    return { minSeverity, onResolve, pausedUntil: pausedUntil && Date.parse(pausedUntil) > this.now() ? pausedUntil : null };
  }

  private notificationConfig(): AppConfig['notifications'] {
    return this.config?.notifications ?? { minSeverity: 'warning', onResolve: false, summaryThreshold: 3 };
  }

  pauseNotifications(minutes: number): NotificationSettings {
    this.deps.settings.pausedUntil = new Date(this.now() + minutes * 60_000).toISOString();
    this.armPauseExpiry();
    return this.emitNotificationSettings();
  }

  resumeNotifications(): NotificationSettings {
    this.deps.settings.pausedUntil = null;
    clearTimeout(this.pauseTimer);
    return this.emitNotificationSettings();
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const preferences = this.deps.settings.updatePreferences(patch);
    this.emit('preferencesChanged', preferences);
    return preferences;
  }

  /** Asks every window to show one alert (tray item, notification click). */
  focusAlert(fingerprint: string): void {
    this.emit('focusAlert', { fingerprint });
  }

  private addSource(config: SourceConfig): void {
    const source = this.deps.createSource(config);
    const poller = this.createPoller(source, config);
    this.slots.set(config.name, { config, source, poller, health: initialHealth(config.name, config.type), alerts: new Map(), hasSucceeded: false });
    poller.start();
  }

  /** Same server, new timing or notification flag: keep its alerts and health, restart only the poller. */
  private retune(slot: SourceSlot, config: SourceConfig): void {
    slot.poller.stop();
    slot.config = config;
    slot.poller = this.createPoller(slot.source, config);
    slot.poller.start();
  }

  private createPoller(source: AlertSource, config: SourceConfig): SourcePoller {
    return new SourcePoller(source, { intervalMs: config.interval, timeoutMs: config.timeout, now: this.now }, (outcome) =>
      this.onOutcome(config.name, outcome),
    );
  }

  private describeSource(slot: SourceSlot | undefined) {
    if (!slot) return undefined;
    const { type, notify, interval } = slot.config;
    return { type, notify, intervalMs: interval, down: slot.health.status === 'down' };
  }

  private removeSource(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    slot.poller.stop();
    this.replaceReports(name, new Map(), { baseline: false, silent: true });
    this.slots.delete(name);
  }

  private onOutcome(name: string, outcome: PollOutcome): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    const wasDown = slot.health.status === 'down';
    slot.health = nextHealth(slot.health, outcome);
    if (!outcome.ok && !outcome.result) {
      if (!wasDown) this.deps.log?.(`source ${name} is down: ${outcome.error}`);
      // Keep the last known alerts, marked stale, rather than letting them vanish.
      const stale = new Map([...slot.alerts].map(([fingerprint, report]) => [fingerprint, { ...report, stale: true }]));
      this.replaceReports(name, stale, { baseline: false, silent: true });
    } else {
      const reports = new Map<string, SourceReport>();
      for (const alert of outcome.result!.alerts) {
        reports.set(alert.fingerprint, { source: name, sourceType: slot.config.type, alert, stale: false });
      }
      const baseline = !slot.hasSucceeded;
      slot.hasSucceeded = true;
      this.replaceReports(name, reports, { baseline, silent: false });
    }
    this.emitSources();
  }

  private replaceReports(name: string, reports: Map<string, SourceReport>, options: { baseline: boolean; silent: boolean }): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    const previous = slot.alerts;
    slot.alerts = reports;
    const touched = new Set([...previous.keys(), ...reports.keys()]);
    const changes: AlertChange[] = [];
    const upserted: Alert[] = [];
    const removed: string[] = [];
    for (const fingerprint of touched) {
      const reporters = this.reporters.get(fingerprint) ?? new Set<string>();
      if (reports.has(fingerprint)) reporters.add(name);
      else reporters.delete(name);
      if (reporters.size === 0) this.reporters.delete(fingerprint);
      else this.reporters.set(fingerprint, reporters);

      const before = this.merged.get(fingerprint);
      const after = mergeReports([...reporters].flatMap((source) => this.slots.get(source)?.alerts.get(fingerprint) ?? []));
      if (after === undefined) {
        if (before) {
          this.merged.delete(fingerprint);
          removed.push(fingerprint);
          changes.push({ before, after });
        }
      } else if (!before || !sameAlert(before, after)) {
        this.merged.set(fingerprint, after);
        upserted.push(after);
        changes.push({ before, after });
      }
    }
    if (upserted.length === 0 && removed.length === 0) return;
    this.revision++;
    this.emit('alertsChanged', { revision: this.revision, upserted, removed });
    // A source that went down or left the config ends no firing: nothing to announce.
    if (!options.silent) this.notifications.handle(changes, options.baseline);
  }

  private emitSources(): void {
    const sources = this.sources();
    this.emit('sourcesChanged', sources);
    this.updateConnectivity(sources);
  }

  /** The machine's network went away or came back (the network watcher's word). */
  setNetwork(up: boolean): void {
    if (this.network === up) return;
    this.network = up;
    this.updateConnectivity(this.sources());
    if (up) this.pollAllNow();
  }

  connectivity(): Connectivity {
    return this.connectivityState;
  }

  private updateConnectivity(sources: SourceHealth[]): void {
    const next = nextConnectivity(this.connectivityState, assessConnectivity(sources, this.network), new Date(this.now()));
    if (JSON.stringify(next) === JSON.stringify(this.connectivityState)) return;
    this.connectivityState = next;
    this.emit('connectivityChanged', next);
  }

  private emitNotificationSettings(): NotificationSettings {
    const settings = this.notificationSettings();
    this.emit('notificationsChanged', settings);
    return settings;
  }

  private armPauseExpiry(): void {
    clearTimeout(this.pauseTimer);
    const until = this.deps.settings.pausedUntil;
    if (!until) return;
    const delay = Date.parse(until) - this.now();
    if (delay <= 0) return;
    // setTimeout cannot wait longer than ~24.8 days; pauses are at most a day.
    this.pauseTimer = setTimeout(() => this.emitNotificationSettings(), Math.min(delay + 50, 2 ** 31 - 1));
    this.pauseTimer.unref();
  }
}

/** Whether two configs point at the same server the same way, so its alerts stay valid. */
function sameEndpoint(a: SourceConfig, b: SourceConfig): boolean {
  const { interval: _ai, timeout: _at, notify: _an, ...restA } = a;
  const { interval: _bi, timeout: _bt, notify: _bn, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}
