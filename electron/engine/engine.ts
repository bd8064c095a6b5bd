import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/api';
import type { Incident } from '../../shared/incident';
import type { RunbookSet } from '../../shared/runbook';
import type { SloSet } from '../../shared/slo';
import type { Acknowledgement, PendingAction, Silence } from '../../shared/actions';
import type { Alert, ConfigStatus, Connectivity, DependencyStatus, OnCallStatus, NotificationSettings, Preferences, Snapshot, SourceHealth } from '../../shared/model';
import type { AppConfig, SourceConfig } from '../config/config-schema';
import type { DesktopNotifier } from '../notifications/desktop-notifier';
import type { AlertChange } from '../notifications/notification-policy';
import { mergeSilences } from '../actions/silence-list';
import type { AlertSource } from '../sources/source';
import type { SourceReport } from './alert-merge';
import { AlertSet } from './alert-set';
import type { UserSettings } from './settings';
import { ConnectivityTracker } from './connectivity';
import { EngineNotifications } from './engine-notifications';
import { scheduledOnCall } from './on-call-schedule';
import { onCallStatus, UNKNOWN_ON_CALL } from './on-call-status';
import { PublishedValue } from './published-value';
import { nextHealth, probingHealth } from './source-health';
import { SourcePoller, type PollOutcome } from './source-poller';
import { cacheEntryOf, describeSlot, isEndpointOf, newSlot, reportsOf, restoreIntoSlot, sameEndpoint, staleReportsOf, type CachedSourceState, type SourceSlot } from './source-slot';

export type { CachedSourceState } from './source-slot';

type EngineEvents = { [E in EventName]: [EventPayload<E>] };

const MAX_STORAGE_PROBLEMS = 20;

export interface EngineDeps {
  createSource: (config: SourceConfig) => AlertSource;
  settings: UserSettings;
  notifier: DesktopNotifier;
  /** Brings the dashboard forward (a click on a summary notification). */
  revealDashboard?: () => void;
  now?: () => number;
  log?: (message: string) => void;
  /** Who took this alert's current episode, if anyone (the local log, or an upstream "ACK!" silence). */
  acknowledgementFor?: (alert: Alert) => Acknowledgement | undefined;
  /** Every real change of the alert set (not a source going down or leaving), for the alert history. */
  onAlertChanges?: (changes: readonly AlertChange[], at: Date) => void;
  /** Something worth caching changed: `alerts` (alerts or silences) or only `health` timestamps. */
  onStateChanged?: (what: 'alerts' | 'health') => void;
  /** Called once per run, when every configured source has answered a poll: what is not reported now has ended. */
  onEverySourceAnswered?: () => void;
  /** A source answers again after being down (or for the first time): queued actions for it can go now. */
  onSourceReachable?: (name: string) => void;
}

/**
 * The main process's single source of truth: runs one poller per configured source, merges
 * their alerts, decides notifications, and emits what changed. Plain Node: no Electron here.
 */
/** How long the first poll of a source restored from the cache waits for the dashboard's first snapshot at most. */
export const RESTORED_FIRST_POLL_DELAY_MS = 1_000;

export class Engine extends EventEmitter<EngineEvents> {
  private slots = new Map<string, SourceSlot>();
  private readonly alertSet = new AlertSet(
    (source, fingerprint) => this.slots.get(source)?.alerts.get(fingerprint),
    (alert) => this.withAcknowledgement(alert),
  );
  private readonly notifications: EngineNotifications;
  private sloSet: SloSet = { slos: [], errors: [] };
  private runbookSet: RunbookSet = { runbooks: [], sessions: [], errors: [] };
  private incidentList: Incident[] = [];
  private revision = 0;
  private config: AppConfig | undefined;
  private configStatus: ConfigStatus = { path: null, demo: false, error: null };
  private readonly now: () => number;
  private readonly connectivityTracker: ConnectivityTracker;
  private readonly silenceList = new PublishedValue<Silence[]>([], (silences) => this.emit('silencesChanged', silences));
  private readonly dependencyList = new PublishedValue<DependencyStatus[]>([], (dependencies) => this.emit('dependenciesChanged', dependencies));
  private readonly onCallState = new PublishedValue<OnCallStatus>(UNKNOWN_ON_CALL, (status) => this.emit('onCallChanged', status));
  private actionList: PendingAction[] = [];
  private storageProblemList: string[] = [];
  private suspended = false;
  private onCallTimer: NodeJS.Timeout | undefined;
  private everySourceAnswered = false;
  /** Sources' states from the cache, used when a source with the same endpoint is added. */
  private restored = new Map<string, CachedSourceState>();
  /** Sources restored from the cache whose first poll waits for the first snapshot (see addSource). */
  private readonly refreshAfterFirstSnapshot = new Set<string>();
  private snapshotTaken = false;

