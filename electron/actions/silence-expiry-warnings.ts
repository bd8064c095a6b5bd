import type { Silence } from '../../shared/actions';
import type { Alert } from '../../shared/model';
import { alertName, MAX_BODY_LENGTH, MAX_TITLE_LENGTH, sanitizeNotificationText, type NotificationText } from '../notifications/notification-text';
import { silenceMatches } from './silence-list';

/** Which of your silences are about to end while what they mute still fires, and what the warning says. Pure. */

export interface ExpiryWarning {
  silence: Silence;
  /** The alerts it matches that still fire or that it mutes. */
  alerts: Alert[];
}

export interface ExpiryWarningInput {
  silences: readonly Silence[];
  alerts: readonly Alert[];
  /** Only silences created by this name are warned about. */
  author: string;
  now: Date;
  warnBeforeMs: number;
  /** `expiryWarningKey`s of the warnings already given. */
  warned: ReadonlySet<string>;
}

/** One warning per silence and end time: a silence extended to a new end is warned about again. */
export function expiryWarningKey(silence: Pick<Silence, 'id' | 'endsAt'>): string {
  return `${silence.id}@${silence.endsAt}`;
}

/**
 * Active silences by `author` that end within `warnBeforeMs` of `now`, not warned about yet,
 * with at least one alert still firing or muted by them. Acknowledgement silences are left out:
 * they are short on purpose, and the alert notifying again when one ends is the point.
 */
export function silencesEndingSoon(input: ExpiryWarningInput): ExpiryWarning[] {
  const now = input.now.getTime();
  return input.silences
    .filter((silence) => silence.state === 'active' && !silence.acknowledgement && silence.createdBy === input.author)
    .filter((silence) => {
      const left = Date.parse(silence.endsAt) - now;
      return left > 0 && left <= input.warnBeforeMs && !input.warned.has(expiryWarningKey(silence));
    })
    .map((silence) => ({ silence, alerts: input.alerts.filter((alert) => stillMuted(alert, silence)) }))
    .filter((warning) => warning.alerts.length > 0);
}

function stillMuted(alert: Alert, silence: Silence): boolean {
  if (alert.state === 'suppressed') return alert.silencedBy.includes(silence.id);
  return alert.state === 'firing' && silenceMatches(silence.matchers, alert.labels);
}

const MAX_LISTED_NAMES = 3;

/** "Your silence ends in 8 min" / "Still firing: HighErrorRate ×2, DiskFull · disk swap scheduled". */
export function silenceExpiryNotification(warning: ExpiryWarning, now: Date): NotificationText {
  const names = new Map<string, number>();
  for (const alert of warning.alerts) names.set(alertName(alert), (names.get(alertName(alert)) ?? 0) + 1);
  const listed = [...names].slice(0, MAX_LISTED_NAMES).map(([name, count]) => (count > 1 ? `${name} ×${count}` : name));
  if (names.size > listed.length) listed.push(`+${names.size - listed.length} more`);
  const comment = sanitizeNotificationText(warning.silence.comment, 80);
  const body = `Still firing: ${listed.join(', ')}${comment ? ` · ${comment}` : ''}`;
  return {
    title: sanitizeNotificationText(`Your silence ends in ${timeLeft(Date.parse(warning.silence.endsAt) - now.getTime())}`, MAX_TITLE_LENGTH),
    body: sanitizeNotificationText(body, MAX_BODY_LENGTH),
    fingerprint: warning.alerts.length === 1 ? warning.alerts[0]!.fingerprint : null,
    urgency: 'normal',
  };
}

function timeLeft(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
