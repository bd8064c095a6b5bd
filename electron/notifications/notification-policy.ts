import type { Alert } from '../../shared/model';
import { isAtLeast, type Severity } from '../../shared/severity';

export interface AlertChange {
  before: Alert | undefined;
  after: Alert | undefined;
}

export interface PolicySettings {
  minSeverity: Severity;
  onResolve: boolean;
  summaryThreshold: number;
  pausedUntil: string | null;
  /** Off call with nothing to notify: like a pause, what starts counts as seen. */
  muted?: boolean;
}

export interface PolicyInput {
  changes: readonly AlertChange[];
  /** The update is a source's first successful poll: what fires now was firing before the app looked. */
  baseline: boolean;
  settings: PolicySettings;
  now: number;
  /** Firing episodes already announced (see `episodeKey`). */
  announced: { has(key: string): boolean };
  /** Fingerprints waiting for Alertmanager to confirm them (see ConfirmationHold): not announced yet. */
  held?: ReadonlySet<string>;
}

export type PlannedNotification =
  | { kind: 'firing'; alert: Alert }
  | { kind: 'summary'; alerts: Alert[] }
  | { kind: 'already-firing'; alerts: Alert[] }
  | { kind: 'resolved'; alert: Alert }
  | { kind: 'resolved-summary'; alerts: Alert[] };

export interface PolicyDecision {
  notifications: PlannedNotification[];
  /** Episodes to remember as announced, whether or not a notification was shown (pause counts as seen). */
  announce: string[];
}

/** One firing of one alert: a later firing of the same alert starts at another time. */
export function episodeKey(alert: Alert): string {
  return `${alert.fingerprint}@${alert.startsAt}`;
}

/**
 * Decides which notifications an update deserves: once per firing episode, never for pending,
 * silenced, inhibited, acknowledged, stale or unconfirmed alerts, a summary instead of a storm, nothing while paused.
 */
export function planNotifications(input: PolicyInput): PolicyDecision {
  const { settings } = input;
  const started = input.changes
    .map((change) => change.after)
    .filter((after): after is Alert => {
      // Someone is on it: an acknowledged alert is not announced again (e.g. when its ack silence ends).
      if (!after || after.state !== 'firing' || after.stale || after.acknowledgement || input.held?.has(after.fingerprint)) return false;
      return !input.announced.has(episodeKey(after)) && isAtLeast(after.severity, settings.minSeverity);
    });
  const resolved = settings.onResolve
    ? input.changes
        .filter((change) => change.before?.state === 'firing' && change.after === undefined && !change.before.stale)
        .map((change) => change.before!)
        .filter((alert) => isAtLeast(alert.severity, settings.minSeverity))
    : [];

  const announce = started.map(episodeKey);
  const paused = settings.pausedUntil !== null && Date.parse(settings.pausedUntil) > input.now;
  if (paused || settings.muted) return { notifications: [], announce };

  const notifications: PlannedNotification[] = [];
  if (started.length === 1) {
    notifications.push({ kind: 'firing', alert: started[0]! });
  } else if (started.length > 1 && input.baseline) {
    notifications.push({ kind: 'already-firing', alerts: started });
  } else if (started.length > settings.summaryThreshold) {
    notifications.push({ kind: 'summary', alerts: started });
  } else {
    for (const alert of started) notifications.push({ kind: 'firing', alert });
  }
  if (resolved.length > settings.summaryThreshold) {
    notifications.push({ kind: 'resolved-summary', alerts: resolved });
  } else {
    for (const alert of resolved) notifications.push({ kind: 'resolved', alert });
  }
  return { notifications, announce };
}
