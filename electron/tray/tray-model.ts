import type { Alert, Connectivity, NotificationSettings, SourceHealth } from '../../shared/model';
import type { Slo } from '../../shared/slo';
import { severityRank, type Severity } from '../../shared/severity';
import { alertName, alertTarget, sanitizeNotificationText } from '../notifications/notification-text';

/** What the tray shows, decided as plain data; the Electron side only applies it. */

export type TrayState = 'ok' | 'warning' | 'critical' | 'offline';

export type TrayMenuItem =
  | { kind: 'alert'; fingerprint: string; label: string }
  | { kind: 'more'; label: string }
  | { kind: 'separator' }
  | { kind: 'open'; label: string }
  | { kind: 'pause'; label: string }
  | { kind: 'resume'; label: string }
  | { kind: 'quit'; label: string };

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayInput {
  alerts: Alert[];
  sources: SourceHealth[];
  notifications: NotificationSettings;
  /** SLOs: one paging turns the tray critical, one at ticket level turns it amber. */
  slos?: Slo[];
  /** The engine's verdict; without a network the tray is offline even before the sources' polls fail. */
  connectivity?: Pick<Connectivity, 'state' | 'network'>;
  now: Date;
}

/** Windows keeps 127 UTF-16 units of a tray tooltip. */
export const MAX_TOOLTIP_LENGTH = 127;
export const MAX_MENU_ALERTS = 5;
export const MAX_MENU_LABEL_LENGTH = 60;
/** A down source's name in the tooltip is cut to this, so the pause note still fits beside it. */
export const MAX_TOOLTIP_SOURCE_NAME_LENGTH = 32;

const APP_NAME = 'On-Call Companion';
const SEVERITY_WORDS: Record<Severity, string> = { critical: 'critical', warning: 'warning', info: 'info', none: 'other' };

export function trayModel(input: TrayInput): TrayModel {
  const firing = input.alerts.filter((alert) => alert.state === 'firing');
  const slos = input.slos ?? [];
  const noNetwork = input.connectivity?.network === false;
  const state = noNetwork || input.connectivity?.state === 'offline' ? 'offline' : trayState(firing, input.sources, slos);
  const pausedUntil = pauseEnd(input.notifications, input.now);
  return {
    state,
    tooltip: tooltip(state, firing, input.sources, pausedUntil, input.now, sloNote(slos), noNetwork),
    menu: menu(firing, pausedUntil, input.now),
  };
}

/** The icon file under resources/tray/ (an `@2x` sibling exists for each). */
export function trayIconFile(state: TrayState): string {
  return `tray-${state}.png`;
}

/**
 * offline: every source down. Otherwise the worst firing severity, but a partial outage is at
 * least 'warning': with one source down, "nothing firing" may only mean "nothing we can see".
 */
function trayState(firing: Alert[], sources: SourceHealth[], slos: Slo[]): TrayState {
  const down = downSources(sources).length;
  if (sources.length > 0 && down === sources.length) return 'offline';
  if (firing.some((alert) => alert.severity === 'critical') || slos.some((slo) => slo.status === 'page')) return 'critical';
  if (down > 0 || firing.some((alert) => alert.severity === 'warning') || slos.some((slo) => slo.status === 'ticket')) return 'warning';
  return 'ok';
}

/** `1 SLO paging, 2 burning (ticket)`, or '' when no SLO burns. */
function sloNote(slos: Slo[]): string {
  const paging = slos.filter((slo) => slo.status === 'page').length;
  const ticket = slos.filter((slo) => slo.status === 'ticket').length;
  const parts = [paging ? `${paging} SLO${paging > 1 ? 's' : ''} paging` : '', ticket ? `${ticket} SLO${ticket > 1 ? 's' : ''} burning (ticket)` : ''];
  return parts.filter(Boolean).join(', ');
}

function downSources(sources: SourceHealth[]): SourceHealth[] {
  return sources.filter((source) => source.status === 'down');
}

/** `prod-am down` when one source is down, `2 of 3 sources down` when more are; '' when none. */
function downNote(sources: SourceHealth[]): string {
  const down = downSources(sources);
  if (down.length === 0) return '';
  const name = down.length === 1 ? sanitizeNotificationText(down[0]!.name, MAX_TOOLTIP_SOURCE_NAME_LENGTH) : '';
  return name ? `${name} down` : `${down.length} of ${sources.length} sources down`;
}

function pauseEnd(settings: NotificationSettings, now: Date): Date | null {
  if (settings.pausedUntil === null) return null;
  const until = new Date(settings.pausedUntil);
  return until.getTime() > now.getTime() ? until : null; // an invalid date compares false
}

