import type { Slo } from '../../../shared/slo';
import { memoizeLast } from './memoize-last';
import { SLO_STATUS_LABEL } from './slo-format';
import { sortSlosByRisk } from './slo-order';

export interface SloListModel {
  /** The SLOs that match the filter, most at risk first. */
  rows: Slo[];
  indexById: ReadonlyMap<string, number>;
  totalCount: number;
}

const haystacks = new WeakMap<Slo, string>();

/** What the filter searches in, lower-cased: names, service, objective, status, source, window and labels. */
function haystackOf(slo: Slo): string {
  let text = haystacks.get(slo);
  if (text === undefined) {
    const labels = Object.entries(slo.labels).map(([name, value]) => `${name}=${value}`);
    text = [slo.displayName, slo.name, slo.service, slo.objective, slo.status, SLO_STATUS_LABEL[slo.status], slo.source, slo.window.label, slo.stale ? 'stale' : '', ...labels]
      .filter((part): part is string => Boolean(part))
      .join('\n')
      .toLowerCase();
    haystacks.set(slo, text);
  }
  return text;
}

/** Every word of the filter must occur somewhere in the SLO; an empty filter keeps everything. */
export function matchesSloFilter(slo: Slo, filterText: string): boolean {
  const words = filterText.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystackOf(slo);
  return words.every((word) => text.includes(word));
}

export function buildSloListModel(slos: readonly Slo[], filterText: string): SloListModel {
  const rows = sortSlosByRisk(slos.filter((slo) => matchesSloFilter(slo, filterText)));
  return { rows, indexById: new Map(rows.map((slo, index) => [slo.id, index])), totalCount: slos.length };
}

/** Shared by the list and the keyboard handler, computed once per change. */
export const selectSloList: (slos: readonly Slo[], filterText: string) => SloListModel = memoizeLast(buildSloListModel);

/** The id one row further in `direction`, stopping at the ends; with nothing (visible) selected, the first row. */
export function stepSloSelection(model: SloListModel, selected: string | null, direction: 1 | -1): string | null {
  const current = selected === null ? undefined : model.indexById.get(selected);
  if (current === undefined) return model.rows[0]?.id ?? null;
  const next = Math.min(model.rows.length - 1, Math.max(0, current + direction));
  return model.rows[next]?.id ?? selected;
}
