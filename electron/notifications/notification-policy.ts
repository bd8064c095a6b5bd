import type { Alert } from '../../shared/model';
import { isAtLeast, type Severity } from '../../shared/severity';
import type { NotifyVerdict, RuledAlert } from './on-call-rules';

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
  /** The per-alert decision (rules, on-call state, quiet hours); without it, `minSeverity` and `muted` decide. */
  verdict?: (alert: RuledAlert, now: number) => NotifyVerdict;
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
 * silenced, inhibited, acknowledged, stale or unconfirmed alerts, none that the rules keep quiet
 * (`verdict`), a summary instead of a storm, nothing while paused.
 */
export function planNotifications(input: PolicyInput): PolicyDecision {
  const { settings, now } = input;
  const verdictOf = settings.verdict ?? ((alert: RuledAlert): NotifyVerdict => (!isAtLeast(alert.severity, settings.minSeverity) ? 'below-min-severity' : settings.muted ? 'off-call' : 'notify'));
  const candidates = input.changes
    .map((change) => change.after)
    .filter((after): after is Alert => {
      // Someone is on it: an acknowledged alert is not announced again (e.g. when its ack silence ends).
      if (!after || after.state !== 'firing' || after.stale || after.acknowledgement || input.held?.has(after.fingerprint)) return false;
      return !input.announced.has(episodeKey(after));
    })
    .map((alert) => ({ alert, verdict: verdictOf(alert, now) }));
  // Kept quiet by the on-call state, quiet hours or a rule: seen, not announced later when that changes.
  const announce = candidates.filter(({ verdict }) => verdict !== 'below-min-severity').map(({ alert }) => episodeKey(alert));
  const started = candidates.filter(({ verdict }) => verdict === 'notify').map(({ alert }) => alert);
  const resolved = settings.onResolve
    ? input.changes
        .filter((change) => change.before?.state === 'firing' && change.after === undefined && !change.before.stale)
        .map((change) => change.before!)
        .filter((alert) => verdictOf(alert, now) === 'notify')
    : [];

  const paused = settings.pausedUntil !== null && Date.parse(settings.pausedUntil) > now;
  if (paused) return { notifications: [], announce };

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
