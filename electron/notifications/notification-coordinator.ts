import type { Alert, SourceType } from '../../shared/model';
import { AnnouncementLog } from './announcement-log';
import { ConfirmationHold } from './confirmation-hold';
import type { DesktopNotifier } from './desktop-notifier';
import { textFor } from './notification-content';
import { summaryNotification } from './notification-text';
import { episodeKey, planNotifications, type AlertChange, type PlannedNotification, type PolicySettings } from './notification-policy';
import { StormGuard } from './storm-guard';

export interface NotifyingSource {
  type: SourceType;
  /** False for sources whose alerts never notify (the demo, by default). */
  notify: boolean;
  intervalMs: number;
  down: boolean;
}

export interface CoordinatorDeps {
  notifier: DesktopNotifier;
  settings: () => PolicySettings;
  source: (name: string) => NotifyingSource | undefined;
  /** Every configured source, to tell whether an Alertmanager can confirm Prometheus alerts. */
  sources: () => NotifyingSource[];
  alert: (fingerprint: string) => Alert | undefined;
  openAlert: (fingerprint: string) => void;
  openDashboard: () => void;
  now: () => number;
}

const MAX_CONFIRMATION_GRACE_MS = 2 * 60_000;

/**
 * Keeps the state around the pure notification policy: which episodes were announced, which
 * Prometheus alerts wait for Alertmanager, and the timer that releases them.
 */
export class NotificationCoordinator {
  private readonly log = new AnnouncementLog();
  private readonly hold = new ConfirmationHold();
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly stormGuard = new StormGuard();
  /** Alerts that started while the storm guard held single notifications back. */
  private deferred = new Map<string, Alert>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: CoordinatorDeps) {}

  handle(changes: readonly AlertChange[], baseline: boolean): void {
    const now = this.deps.now();
    this.log.prune(now);
    for (const { before, after } of changes) {
      if (!after && before) {
        this.log.ended(episodeKey(before), now);
        this.hold.release(before.fingerprint);
      } else if (after?.state === 'suppressed') {
        // Muted now: when the silence ends while the alert still fires, say so again.
        this.log.forget(episodeKey(after));
      }
    }
    const relevant = changes.filter(({ before, after }) => this.notifies((after ?? before)!));
    const held = this.heldAmong(relevant, now);
    const decision = planNotifications({ changes: relevant, baseline, settings: this.deps.settings(), now, announced: this.log, held });
    for (const key of decision.announce) this.log.add(key);
    for (const planned of decision.notifications) {
      if (planned.kind === 'firing' && !this.stormGuard.admit(now)) this.defer(planned.alert);
      else this.show(planned);
    }
    this.armHoldTimer(now);
  }

  /** Counts everything firing now as announced, e.g. after the minimum severity was lowered. */
  markAnnounced(alerts: Iterable<Alert>): void {
    for (const alert of alerts) if (alert.state === 'firing') this.log.add(episodeKey(alert));
  }

  stop(): void {
    clearTimeout(this.holdTimer);
    clearTimeout(this.flushTimer);
  }

  private show(planned: PlannedNotification): void {
    const text = textFor(planned);
    this.deps.notifier.show(text, () => (text.fingerprint ? this.deps.openAlert(text.fingerprint) : this.deps.openDashboard()));
  }

  private defer(alert: Alert): void {
    this.deferred.set(alert.fingerprint, alert);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flushDeferred(), this.stormGuard.flushEveryMs);
    this.flushTimer.unref();
  }

  /** One summary of what started during the storm and still fires; a single one reads as usual. */
  private flushDeferred(): void {
    this.flushTimer = undefined;
    const stillFiring = [...this.deferred.keys()].flatMap((fingerprint) => {
      const alert = this.deps.alert(fingerprint);
      return alert?.state === 'firing' ? [alert] : [];
    });
    this.deferred.clear();
    const settings = this.deps.settings();
    const now = this.deps.now();
    // Quiet hours may have begun (or the user gone off call) while they waited.
    const due = settings.verdict ? stillFiring.filter((alert) => settings.verdict!(alert, now) === 'notify') : stillFiring;
    if (due.length === 0 || (settings.pausedUntil !== null && Date.parse(settings.pausedUntil) > now)) return;
    if (due.length === 1) this.show({ kind: 'firing', alert: due[0]! });
    else this.deps.notifier.show(summaryNotification(due), () => this.deps.openDashboard());
  }

  private notifies(alert: Alert): boolean {
    return alert.sources.some((name) => this.deps.source(name)?.notify ?? true);
  }

  private heldAmong(changes: readonly AlertChange[], now: number): Set<string> {
    const held = new Set<string>();
    const grace = this.confirmationGraceMs();
    for (const { after } of changes) {
      if (!after) continue;
      const prometheusOnly = after.state === 'firing' && after.sources.every((name) => this.deps.source(name)?.type === 'prometheus');
      if (prometheusOnly && grace > 0 && this.hold.isHeld(after.fingerprint, now, grace)) held.add(after.fingerprint);
      else this.hold.release(after.fingerprint);
    }
    return held;
  }

  /** Two polls of the slowest reachable Alertmanager, plus a margin; zero when none can confirm. */
  private confirmationGraceMs(): number {
    const intervals = this.deps
      .sources()
      .filter((source) => source.type === 'alertmanager' && !source.down)
      .map((source) => source.intervalMs);
    if (intervals.length === 0) return 0;
    return Math.min(2 * Math.max(...intervals) + 5_000, MAX_CONFIRMATION_GRACE_MS);
  }

  private armHoldTimer(now: number): void {
    clearTimeout(this.holdTimer);
    const { nextAt } = this.hold.due(now, this.confirmationGraceMs());
    if (nextAt === null) return;
    this.holdTimer = setTimeout(() => this.releaseDue(), nextAt - now + 10);
    this.holdTimer.unref();
  }

  /** Alertmanager never reported these: announce them on Prometheus' word alone. */
  private releaseDue(): void {
    const now = this.deps.now();
    const grace = this.confirmationGraceMs();
    const { due } = this.hold.due(now, grace);
    const changes = due.flatMap((fingerprint) => {
      const alert = this.deps.alert(fingerprint);
      if (!alert) this.hold.release(fingerprint);
      return alert ? [{ before: alert, after: alert }] : [];
    });
    if (changes.length > 0) this.handle(changes, false);
    else this.armHoldTimer(now);
  }
}