function tooltip(state: TrayState, firing: Alert[], sources: SourceHealth[], pausedUntil: Date | null, now: Date, slos = '', noNetwork = false): string {
  const counts = firingCounts(firing);
  const down = state === 'offline' ? '' : downNote(sources);
  const stale = firing.filter((alert) => alert.stale).length;
  const headline =
    state === 'offline'
      ? `offline: ${noNetwork ? 'no network' : 'no source reachable'}${counts ? ` · last known: ${counts}` : ''}`
      : counts || (down || slos ? 'nothing firing' : 'all clear');
  // In display order; when too long, the lowest `keep` goes first.
  const extras = [
    { text: state !== 'offline' ? slos : '', keep: 2 },
    { text: state !== 'offline' && stale > 0 ? `${stale} stale: source unreachable` : '', keep: 0 },
    { text: down, keep: 1 },
    { text: sources.length === 0 ? 'no sources configured' : '', keep: 1 },
    { text: pausedUntil ? `notifications paused until ${clockTime(pausedUntil, now)}` : '', keep: 2 },
  ].filter((extra) => extra.text);

  const compose = () => [`${APP_NAME} — ${headline}`, ...extras.map((extra) => extra.text)].join(' · ');
  while (compose().length > MAX_TOOLTIP_LENGTH && extras.length > 0) {
    const lowest = extras.reduce((a, b) => (b.keep < a.keep ? b : a));
    extras.splice(extras.indexOf(lowest), 1);
  }
  const text = compose();
  return text.length > MAX_TOOLTIP_LENGTH ? `${text.slice(0, MAX_TOOLTIP_LENGTH - 1)}…` : text;
}

/** `2 critical, 5 warning firing`, or '' when nothing fires. */
function firingCounts(firing: Alert[]): string {
  const parts = (Object.keys(SEVERITY_WORDS) as Severity[])
    .map((severity) => [firing.filter((alert) => alert.severity === severity).length, SEVERITY_WORDS[severity]] as const)
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${count} ${word}`);
  return parts.length > 0 ? `${parts.join(', ')} firing` : '';
}

function menu(firing: Alert[], pausedUntil: Date | null, now: Date): TrayMenuItem[] {
  const ordered = [...firing].sort(mostSevereThenOldest);
  const shown = ordered.slice(0, MAX_MENU_ALERTS);
  const items: TrayMenuItem[] = shown.map((alert) => ({
    kind: 'alert',
    fingerprint: alert.fingerprint,
    label: alertLabel(alert, now),
  }));
  if (ordered.length > shown.length) items.push({ kind: 'more', label: `+${ordered.length - shown.length} more firing…` });
  if (items.length > 0) items.push({ kind: 'separator' });
  items.push({ kind: 'open', label: 'Open dashboard' });
  items.push(
    pausedUntil
      ? { kind: 'resume', label: `Resume notifications (paused until ${clockTime(pausedUntil, now)})` }
      : { kind: 'pause', label: 'Pause notifications for 1 hour' },
  );
  items.push({ kind: 'separator' }, { kind: 'quit', label: 'Quit' });
  return items;
}

function mostSevereThenOldest(a: Alert, b: Alert): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    startTime(a) - startTime(b) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

function startTime(alert: Alert): number {
  const time = Date.parse(alert.startsAt);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** `CRITICAL HighErrorRate — checkout (12m)`; the name and target are cut, never the age. */
function alertLabel(alert: Alert, now: Date): string {
  const target = alertTarget(alert);
  const head = [alert.severity === 'none' ? '' : alert.severity.toUpperCase(), alertName(alert)]
    .filter(Boolean)
    .join(' ');
  const notes = [age(alert, now), alert.stale ? 'stale' : undefined].filter(Boolean).join(', ');
  const tail = notes ? ` (${notes})` : '';
  const text = target ? `${head} — ${target}` : head;
  return sanitizeNotificationText(text, MAX_MENU_LABEL_LENGTH - tail.length) + tail;
}

function age(alert: Alert, now: Date): string | undefined {
  const started = Date.parse(alert.startsAt);
  if (Number.isNaN(started)) return undefined;
  const minutes = Math.floor((now.getTime() - started) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
  return `${Math.floor(minutes / (24 * 60))}d`;
}

/** Local `14:05`, with the date in front when it is not today. */
function clockTime(time: Date, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(time.getHours())}:${pad(time.getMinutes())}`;
  if (time.toDateString() === now.toDateString()) return clock;
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${clock}`;
}
