import type { AlertEpisode } from '../../../shared/history';
import { episodeKey } from './history-text';
import { memoizeLast } from './memoize-last';

export interface HistoryListModel {
  rows: readonly AlertEpisode[];
  indexByKey: ReadonlyMap<string, number>;
}

/** The episodes as the engine ordered them (most recent first), with their positions by key. */
export const selectHistoryList: (episodes: readonly AlertEpisode[]) => HistoryListModel = memoizeLast((episodes) => ({
  rows: episodes,
  indexByKey: new Map(episodes.map((episode, index) => [episodeKey(episode), index])),
}));

/** The key one row further in `direction`, stopping at the ends; the first row when nothing (visible) is selected. */
export function stepHistorySelection(model: HistoryListModel, selected: string | null, direction: 1 | -1): string | null {
  const current = selected === null ? undefined : model.indexByKey.get(selected);
  const first = model.rows[0];
  if (current === undefined) return first ? episodeKey(first) : null;
  const next = model.rows[Math.min(model.rows.length - 1, Math.max(0, current + direction))];
  return next ? episodeKey(next) : selected;
}