  constructor(private readonly deps: EngineDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.connectivityTracker = new ConnectivityTracker((connectivity) => this.emit('connectivityChanged', connectivity), this.now);
    this.notifications = new EngineNotifications({
      notifier: deps.notifier,
      settings: deps.settings,
      config: () => this.config,
      onCall: () => this.onCallState.current.state,
      source: (name) => describeSlot(this.slots.get(name)),
      sources: () => [...this.slots.values()].flatMap((slot) => describeSlot(slot) ?? []),
      alert: (fingerprint) => this.alertSet.get(fingerprint),
      openAlert: (fingerprint) => this.focusAlert(fingerprint),
      openDashboard: () => this.deps.revealDashboard?.(),
      publish: (settings) => this.emit('notificationsChanged', settings),
      now: this.now,
    });
  }

  /** The latest SLO evaluations (from the SLO monitor): shown, pushed, and a page is announced once. */
  setSlos(set: SloSet): void {
    this.sloSet = set;
    this.emit('slosChanged', set);
    // An SLO over a source that does not notify (the demo) pages no one either.
    this.notifications.slosChanged(set.slos.filter((slo) => !slo.source || (describeSlot(this.slots.get(slo.source))?.notify ?? true)));
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
    const previous = this.config;
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
    this.updateOnCall();
    this.notifications.configChanged(previous, config, this.alertSet.values());
  }

  /** Last good states from the cache; call before the first `applyConfig`. */
  restore(states: readonly CachedSourceState[]): void {
    this.restored = new Map(states.map((state) => [state.name, state]));
  }

  /** What the cache keeps: each source's last good alerts, silences and health. */
  cacheState(): CachedSourceState[] {
    return [...this.slots.values()].filter((slot) => slot.hasSucceeded).map(cacheEntryOf);
  }

  /** Saved data that could not be used: shown until the app restarts (the latest few). */
  reportStorageProblem(message: string): void {
    this.storageProblemList = [...this.storageProblemList, message].slice(-MAX_STORAGE_PROBLEMS);
    this.emit('storageProblemsChanged', this.storageProblemList);
  }

  /** The outbox changed: shown in the snapshot and pushed. */
  setActions(actions: PendingAction[]): void {
    this.actionList = actions;
    this.emit('actionsChanged', actions);
  }

  silences(): Silence[] {
    return this.silenceList.current;
  }

  /** An acknowledgement was recorded or delivered: re-derive the alerts' ack state and push what changed. */
  refreshAcknowledgements(): void {
    const upserted = this.alertSet.redecorate();
    if (upserted.length === 0) return;
    this.revision++;
    this.emit('alertsChanged', { revision: this.revision, upserted, removed: [] });
    this.deps.onStateChanged?.('alerts');
  }

  /** The machine goes to sleep: stop polling (a poll now would only fail), keep every state. */
  suspend(): void {
    if (this.suspended) return;
    this.suspended = true;
    for (const slot of this.slots.values()) slot.poller.stop();
  }

  /** Awake again: poll every source at once. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    for (const slot of this.slots.values()) this.restartPoller(slot);
  }

  setConfigStatus(status: ConfigStatus): void {
    this.configStatus = status;
    this.emit('configChanged', status);
  }

  /** Polls every source at once (wake from sleep, network change). */
  pollAllNow(): void {
    if (this.suspended) return;
    for (const slot of this.slots.values()) slot.poller.pollNow();
  }

  stop(): void {
    for (const slot of this.slots.values()) slot.poller.stop();
    clearTimeout(this.onCallTimer);
    this.notifications.stop();
  }

