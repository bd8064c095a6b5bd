import type { Slo, SloStatus } from '../../../shared/slo';

/** Risk order: page, then ticket, then what cannot be told (error, no data), then ok. */
const STATUS_RANK: Record<SloStatus, number> = { page: 0, ticket: 1, error: 2, 'no-data': 2, ok: 3 };

export function statusRank(status: SloStatus): number {
  return STATUS_RANK[status];
}

/** Most at risk first: by status, then least budget left (unknown budget last), then by name. */
export function compareSlosByRisk(a: Slo, b: Slo): number {
  return (
    statusRank(a.status) - statusRank(b.status) ||
    compareBudget(a.budget.remaining, b.budget.remaining) ||
    a.displayName.localeCompare(b.displayName) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareBudget(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}

export function sortSlosByRisk(slos: readonly Slo[]): Slo[] {
  return [...slos].sort(compareSlosByRisk);
}

/** How many SLOs want attention now (page or ticket): the SLO tab's badge. */
export function countAtRisk(slos: readonly Slo[]): { page: number; ticket: number } {
  let page = 0;
  let ticket = 0;
  for (const slo of slos) {
    if (slo.status === 'page') page++;
    else if (slo.status === 'ticket') ticket++;
  }
  return { page, ticket };
}
