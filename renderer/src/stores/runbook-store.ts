import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { RunbookDocument, RunbookSession, RunbookSet, RunbookSummary } from '../../../shared/runbook';
import type { RunbookSearchResults } from '../lib/runbook-list-model';

export interface RunbookDocumentEntry {
  state: 'loading' | 'loaded' | 'error';
  /** The latest document received; kept while a newer one loads, so the guide does not blank. */
  document: RunbookDocument | null;
  error: string | null;
  /** The runbooks changed since it was fetched: it is fetched again when next shown. */
  stale: boolean;
  /** Only the answer to the latest request is kept. */
  requestId: number;
}

export interface RunbookState {
  runbooks: readonly RunbookSummary[];
  sessions: readonly RunbookSession[];
  /** Runbook folders or files that could not be read, in the engine's words. */
  errors: readonly string[];
  /** False until the first set arrived (snapshot or event). */
  loaded: boolean;
  /** True from each (re)connect until its snapshot. */
  awaitingSnapshot: boolean;
  /** A `runbooksChanged` arrived while awaiting the snapshot: it is at least as new, so it wins. */
  eventWhileAwaiting: boolean;
  /**
   * How many sets the engine pushed. A command's answer is applied only if none arrived since the
   * command was sent: otherwise the pushed set is as new or newer, and the answer may be older.
   */
  eventCount: number;
  /** Runbook documents fetched with `getRunbook`, by id. */
  documents: ReadonlyMap<string, RunbookDocumentEntry>;
  query: string;
  searchResults: RunbookSearchResults | null;
  searchError: string | null;
  /** The latest search request; older answers are dropped. */
  searchRequestId: number;
  /** The highlighted row of the list. */
  selectedId: string | null;
  /** The session shown in guided mode in the Runbooks view. */
  openSessionId: string | null;
  applySnapshot(set: RunbookSet): void;
  applyEvent(set: RunbookSet): void;
  beginResync(): void;
  /** A command's answer, applied only if no set arrived since `sentAt` (an `eventCount`). */
  applySessionAnswer(session: RunbookSession, sentAt: number): void;
  /** Shows a check's new state before the engine confirms it; the next set has the truth. */
  setCheckLocally(sessionId: string, stepId: string, checkId: string, done: boolean): void;
  setQuery(query: string): void;
  searchRequested(requestId: number): void;
  /** False when the answer is for an outdated request and was dropped. */
  searchAnswered(requestId: number, results: RunbookSearchResults): boolean;
  searchFailed(requestId: number, message: string): boolean;
  select(id: string | null): void;
  openSession(sessionId: string): void;
  closeSession(): void;
  documentRequested(id: string, requestId: number): void;
  documentLoaded(id: string, requestId: number, document: RunbookDocument): boolean;
  documentFailed(id: string, requestId: number, message: string): boolean;
}

export type RunbookStore = StoreApi<RunbookState>;

/**
 * Whether a pushed set may change what the runbook documents say: the runbooks or the folder
 * errors changed, or nothing about the sessions did (so a file was reloaded, perhaps only its
 * body). A set that only moved sessions along (a check, a step) leaves the documents alone.
 */
export function documentsMayHaveChanged(
  before: { runbooks: readonly RunbookSummary[]; sessions: readonly RunbookSession[]; errors: readonly string[] },
  after: RunbookSet,
): boolean {
  if (JSON.stringify(before.runbooks) !== JSON.stringify(after.runbooks)) return true;
  if (JSON.stringify(before.errors) !== JSON.stringify(after.errors)) return true;
  return JSON.stringify(before.sessions) === JSON.stringify(after.sessions);
}

function markStale(documents: ReadonlyMap<string, RunbookDocumentEntry>, runbooks: readonly RunbookSummary[]): ReadonlyMap<string, RunbookDocumentEntry> {
  const ids = new Set(runbooks.map((runbook) => runbook.id));
  const next = new Map<string, RunbookDocumentEntry>();
  // Documents of runbooks that went away are forgotten; the others are fetched again when shown.
  for (const [id, entry] of documents) if (ids.has(id)) next.set(id, { ...entry, stale: true });
  return next;
}

