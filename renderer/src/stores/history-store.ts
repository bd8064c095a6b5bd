import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AlertEpisode, AlertHistory } from '../../../shared/history';

/** One alert's history, fetched when its detail opens. */
export interface AlertHistoryEntry {
  state: 'loading' | 'loaded' | 'error';
  /** The latest history received; kept while a newer one loads, so the detail does not blank. */
  history: AlertHistory | null;
  error: string | null;
  /** Only the answer to the latest request is kept. */
  requestId: number;
}

export interface HistorySearch {
  state: 'idle' | 'loading' | 'loaded' | 'error';
  /** What was asked for; the episodes below answer it (or an earlier query, while loading). */
  query: string;
  episodes: readonly AlertEpisode[];
  total: number;
  error: string | null;
  requestId: number;
}

export interface HistoryState {
  histories: ReadonlyMap<string, AlertHistoryEntry>;
  /** The text in the History view's search field. */
  query: string;
  search: HistorySearch;
  /** The episode shown beside the list (an `episodeKey`). */
  selectedKey: string | null;
  detailOpen: boolean;
  historyRequested(fingerprint: string, requestId: number): void;
  /** False when the answer is for an outdated request and was dropped. */
  historyLoaded(fingerprint: string, requestId: number, history: AlertHistory): boolean;
  historyFailed(fingerprint: string, requestId: number, message: string): boolean;
  setQuery(query: string): void;
  searchRequested(query: string, requestId: number): void;
  searchAnswered(requestId: number, episodes: readonly AlertEpisode[], total: number): boolean;
  searchFailed(requestId: number, message: string): boolean;
  select(key: string | null): void;
  openDetail(key?: string): void;
  closeDetail(): void;
}

export type HistoryStore = StoreApi<HistoryState>;

/** Histories kept for alerts opened recently; older ones are fetched again when opened. */
const MAX_HISTORIES = 200;

export function createHistoryStore(): HistoryStore {
  return createStore<HistoryState>()((set, get) => {
    const updateEntry = (fingerprint: string, requestId: number, change: Partial<AlertHistoryEntry>): boolean => {
      const entry = get().histories.get(fingerprint);
      if (!entry || entry.requestId !== requestId) return false;
      set({ histories: new Map(get().histories).set(fingerprint, { ...entry, ...change }) });
      return true;
    };
    const updateSearch = (requestId: number, change: Partial<HistorySearch>): boolean => {
      if (get().search.requestId !== requestId) return false;
      set({ search: { ...get().search, ...change } });
      return true;
    };
    return {
      histories: new Map(),
      query: '',
      search: { state: 'idle', query: '', episodes: [], total: 0, error: null, requestId: 0 },
      selectedKey: null,
      detailOpen: false,
      historyRequested(fingerprint, requestId) {
        const previous = get().histories.get(fingerprint);
        const histories = new Map(get().histories);
        histories.delete(fingerprint);
        histories.set(fingerprint, { state: 'loading', history: previous?.history ?? null, error: null, requestId });
        // Oldest-requested first in a Map's order: drop those beyond the bound.
        for (const key of histories.keys()) {
          if (histories.size <= MAX_HISTORIES) break;
          histories.delete(key);
        }
        set({ histories });
      },
      historyLoaded: (fingerprint, requestId, history) => updateEntry(fingerprint, requestId, { state: 'loaded', history, error: null }),
      historyFailed: (fingerprint, requestId, message) => updateEntry(fingerprint, requestId, { state: 'error', error: message }),
      setQuery: (query) => set({ query }),
      searchRequested: (query, requestId) => set({ search: { ...get().search, state: 'loading', query, error: null, requestId } }),
      searchAnswered: (requestId, episodes, total) => updateSearch(requestId, { state: 'loaded', episodes, total, error: null }),
      searchFailed: (requestId, message) => updateSearch(requestId, { state: 'error', error: message }),
      select: (selectedKey) => set({ selectedKey }),
      openDetail(key) {
        const selectedKey = key ?? get().selectedKey;
        if (selectedKey !== null) set({ selectedKey, detailOpen: true });
      },
      closeDetail: () => set({ detailOpen: false }),
    };
  });
}
