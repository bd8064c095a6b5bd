import type { Silence } from '../../../shared/actions';
import { formatClockTime, formatDuration, millisUntil } from './format-age';

/**
 * How long before its end a silence you created warns while alerts it mutes still fire. The
 * engine sends its `silenceExpiryWarning` setting with the notification settings; this is its default.
 */
export const SILENCE_EXPIRY_WARNING_MS = 10 * 60_000;

export interface SilenceGroup {
  /** The Alertmanagers holding these silences: one, or both members of an HA pair. */
  label: string;
  silences: Silence[];
}

/** Silences per Alertmanager (an HA pair is one group), the groups by name; in each, active before pending, ending soonest first. */
export function groupSilences(silences: readonly Silence[]): SilenceGroup[] {
  const groups = new Map<string, Silence[]>();
  for (const silence of silences) {
    if (silence.state === 'expired') continue;
    const label = [...silence.sources].sort().join(', ') || 'unknown Alertmanager';
    groups.set(label, [...(groups.get(label) ?? []), silence]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, members]) => ({ label, silences: members.sort(compareSilences) }));
}

function compareSilences(a: Silence, b: Silence): number {
  if (a.state !== b.state) return a.state === 'active' ? -1 : 1;
  return a.endsAt < b.endsAt ? -1 : a.endsAt > b.endsAt ? 1 : a.id.localeCompare(b.id);
}

/** True for an active silence by `author` that ends within the warning time while it still mutes alerts. */
export function endsSoonWhileFiring(silence: Silence, author: string, now: number, warningMs = SILENCE_EXPIRY_WARNING_MS): boolean {
  if (silence.state !== 'active' || silence.createdBy !== author || silence.matchedAlerts.length === 0) return false;
  const left = millisUntil(silence.endsAt, now);
  return left !== null && left > 0 && left <= warningMs;
}

/** "ends in 45 min (11:30)", or "ended". */
export function endsInText(endsAt: string, now: number): string {
  const left = millisUntil(endsAt, now);
  if (left === null) return `ends ${endsAt}`;
  return left > 0 ? `ends in ${formatDuration(left)} (${formatClockTime(endsAt, now, false)})` : 'ended';
}