export function createRunbookStore(): RunbookStore {
  return createStore<RunbookState>()((set, get) => {
    // The last set the engine sent: pushed sets are compared with it, not with the state, which may
    // already hold a command's answer or a check ticked ahead of the engine.
    let lastPushed: RunbookSet | null = null;
    const replaceSet = (next: RunbookSet) => {
      const state = get();
      const documents = lastPushed === null || documentsMayHaveChanged(lastPushed, next) ? markStale(state.documents, next.runbooks) : state.documents;
      lastPushed = next;
      set({ runbooks: next.runbooks, sessions: next.sessions, errors: next.errors, loaded: true, documents });
    };
    const updateDocument = (id: string, requestId: number, change: Partial<RunbookDocumentEntry>): boolean => {
      const entry = get().documents.get(id);
      if (!entry || entry.requestId !== requestId) return false;
      set({ documents: new Map(get().documents).set(id, { ...entry, ...change }) });
      return true;
    };
    return {
      runbooks: [],
      sessions: [],
      errors: [],
      loaded: false,
      awaitingSnapshot: true,
      eventWhileAwaiting: false,
      eventCount: 0,
      documents: new Map(),
      query: '',
      searchResults: null,
      searchError: null,
      searchRequestId: 0,
      selectedId: null,
      openSessionId: null,
      applySnapshot(snapshot) {
        // An event that came in meanwhile was sent after the reconnect: it is at least as new.
        if (!(get().awaitingSnapshot && get().eventWhileAwaiting)) replaceSet(snapshot);
        set({ awaitingSnapshot: false, eventWhileAwaiting: false });
      },
      applyEvent(next) {
        replaceSet(next);
        set({ eventCount: get().eventCount + 1 });
        if (get().awaitingSnapshot) set({ eventWhileAwaiting: true });
      },
      beginResync: () => set({ awaitingSnapshot: true, eventWhileAwaiting: false }),
      applySessionAnswer(session, sentAt) {
        if (get().eventCount !== sentAt) return;
        const sessions = get().sessions;
        const index = sessions.findIndex((candidate) => candidate.id === session.id);
        set({ sessions: index < 0 ? [session, ...sessions] : sessions.map((candidate, i) => (i === index ? session : candidate)) });
      },
      setCheckLocally(sessionId, stepId, checkId, done) {
        set({
          sessions: get().sessions.map((session) => {
            if (session.id !== sessionId) return session;
            const current = session.checks[stepId] ?? [];
            const checks = { ...session.checks, [stepId]: done ? [...current.filter((id) => id !== checkId), checkId] : current.filter((id) => id !== checkId) };
            return { ...session, checks };
          }),
        });
      },
      setQuery: (query) => set({ query }),
      searchRequested: (searchRequestId) => set({ searchRequestId }),
      searchAnswered(requestId, searchResults) {
        if (requestId !== get().searchRequestId) return false;
        set({ searchResults, searchError: null });
        return true;
      },
      searchFailed(requestId, message) {
        if (requestId !== get().searchRequestId) return false;
        set({ searchError: message });
        return true;
      },
      select: (selectedId) => set({ selectedId }),
      openSession: (openSessionId) => set({ openSessionId }),
      closeSession: () => set({ openSessionId: null }),
      documentRequested(id, requestId) {
        const previous = get().documents.get(id);
        const entry: RunbookDocumentEntry = { state: 'loading', document: previous?.document ?? null, error: null, stale: false, requestId };
        set({ documents: new Map(get().documents).set(id, entry) });
      },
      documentLoaded: (id, requestId, document) => updateDocument(id, requestId, { state: 'loaded', document, error: null }),
      documentFailed: (id, requestId, message) => updateDocument(id, requestId, { state: 'error', error: message }),
    };
  });
}

export function subscribeRunbookStore(store: RunbookStore, api: Pick<OnCallApi, 'on'>): () => void {
  return api.on('runbooksChanged', (next) => store.getState().applyEvent(next));
}
