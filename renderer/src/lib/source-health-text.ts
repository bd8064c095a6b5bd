import type { SourceHealth } from '../../../shared/model';
import { formatAgo, millisSince } from './format-age';

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
