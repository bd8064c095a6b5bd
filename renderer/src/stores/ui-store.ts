import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import { matchesFilter, parseFilter } from '../../../shared/label-matchers';
import { resumableSession } from '../lib/runbook-list-model';
import type { AlertsStore } from './alerts-store';
import type { RunbookStore } from './runbook-store';

/** The views behind the header's tabs, in tab order. */
export const VIEWS = ['alerts', 'slos', 'runbooks', 'incidents', 'silences', 'history', 'shift', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface UiState {
  view: View;
  filterText: string;
  selectedFingerprint: string | null;
  detailOpen: boolean;
  /** The last command that failed, in words, until dismissed. */
  commandError: string | null;
  /** Goes up each time the `a` key asks the open alert's acknowledge field to take the focus. */
  ackFocusRequest: number;
  setView(view: View): void;
  setFilterText(text: string): void;
  select(fingerprint: string | null): void;
  /** Opens the detail of `fingerprint`, or of the current selection when omitted. */
  openDetail(fingerprint?: string): void;
  closeDetail(): void;
  setCommandError(message: string | null): void;
  /** Opens the selected alert's detail with its acknowledge field focused; false when nothing is selected. */
  requestAcknowledge(): boolean;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set, get) => ({
    view: 'alerts',
    filterText: '',
    selectedFingerprint: null,
    detailOpen: false,
    commandError: null,
    ackFocusRequest: 0,
    setView: (view) => set({ view }),
    setFilterText: (filterText) => set({ filterText }),
    select: (selectedFingerprint) => set({ selectedFingerprint }),
    openDetail(fingerprint) {
      const selectedFingerprint = fingerprint ?? get().selectedFingerprint;
      if (selectedFingerprint !== null) set({ selectedFingerprint, detailOpen: true });
    },
    closeDetail: () => set({ detailOpen: false }),
    setCommandError: (commandError) => set({ commandError }),
    requestAcknowledge() {
      const { selectedFingerprint, ackFocusRequest } = get();
      if (selectedFingerprint === null) return false;
      set({ detailOpen: true, ackFocusRequest: ackFocusRequest + 1 });
      return true;
    },
  }));
}

/** Shows one alert: switches to the alerts view, selects it, opens its detail and drops a filter that would hide it (or cannot tell). */
export function revealAlert(ui: UiStore, alerts: AlertsStore, fingerprint: string): void {
  const { filterText, openDetail, setFilterText, setView } = ui.getState();
  setView('alerts');
  const alert = alerts.getState().alerts.get(fingerprint);
  const visible = filterText.trim() === '' || (alert !== undefined && matchesFilter(alert, parseFilter(filterText)));
  if (!visible) setFilterText('');
  openDetail(fingerprint);
}

/**
 * Shows one runbook (a deep link, oncall://runbook/<id>): switches to the runbooks view, drops a search that
 * would hide it, highlights it and opens its unfinished session if it has one. It starts no session: a
 * link from anywhere should not create state, so following it is one Enter away. An id the loaded
 * runbooks do not have is said in the error banner.
 */
export function revealRunbook(ui: UiStore, runbooks: RunbookStore, id: string): void {
  const state = runbooks.getState();
  ui.getState().setView('runbooks');
  if (state.loaded && !state.runbooks.some((runbook) => runbook.id === id)) {
    ui.getState().setCommandError(`The link asked for runbook “${id}”, which is not among the loaded runbooks.`);
    return;
  }
  const hidden = state.query.trim() !== '' && !(state.searchResults?.ids.includes(id) ?? false);
  if (hidden) state.setQuery('');
  state.select(id);
  const session = resumableSession(state.sessions, id, {});
  if (session) state.openSession(session.id);
}

export function subscribeUiStore(ui: UiStore, alerts: AlertsStore, runbooks: RunbookStore, api: Pick<OnCallApi, 'on'>): () => void {
  const unsubscribes = [api.on('focusAlert', ({ fingerprint }) => revealAlert(ui, alerts, fingerprint)), api.on('focusRunbook', ({ id }) => revealRunbook(ui, runbooks, id))];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