  snapshot(): Snapshot {
    if (!this.snapshotTaken) {
      this.snapshotTaken = true;
      for (const name of this.refreshAfterFirstSnapshot) this.slots.get(name)?.poller.pollNow();
      this.refreshAfterFirstSnapshot.clear();
    }
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
      connectivity: this.connectivityTracker.current,
      silences: this.silenceList.current,
      actions: this.actionList,
      storageProblems: this.storageProblemList,
      dependencies: this.dependencyList.current,
      onCall: this.onCallState.current,
    };
  }

  alerts(): Alert[] {
    return this.alertSet.values();
  }

  /** The running source of that name (actions that go to the service itself, e.g. an acknowledgement in PagerDuty). */
  source(name: string): AlertSource | undefined {
    return this.slots.get(name)?.source;
  }

  alert(fingerprint: string): Alert | undefined {
    return this.alertSet.get(fingerprint);
  }

  sources(): SourceHealth[] {
    return [...this.slots.values()].map((slot) => slot.health);
  }

  notificationSettings(): NotificationSettings {
    return this.notifications.settings();
  }

  pauseNotifications(minutes: number): NotificationSettings {
    return this.notifications.pauseFor(minutes);
  }

  resumeNotifications(): NotificationSettings {
    return this.notifications.resume();
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

  /** Asks the window to open one runbook (a deep link). */
  focusRunbook(id: string): void {
    this.emit('focusRunbook', { id });
  }

  /** The user's own word on being on call (null: follow the on-call services); notifications follow it. */
  setOnCall(onCall: boolean | null): OnCallStatus {
    this.deps.settings.onCallOverride = onCall;
    this.updateOnCall();
    return this.onCallState.current;
  }

  onCall(): OnCallStatus {
    return this.onCallState.current;
  }

  /**
   * The machine's network changed (the network watcher's word): Wi-Fi joined, VPN up or down,
   * cable pulled. With no network the engine is offline at once; with one, every source is polled
   * now, since what was unreachable a moment ago may answer now (and an open circuit gets a probe).
   */
  networkChanged(up: boolean): void {
    this.networkIs(up);
    if (up) this.pollAllNow();
  }

  /** Whether the machine has a network, as found at start: recorded only (every source polls at start anyway). */
  networkIs(up: boolean): void {
    this.connectivityTracker.setNetwork(up, this.sources());
  }

  connectivity(): Connectivity {
    return this.connectivityTracker.current;
  }

  private addSource(config: SourceConfig): void {
    const source = this.deps.createSource(config);
    const slot = newSlot(config, source, this.createPoller(source, config));
    this.slots.set(config.name, slot);
    const cached = this.restored.get(config.name);
    this.restored.delete(config.name);
    const restored = cached !== undefined && isEndpointOf(cached.endpoint, config);
    if (restored) this.restoreSlot(slot, cached);
    if (this.suspended) return;
    if (restored && !this.snapshotTaken) {
      // Its cached state goes to the dashboard first; the first refresh (often the largest answer
      // and merge of the run) follows at once after, rather than competing with the dashboard's start.
      this.refreshAfterFirstSnapshot.add(config.name);
      slot.poller.start(RESTORED_FIRST_POLL_DELAY_MS);
    } else {
      slot.poller.start();
    }
  }

  /**
   * Shows a source's cached state at once, marked stale until its first poll. Its firing alerts
   * count as announced (they were, in the run that saw them), so only what is new since then
   * raises a notification, instead of the usual quiet first poll.
   */
  private restoreSlot(slot: SourceSlot, cached: CachedSourceState): void {
    restoreIntoSlot(slot, cached);
    this.replaceReports(slot.config.name, reportsOf(slot, cached.alerts, true), { baseline: false, silent: true });
    this.notifications.markAnnounced(cached.alerts.map((alert) => this.alertSet.get(alert.fingerprint)).filter((alert) => alert !== undefined));
    this.updateSilences();
  }

  /** Same server, new timing or notification flag: keep its alerts and health, restart only the poller. */
  private retune(slot: SourceSlot, config: SourceConfig): void {
    slot.config = config;
    this.restartPoller(slot);
  }

  private restartPoller(slot: SourceSlot): void {
    slot.poller.stop();
    slot.poller = this.createPoller(slot.source, slot.config);
    if (!this.suspended) slot.poller.start();
  }

  private createPoller(source: AlertSource, config: SourceConfig): SourcePoller {
    return new SourcePoller(
      source,
      { intervalMs: config.interval, timeoutMs: config.timeout, now: this.now, onProbe: () => this.onProbe(config.name) },
      (outcome) => this.onOutcome(config.name, outcome),
    );
  }

  /** The circuit lets one probe through: show "half-open" while it runs. */
  private onProbe(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    slot.health = probingHealth(slot.health);
    this.emitSources();
  }

  private removeSource(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    slot.poller.stop();
    this.replaceReports(name, new Map(), { baseline: false, silent: true });
    this.slots.delete(name);
    this.updateSilences();
    this.updateDependencies();
    this.updateOnCall();
  }

  private onOutcome(name: string, outcome: PollOutcome): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    const previousStatus = slot.health.status;
    slot.health = { ...nextHealth(slot.health, outcome), fromCache: slot.health.fromCache && !outcome.ok };
    if (!outcome.ok && !outcome.result) this.sourceFailed(slot, previousStatus, outcome.error);
    else this.sourceAnswered(slot, previousStatus, outcome.result!);
    this.emitSources();
    this.deps.onStateChanged?.(slot.health.status !== previousStatus ? 'alerts' : 'health');
    if (!this.everySourceAnswered && [...this.slots.values()].every((each) => each.answered)) {
      this.everySourceAnswered = true;
      this.deps.onEverySourceAnswered?.();
    }
  }

  /** Keeps the last known alerts, marked stale, rather than letting them vanish. */
  private sourceFailed(slot: SourceSlot, previousStatus: SourceHealth['status'], error: string | undefined): void {
    if (previousStatus !== 'down') this.deps.log?.(`source ${slot.config.name} is down: ${error}`);
    this.replaceReports(slot.config.name, staleReportsOf(slot), { baseline: false, silent: true });
  }

  private sourceAnswered(slot: SourceSlot, previousStatus: SourceHealth['status'], result: NonNullable<PollOutcome['result']>): void {
    const baseline = !slot.hasSucceeded;
    slot.hasSucceeded = true;
    slot.answered = true;
    // Absent when this poll could not read them: keep the last known.
    const silences = result.silences ?? slot.silences;
    const silencesChanged = JSON.stringify(silences) !== JSON.stringify(slot.silences);
    slot.silences = silences;
    const alertsChanged = this.replaceReports(slot.config.name, reportsOf(slot, result.alerts, false), { baseline, silent: false });
    slot.answerDigest = result.answerDigest;
    if (alertsChanged || silencesChanged) this.updateSilences();
    // Acknowledgements from teammates arrive as "ACK!" silences.
    if (silencesChanged) this.refreshAcknowledgements();
    this.updateDependencies();
    this.updateOnCall();
    // Back after being down (or at start): queued actions for it can go now.
    if (previousStatus !== 'ok' && previousStatus !== 'degraded') this.deps.onSourceReachable?.(slot.config.name);
  }

  private updateOnCall(): void {
    const schedule = this.config?.onCallSchedule ? scheduledOnCall(this.config.onCallSchedule, this.now()) : undefined;
    const status = onCallStatus(this.deps.settings.onCallOverride, [...this.slots.values()].map((slot) => slot.source), schedule);
    this.onCallState.set(status);
    this.scheduleOnCallCheck(status.basis === 'schedule' ? (status.until ?? status.nextShiftAt) : null);
  }

  /** A shift of the user's own schedule starts or ends by the clock alone: look again then (at least hourly). */
  private scheduleOnCallCheck(boundary: string | null): void {
    clearTimeout(this.onCallTimer);
    if (boundary === null) return;
    const delay = Math.min(Math.max(0, Date.parse(boundary) - this.now()) + 1_000, 3_600_000);
    this.onCallTimer = setTimeout(() => this.updateOnCall(), delay);
    this.onCallTimer.unref();
  }

  /** Status pages' latest overall word, for the dependency strip; pushed when it changes. */
  private updateDependencies(): void {
    this.dependencyList.set(
      [...this.slots.values()].flatMap((slot) => {
        const status = slot.source.dependencyStatus?.();
        return status ? [{ ...status, source: slot.config.name }] : [];
      }),
    );
  }

  /** Every Alertmanager's silences as one list (HA copies merged), with the alerts each one matches. */
  private updateSilences(): void {
    const perSource = new Map([...this.slots].map(([name, slot]) => [name, slot.silences] as const));
    this.silenceList.set(mergeSilences(perSource, this.alerts()));
  }

  private withAcknowledgement(alert: Alert): Alert {
    const acknowledgement = this.deps.acknowledgementFor?.(alert);
    if (!acknowledgement) {
      if (!alert.acknowledgement) return alert;
      const { acknowledgement: _gone, ...rest } = alert;
      return rest;
    }
    return { ...alert, acknowledgement };
  }

  /** Replaces one source's reports and pushes what changed in the merged set; true when something did. */
  private replaceReports(name: string, reports: Map<string, SourceReport>, options: { baseline: boolean; silent: boolean }): boolean {
    const slot = this.slots.get(name);
    if (!slot) return false;
    const previous = slot.alerts;
    slot.alerts = reports;
    const { upserted, removed, becameStale, becameLive, changes } = this.alertSet.update(name, previous, reports);
    if (changes.length === 0) return false;
    this.revision++;
    this.emit('alertsChanged', {
      revision: this.revision,
      upserted,
      removed,
      ...(becameStale.length > 0 ? { becameStale } : {}),
      ...(becameLive.length > 0 ? { becameLive } : {}),
    });
    // A source that went down or left the config ends no firing: nothing to announce or record.
    if (!options.silent) {
      this.notifications.alertsChanged(changes, options.baseline);
      this.deps.onAlertChanges?.(changes, new Date(this.now()));
    }
    return true;
  }

  private emitSources(): void {
    const sources = this.sources();
    this.emit('sourcesChanged', sources);
    this.connectivityTracker.update(sources);
  }
}
