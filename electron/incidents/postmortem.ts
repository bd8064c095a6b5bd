import type { Incident, IncidentRoles, TimelineEntry } from '../../shared/incident';

const ROLE_LINES: Array<[keyof IncidentRoles, string]> = [
  ['commander', 'Incident commander'],
  ['communications', 'Communications lead'],
  ['operations', 'Ops lead'],
];

/**
 * A Markdown postmortem draft of `incident`: facts, summary, impact, timeline (key moments
 * first), contributing factors, action items and runbooks used. Deterministic: the same incident
 * gives the same text (no current time inside; times in UTC). Everything the user or an alert
 * wrote is escaped, so it cannot start a heading, a list, a table cell or HTML.
 */
export function postmortemMarkdown(incident: Incident): string {
  const lines: string[] = [];
  const text = (value: string): string => escapeMarkdownInline(value);

  lines.push(`# Postmortem: ${text(incident.title)}`, '');
  lines.push('_A draft written from the incident record. Replace the text in italics._', '');
  lines.push(`- **Severity:** ${incident.severity}`);
  lines.push(`- **Status:** ${incident.status}`);
  lines.push(`- **Declared:** ${formatUtc(incident.declaredAt)}`);
  lines.push(`- **Resolved:** ${incident.resolvedAt ? formatUtc(incident.resolvedAt) : 'not yet'}`);
  lines.push(`- **Duration:** ${incident.resolvedAt ? formatDuration(Date.parse(incident.resolvedAt) - Date.parse(incident.declaredAt)) : 'ongoing'}`);
  for (const [role, label] of ROLE_LINES) lines.push(`- **${label}:** ${incident.roles[role] ? text(incident.roles[role]) : '_not assigned_'}`);
  lines.push(`- **Origin:** ${text(incident.origin)}`, '');

  lines.push('## Summary', '');
  lines.push('_What happened, why, and how it was fixed, in two or three sentences for someone who was not there._', '');
  lines.push(`- Linked alerts: ${listOrNone(incident.linkedAlerts.map((alert) => text(alert.name)))}`);
  lines.push(`- Linked SLOs: ${listOrNone(incident.linkedSlos.map((slo) => text(slo.name)))}`, '');

  lines.push('## Impact', '');
  lines.push('_Who was affected (users, customers, other teams), how, and for how long; numbers where there are any._', '');
  if (incident.linkedSlos.length === 0) lines.push('_No SLO was linked to this incident._');
  for (const slo of incident.linkedSlos) lines.push(`- SLO ${text(slo.name)}: _error budget spent during the incident_`);
  lines.push('');

  lines.push('## Timeline', '', 'Times in UTC; ★ marks key moments.', '');
  const day = utcDay(incident.declaredAt);
  const entryLine = (entry: TimelineEntry): string =>
    `- ${entry.key ? '★ ' : ''}${utcDay(entry.at) === day ? formatUtcTime(entry.at) : formatUtc(entry.at)} — ${escapeMarkdownBlock(entry.text, '  ')}`;
  const keyMoments = incident.timeline.filter((entry) => entry.key);
  lines.push('### Key moments', '');
  if (keyMoments.length === 0) lines.push('_None marked yet._');
  lines.push(...keyMoments.map(entryLine), '');
  lines.push('### Every entry', '');
  if (incident.timeline.length === 0) lines.push('_No entries._');
  lines.push(...incident.timeline.map(entryLine), '');

  lines.push('## Contributing factors', '');
  lines.push('- _What made this possible: a change (deploy, configuration, data, traffic), a dependency, a capacity limit._');
  lines.push('- _What made it worse or slower to fix: a missing or noisy alert, an unclear runbook, missing access._', '');

  lines.push('## Action items', '');
  lines.push('| Action | Owner | Due | Ticket |', '| --- | --- | --- | --- |', '| _What will be done_ | _Who_ | _When_ | _Link_ |', '');

  lines.push('## Runbooks used', '');
  if (incident.linkedRunbooks.length === 0) lines.push('_No runbook was linked to this incident._');
  for (const runbook of incident.linkedRunbooks) lines.push(`- ${text(runbook.title)} (${text(runbook.id)})`);

  return `${lines.join('\n')}\n`;
}

/** `2026-11-26 03:12 UTC`; text that is not a time is returned as it is. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** `03:12 UTC`. */
export function formatUtcTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(11, 16)} UTC`;
}

/** `42 m`, `1 h 5 m`, `2 h`, `3 d 4 h`; under a minute is `0 m`, negative durations count as 0. */
export function formatDuration(milliseconds: number): string {
  const minutes = Number.isFinite(milliseconds) ? Math.max(0, Math.floor(milliseconds / 60_000)) : 0;
  if (minutes < 60) return `${minutes} m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/**
 * Escapes text for use inside a Markdown line (after a list marker or in a table cell): line
 * breaks become spaces and every character that could start emphasis, code, a link, HTML, an
 * entity, a heading's closing sequence or a table cell is backslash-escaped.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeCharacters(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/**
 * Escapes text that may span lines for use after a list marker: continuation lines are indented
 * by `indent` (so they stay in the item), blank lines dropped, and a line that would start a
 * heading, quote, list, rule or setext underline has its first character escaped.
 */
function escapeMarkdownBlock(text: string, indent: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines
    .map((line, index) => {
      const escaped = escapeCharacters(line);
      if (index === 0) return escaped;
      return indent + escaped.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
    })
    .join('\n');
}

function escapeCharacters(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

function listOrNone(items: string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

function utcDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}
