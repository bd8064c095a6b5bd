import type { Alert } from '../../shared/model';
import { severityRank, type Severity } from '../../shared/severity';

/**
 * What a desktop notification says, decided here as plain data; the notifier only shows it.
 * Every text here comes from alert labels and annotations, which anyone who can post to
 * Alertmanager writes: all of it goes through `sanitizeNotificationText`.
 */

export const MAX_TITLE_LENGTH = 100;
export const MAX_BODY_LENGTH = 300;

export type NotificationUrgency = 'critical' | 'normal' | 'low';

export interface NotificationText {
  title: string;
  body: string;
  /** The alert a click should reveal, or null for a summary of several alerts. */
  fingerprint: string | null;
  urgency: NotificationUrgency;
}

const ELLIPSIS = '…';
const SEPARATOR = ' · ';
/** Labels that best tell where an alert fires, most telling first. */
const TARGET_LABELS = ['service', 'job', 'instance', 'namespace'] as const;
const MAX_LISTED_LABELS = 4;
const MAX_LISTED_NAMES = 3;
const MAX_NAME_LENGTH = 60;
const MAX_SOURCES_LENGTH = 60;

/**
 * Makes untrusted text safe to show: control characters (C0, DEL, C1, U+2028/2029, so also
 * newlines and tabs) become spaces, bidi overrides that could disguise text are dropped, lone
 * surrogates become U+FFFD, whitespace runs collapse, and the result is trimmed and cut to
 * `max` code points, ending with `…` when cut. Shell metacharacters stay: quoting is the
 * transport's job.
 */
export function sanitizeNotificationText(text: string, max: number): string {
  return truncate(cleanText(text), max);
}

export function firingNotification(alert: Alert): NotificationText {
  return {
    title: alertTitle(severityTag(alert.severity), alert),
    body: alertBody(alert),
    fingerprint: alert.fingerprint,
    urgency: urgencyFor(alert.severity),
  };
}

export function resolvedNotification(alert: Alert): NotificationText {
  return {
    title: alertTitle('Resolved', alert),
    body: alertBody(alert),
    fingerprint: alert.fingerprint,
    urgency: 'low',
  };
}

/** One notification for many alerts that started firing in the same poll. */
export function summaryNotification(alerts: Alert[]): NotificationText {
  return groupNotification(alerts, 'started firing');
}

/** One notification for what already fires at the first poll after start. */
export function alreadyFiringNotification(alerts: Alert[]): NotificationText {
  return groupNotification(alerts, 'already firing');
}

/** One notification for many alerts that resolved in the same poll. */
export function resolvedSummaryNotification(alerts: Alert[]): NotificationText {
  return { ...groupNotification(alerts, 'resolved'), urgency: 'low' };
}

export function urgencyFor(severity: Severity): NotificationUrgency {
  if (severity === 'critical') return 'critical';
  if (severity === 'warning') return 'normal';
  return 'low';
}

/** The alert's name, sanitised but not cut; never empty. */
export function alertName(alert: Alert): string {
  return cleanText(alert.name) || cleanText(alert.labels.alertname ?? '') || 'Unnamed alert';
}

/** The most telling of the service/job/instance/namespace labels, sanitised, if any. */
export function alertTarget(alert: Alert): string | undefined {
  for (const label of TARGET_LABELS) {
    const value = cleanText(alert.labels[label] ?? '');
    if (value) return value;
  }
  return undefined;
}

function alertTitle(tag: string | undefined, alert: Alert): string {
  const parts = [tag, alertName(alert), alertTarget(alert)].filter((part) => part !== undefined);
  return truncate(parts.join(SEPARATOR), MAX_TITLE_LENGTH);
}

function severityTag(severity: Severity): string | undefined {
  return severity === 'none' ? undefined : severity.toUpperCase();
}

/** Summary, else description, else a few labels; then the sources, which are never cut off. */
function alertBody(alert: Alert): string {
  const details =
    cleanText(alert.annotations.summary ?? '') ||
    cleanText(alert.annotations.description ?? '') ||
    labelList(alert.labels) ||
    'No details';
  const sources = alert.sources.map(cleanText).filter(Boolean).join(', ');
  const suffix = sources ? ` (${truncate(sources, MAX_SOURCES_LENGTH)})` : '';
  return truncate(details, MAX_BODY_LENGTH - codePointLength(suffix)) + suffix;
}

function labelList(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .filter((key) => key !== 'alertname' && key !== 'severity')
    .sort()
    .map((key) => cleanText(`${key}=${labels[key] ?? ''}`));
  const listed = pairs.slice(0, MAX_LISTED_LABELS);
  if (pairs.length > listed.length) listed.push(`+${pairs.length - listed.length} more`);
  return listed.join(', ');
}

function groupNotification(alerts: Alert[], verb: string): NotificationText {
  const critical = alerts.filter((alert) => alert.severity === 'critical').length;
  const noun = alerts.length === 1 ? 'alert' : 'alerts';
  const title = `${alerts.length} ${noun} ${verb}${critical > 0 ? ` (${critical} critical)` : ''}`;
  return {
    title: truncate(title, MAX_TITLE_LENGTH),
    body: truncate(nameTally(alerts), MAX_BODY_LENGTH) || 'No alerts',
    fingerprint: null,
    urgency: urgencyFor(mostSevere(alerts)),
  };
}

/** `HighErrorRate ×5, DiskFull ×3, CertExpiring, +2 more`: most severe names first, then most frequent. */
function nameTally(alerts: Alert[]): string {
  const groups = new Map<string, { name: string; count: number; rank: number }>();
  // Thousands of alerts share a few names: each distinct one is cleaned once.
  const cleanedNames = new Map<string, string>();
  for (const alert of alerts) {
    let cleaned = cleanedNames.get(alert.name);
    if (cleaned === undefined) cleanedNames.set(alert.name, (cleaned = truncate(cleanText(alert.name), MAX_NAME_LENGTH)));
    const name = cleaned || truncate(alertName(alert), MAX_NAME_LENGTH);
    const group = groups.get(name) ?? { name, count: 0, rank: Number.POSITIVE_INFINITY };
    group.count += 1;
    group.rank = Math.min(group.rank, severityRank(alert.severity));
    groups.set(name, group);
  }
  const ordered = [...groups.values()].sort(
    (a, b) => a.rank - b.rank || b.count - a.count || compareText(a.name, b.name),
  );
  const listed = ordered
    .slice(0, MAX_LISTED_NAMES)
    .map(({ name, count }) => (count > 1 ? `${name} ×${count}` : name));
  if (ordered.length > listed.length) listed.push(`+${ordered.length - listed.length} more`);
  return listed.join(', ');
}

function mostSevere(alerts: Alert[]): Severity {
  return alerts.reduce<Severity>(
    (worst, alert) => (severityRank(alert.severity) < severityRank(worst) ? alert.severity : worst),
    'none',
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sanitises without cutting. */
function cleanText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isControlCharacter(code)) out += ' ';
    else if (isBidiControl(code)) continue;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD'; // a lone surrogate
    else out += char;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function isControlCharacter(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they can make text read backwards. */
function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Cuts to `max` code points, never inside a surrogate pair, ending with `…` when cut. */
function truncate(text: string, max: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  if (max < 1) return '';
  return codePoints.slice(0, max - 1).join('').trimEnd() + ELLIPSIS;
}

function codePointLength(text: string): number {
  return Array.from(text).length;
}
