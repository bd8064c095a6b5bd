import type { SourceHealth } from '../../../shared/model';
import { formatAgo, formatClockTime, formatDuration, millisSince, millisUntil } from './format-age';

export const SOURCE_STATUS_LABEL: Record<SourceHealth['status'], string> = {
  ok: 'OK',
  degraded: 'Degraded',
  down: 'Down',
  pending: 'Pending',
};

export function lastSuccessText(source: Pick<SourceHealth, 'lastSuccessAt'>, now: number): string {
  const age = millisSince(source.lastSuccessAt, now);
  return age === null ? 'no successful poll yet' : `last success ${formatAgo(age)}`;
}

/** How old the data shown for a source is: "data 3 min old". */
export function dataAgeText(source: Pick<SourceHealth, 'lastSuccessAt'>, now: number): string {
  const age = millisSince(source.lastSuccessAt, now);
  return age === null ? 'no data yet' : `data ${formatDuration(age)} old`;
}

/**
 * The circuit breaker in words, or null while it is closed: "circuit open, next probe 10:42:05
 * (in 25 s)" while polling is stopped after failures, "probing" while one probe is under way.
 */
export function circuitText(source: Pick<SourceHealth, 'circuit' | 'nextAttemptAt'>, now: number): string | null {
  if (source.circuit === 'closed') return null;
  if (source.circuit === 'half-open') return 'circuit half-open: probing';
  const wait = millisUntil(source.nextAttemptAt, now);
  if (wait === null || source.nextAttemptAt === null) return 'circuit open';
  const when = formatClockTime(source.nextAttemptAt, now);
  return wait > 0 ? `circuit open, next probe ${when} (in ${formatDuration(wait)})` : `circuit open, next probe due now`;
}
