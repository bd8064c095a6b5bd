import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Shift, ShiftAlert } from '../../shared/shift';

type ShiftIncident = Shift['incidents'][number];

/**
 * The hand-off report: title with the period, summary counts, what is still open (the part to
 * hand over) first, then every alert, the incidents and the acknowledgements. Everything that
 * comes from outside (alert names, labels, titles, names) is escaped: it cannot break the tables.
 */
export function shiftReportMarkdown(shift: Shift, options: { timeZone?: string } = {}): string {
  const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const time = (iso: string | null) => (iso === null ? '—' : format(new TZDate(Date.parse(iso), zone), 'yyyy-MM-dd HH:mm'));
  const firing = shift.alerts.filter((alert) => alert.endsAt === null);
  const unacknowledged = firing.filter((alert) => alert.acknowledgedBy === null);
  const openIncidents = shift.incidents.filter((incident) => incident.resolvedAt === null);
  const declared = shift.incidents.filter((incident) => Date.parse(incident.declaredAt) >= Date.parse(shift.from));
  const resolved = shift.incidents.filter((incident) => incident.resolvedAt !== null);
  const acknowledged = shift.alerts.filter((alert) => alert.acknowledgedBy !== null).sort((a, b) => (a.acknowledgedAt ?? '').localeCompare(b.acknowledgedAt ?? ''));

  const lines = [
    `# Shift hand-off: ${time(shift.from)} – ${time(shift.to)} (${escapeMarkdown(zone)})`,
    '',
    onCallLine(shift, time),
    ...(shift.onCall.who.length > 0 ? [`On call now: ${shift.onCall.who.map(escapeMarkdown).join(', ')}`] : []),
    '',
    '## Summary',
    '',
    `- ${count(shift.alerts.length, 'alert')} fired, ${firing.length} still firing, ${unacknowledged.length} of them unacknowledged`,
    `- ${count(acknowledged.length, 'acknowledgement')}`,
    `- ${count(declared.length, 'incident')} declared, ${resolved.length} resolved, ${openIncidents.length} open`,
    '',
    '## Still open',
    '',
    ...(firing.length === 0 && openIncidents.length === 0 ? ['Nothing open to hand over.', ''] : []),
    ...(firing.length > 0 ? [...alertTable(firing, time), ''] : []),
    ...openIncidents.map((incident) => `- Incident ${escapeMarkdown(incident.id)}: ${escapeMarkdown(incident.title)} (${incident.status}, declared ${time(incident.declaredAt)})`),
    ...(openIncidents.length > 0 ? [''] : []),
    '## Alerts',
    '',
    ...(shift.alerts.length === 0 ? ['No alert fired.'] : alertTable(shift.alerts, time)),
    '',
    '## Incidents',
    '',
    ...(shift.incidents.length === 0 ? ['No incident.'] : incidentTable(shift.incidents, time)),
    '',
    '## Acknowledgements',
    '',
    ...(acknowledged.length === 0
      ? ['No acknowledgement.']
      : acknowledged.map((alert) => `- ${time(alert.acknowledgedAt)} ${escapeMarkdown(alert.acknowledgedBy!)} acknowledged ${escapeMarkdown(alert.name)}${labelSuffix(alert)}`)),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function onCallLine(shift: Shift, time: (iso: string | null) => string): string {
  const { onCall } = shift;
  const basis = onCall.basis === null ? '' : onCall.basis === 'manual' ? ' (your toggle)' : onCall.basis === 'schedule' ? ' (your schedule)' : ` (${escapeMarkdown(onCall.basis)})`;
  switch (onCall.state) {
    case 'on-call':
      return `On call${onCall.until ? ` until ${time(onCall.until)}` : ''}${basis}.`;
    case 'off-call':
      return `Off call${onCall.nextShiftAt ? `, next shift ${time(onCall.nextShiftAt)}` : ''}${basis}.`;
    case 'unknown':
      return 'On call: unknown (no on-call service or toggle says).';
  }
}

function alertTable(alerts: readonly ShiftAlert[], time: (iso: string | null) => string): string[] {
  return [
    '| Alert | Severity | Labels | Started | Ended | Acknowledged by |',
    '| --- | --- | --- | --- | --- | --- |',
    ...alerts.map((alert) =>
      row([
        escapeMarkdown(alert.name),
        alert.severity,
        escapeMarkdown(labelText(alert)),
        time(alert.startsAt),
        alert.endsAt === null ? 'still firing' : time(alert.endsAt),
        alert.acknowledgedBy === null ? '—' : `${escapeMarkdown(alert.acknowledgedBy)} at ${time(alert.acknowledgedAt)}`,
      ]),
    ),
  ];
}

function incidentTable(incidents: readonly ShiftIncident[], time: (iso: string | null) => string): string[] {
  return [
    '| Incident | Title | Status | Declared | Resolved |',
    '| --- | --- | --- | --- | --- |',
    ...incidents.map((incident) => row([escapeMarkdown(incident.id), escapeMarkdown(incident.title), incident.status, time(incident.declaredAt), time(incident.resolvedAt)])),
  ];
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The labels that tell instances apart (not the name or severity, shown already). */
function labelText(alert: ShiftAlert): string {
  return Object.entries(alert.labels)
    .filter(([name]) => name !== 'alertname' && name !== 'severity')
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

function labelSuffix(alert: ShiftAlert): string {
  const labels = labelText(alert);
  return labels === '' ? '' : ` (${escapeMarkdown(labels)})`;
}

/**
 * Text from outside as literal Markdown: punctuation that could start emphasis, code, links,
 * HTML, headings or end a table cell is backslash-escaped, and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#~!&()]/g, '\\$&');
}
