import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { Slo, SloHistory, SloSet } from '../../../shared/slo';

export interface SloHistoryEntry {
  state: 'loading' | 'loaded' | 'error';
  /** The latest history received; kept while a newer one loads, so a chart does not blank on every evaluation. */
  history: SloHistory | null;
  error: string | null;
  /** The SLO evaluation this entry is for: once the SLO's `evaluatedAt` moves on, the history is fetched again. */
  forEvaluatedAt: string | null;
  /** Only the answer to the latest request is kept. */
  requestId: number;
}

export interface SloState {
  slos: readonly Slo[];
  /** SLO files that could not be used, in the engine's words. */
  errors: readonly string[];
  /** False until the first SLO set arrived (snapshot or event). */
  loaded: boolean;
  /** True from each (re)connect until its snapshot. */
  awaitingSnapshot: boolean;
  /** An `slosChanged` arrived while awaiting the snapshot: the snapshot may be the older of the two. */
  eventWhileAwaiting: boolean;
  filterText: string;
  selectedId: string | null;
  detailOpen: boolean;
  history: ReadonlyMap<string, SloHistoryEntry>;
  applySnapshot(set: SloSet): void;
  applyEvent(set: SloSet): void;
  beginResync(): void;
  setFilterText(text: string): void;
  select(id: string | null): void;
  /** Opens the detail of `id`, or of the current selection when omitted. */
  openDetail(id?: string): void;
  closeDetail(): void;
  historyRequested(id: string, forEvaluatedAt: string | null, requestId: number): void;
  /** False when the answer is for an outdated request and was dropped. */
  historyLoaded(id: string, requestId: number, history: SloHistory): boolean;
  historyFailed(id: string, requestId: number, message: string): boolean;
}

export type SloStore = StoreApi<SloState>;

/** The latest evaluation time in a set, to tell which of two sets is newer (events carry no revision). */
export function newestEvaluation(slos: readonly Pick<Slo, 'evaluatedAt'>[]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const slo of slos) {
    const at = slo.evaluatedAt === null ? Number.NaN : Date.parse(slo.evaluatedAt);
    if (!Number.isNaN(at) && at > newest) newest = at;
  }
  return newest;
}

/** Histories only for SLOs that still exist. */
function prunedHistory(history: ReadonlyMap<string, SloHistoryEntry>, slos: readonly Slo[]): ReadonlyMap<string, SloHistoryEntry> {
  const ids = new Set(slos.map((slo) => slo.id));
  if ([...history.keys()].every((id) => ids.has(id))) return history;
  return new Map([...history].filter(([id]) => ids.has(id)));
}

export function createSloStore(): SloStore {
  return createStore<SloState>()((set, get) => {
    const replaceSet = (next: SloSet) =>
      set({ slos: next.slos, errors: next.errors, loaded: true, history: prunedHistory(get().history, next.slos) });
    const updateEntry = (id: string, requestId: number, change: Partial<SloHistoryEntry>): boolean => {
      const entry = get().history.get(id);
      if (!entry || entry.requestId !== requestId) return false;
      set({ history: new Map(get().history).set(id, { ...entry, ...change }) });
      return true;
    };
    return {
      slos: [],
      errors: [],
      loaded: false,
      awaitingSnapshot: true,
      eventWhileAwaiting: false,
      filterText: '',
      selectedId: null,
      detailOpen: false,
      history: new Map(),
      applySnapshot(snapshot) {
        const { awaitingSnapshot, eventWhileAwaiting, slos } = get();
        // An event that came in meanwhile and is newer than the snapshot wins; otherwise the snapshot does.
        const keepEvent = awaitingSnapshot && eventWhileAwaiting && newestEvaluation(slos) > newestEvaluation(snapshot.slos);
        if (!keepEvent) replaceSet(snapshot);
        set({ awaitingSnapshot: false, eventWhileAwaiting: false });
      },
      applyEvent(next) {
        replaceSet(next);
        if (get().awaitingSnapshot) set({ eventWhileAwaiting: true });
      },
      beginResync: () => set({ awaitingSnapshot: true, eventWhileAwaiting: false }),
      setFilterText: (filterText) => set({ filterText }),
      select: (selectedId) => set({ selectedId }),
      openDetail(id) {
        const selectedId = id ?? get().selectedId;
        if (selectedId !== null) set({ selectedId, detailOpen: true });
      },
      closeDetail: () => set({ detailOpen: false }),
      historyRequested(id, forEvaluatedAt, requestId) {
        const previous = get().history.get(id);
        const entry: SloHistoryEntry = { state: 'loading', history: previous?.history ?? null, error: null, forEvaluatedAt, requestId };
        set({ history: new Map(get().history).set(id, entry) });
      },
      historyLoaded: (id, requestId, history) => updateEntry(id, requestId, { state: 'loaded', history, error: null }),
      historyFailed: (id, requestId, message) => updateEntry(id, requestId, { state: 'error', error: message }),
    };
  });
}

export function subscribeSloStore(store: SloStore, api: Pick<OnCallApi, 'on'>): () => void {
  return api.on('slosChanged', (next) => store.getState().applyEvent(next));
}
