import { TZDate } from '@date-fns/tz';
import type { Alert, OnCallStatus } from '../../shared/model';
import { isAtLeast, type Severity } from '../../shared/severity';
import type { NotificationConfig } from '../config/config-schema';

/** What a rule decides about one alert: notify, or why not (shown to the user, kept as "seen"). */
export type NotifyVerdict = 'notify' | 'below-min-severity' | 'off-call' | 'quiet-hours' | 'rule-never';

export type RuledAlert = Pick<Alert, 'severity' | 'sources'>;

export interface OnCallNotificationRules {
  /** Alerts below this severity raise no notification when no rule matches them. */
  minSeverity: Severity;
  /** Nothing at all can notify in this on-call state (off call with `offCall: none` and no `always` rule). */
  muted: boolean;
  /** The full decision for one alert at `now`: per-source/severity rules first, then on-call state and quiet hours. */
  verdict: (alert: RuledAlert, now: number) => NotifyVerdict;
}

type QuietHours = NonNullable<NotificationConfig['quietHours']>;

/**
 * Loud while on call, quiet off call and in quiet hours. The first matching rule decides:
 * `always` notifies regardless, `never` never, `on-call` only while on call (or unknown) outside
 * quiet hours. Without a match: `minSeverity`, then `offCall` (everything, critical only, nothing)
 * off call, then `quietHours.allow`. When nobody knows whether the user is on call, notifications
 * are as configured: a companion that silently stops paging is worse than one that pages too often.
 */
export function notificationRulesFor(config: NotificationConfig, onCall: OnCallStatus['state']): OnCallNotificationRules {
  const offCall = onCall === 'off-call';
  const canAlwaysNotify = config.rules.some((rule) => rule.notify === 'always');
  const muted = offCall && config.offCall === 'none' && !canAlwaysNotify;
  const minSeverity = offCall && config.offCall === 'critical' && !isAtLeast(config.minSeverity, 'critical') ? 'critical' : config.minSeverity;
  const verdict = (alert: RuledAlert, now: number): NotifyVerdict => {
    const quiet = config.quietHours !== undefined && inQuietHours(config.quietHours, now);
    const rule = config.rules.find(
      (candidate) =>
        (!candidate.sources || alert.sources.some((source) => candidate.sources!.includes(source))) &&
        (!candidate.severities || candidate.severities.includes(alert.severity)),
    );
    if (rule?.notify === 'always') return 'notify';
    if (rule?.notify === 'never') return 'rule-never';
    if (rule?.notify === 'on-call') return offCall ? 'off-call' : quiet ? 'quiet-hours' : 'notify';
    if (!isAtLeast(alert.severity, config.minSeverity)) return 'below-min-severity';
    if (offCall && !allows(config.offCall, alert.severity)) return 'off-call';
    if (quiet && !allows(config.quietHours!.allow, alert.severity)) return 'quiet-hours';
    return 'notify';
  };
  return { minSeverity, muted, verdict };
}

function allows(what: 'all' | 'critical' | 'none', severity: Severity): boolean {
  return what === 'all' || (what === 'critical' && severity === 'critical');
}

/**
 * Whether `now` falls in the quiet hours, compared as wall-clock time in their time zone (the
 * machine's when not given), so DST changes move nothing. `from` is inside, `to` is not; a range
 * whose end is before its start runs across midnight; equal ends mean all day.
 */
export function inQuietHours(quiet: Pick<QuietHours, 'from' | 'to' | 'timeZone'>, now: number): boolean {
  const local = quiet.timeZone ? new TZDate(now, quiet.timeZone) : new Date(now);
  const minute = local.getHours() * 60 + local.getMinutes();
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return true;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

const ALLOW_TEXT = { critical: 'critical only', none: 'nothing notifies', all: 'everything notifies' } as const;

/**
 * The notification rules in effect at `now`, in words for the shift view: "Off call: critical only",
 * "Quiet hours 22:00–07:00: critical only" (only while they apply), "2 per-source/severity rules apply first".
 */
export function notificationRulesText(config: NotificationConfig, onCall: OnCallStatus['state'], now: number): string[] {
  const lines: string[] = [];
  if (onCall === 'off-call' && config.offCall !== 'all') lines.push(`Off call: ${ALLOW_TEXT[config.offCall]}`);
  const quiet = config.quietHours;
  if (quiet && inQuietHours(quiet, now)) {
    const zone = quiet.timeZone ? ` (${quiet.timeZone})` : '';
    lines.push(`Quiet hours ${quiet.from}–${quiet.to}${zone}: ${ALLOW_TEXT[quiet.allow]}`);
  }
  if (config.minSeverity !== 'none') lines.push(`Only ${config.minSeverity} and above`);
  if (config.rules.length > 0) lines.push(`${config.rules.length} per-source/severity ${config.rules.length === 1 ? 'rule applies' : 'rules apply'} first`);
  return lines;
}
