import type { Incident } from '../../shared/incident';
import { formatDuration, formatUtcTime } from './postmortem';

/** How often the team expects an update, by severity. */
export const UPDATE_INTERVAL_MINUTES: Record<Incident['severity'], number> = {
  SEV1: 15,
  SEV2: 30,
  SEV3: 60,
  SEV4: 120,
};

const LATEST_ENTRIES = 3;
const MAX_ENTRY_LENGTH = 200;

/**
 * A short status update ready to paste into the team's chat:
 *
 * ```
 * [SEV2] Checkout errors — identified (for 42 m)
 * IC: Alice · Comms: Bob
 * Latest:
 * - 03:40 UTC — Status: investigating → identified
 * Next update by 04:25 UTC.
 * ```
 *
 * The latest entries are listed oldest first; the next update is suggested by severity
 * (SEV1 15 m … SEV4 2 h), rounded up to five minutes. Text is flattened to one line per entry.
 */
export function statusUpdateText(incident: Incident, now: Date): string {
  const resolved = incident.status === 'resolved' && incident.resolvedAt !== null;
  const declared = Date.parse(incident.declaredAt);
  const lasted = resolved ? `after ${formatDuration(Date.parse(incident.resolvedAt ?? '') - declared)}` : `for ${formatDuration(now.getTime() - declared)}`;
  const lines = [`[${incident.severity}] ${oneLine(incident.title)} — ${incident.status} (${lasted})`];

  const roles = [`IC: ${oneLine(incident.roles.commander) || 'not assigned'}`, `Comms: ${oneLine(incident.roles.communications) || 'not assigned'}`];
  if (oneLine(incident.roles.operations) !== '') roles.push(`Ops: ${oneLine(incident.roles.operations)}`);
  lines.push(roles.join(' · '));

  const latest = incident.timeline.slice(-LATEST_ENTRIES);
  if (latest.length > 0) {
    lines.push('Latest:');
    for (const entry of latest) lines.push(`- ${formatUtcTime(entry.at)} — ${truncate(oneLine(entry.text), MAX_ENTRY_LENGTH)}`);
  }

  if (resolved) {
    lines.push('Resolved; a postmortem will follow.');
  } else {
    const next = nextUpdateAt(now, UPDATE_INTERVAL_MINUTES[incident.severity]);
    lines.push(`Next update by ${formatUtcTime(next.toISOString())}.`);
  }
  return lines.join('\n');
}

/** `now` plus the interval, rounded up to the next five minutes. */
function nextUpdateAt(now: Date, minutes: number): Date {
  const step = 5 * 60_000;
  return new Date(Math.ceil((now.getTime() + minutes * 60_000) / step) * step);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
