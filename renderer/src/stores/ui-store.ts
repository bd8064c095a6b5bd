import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import { matchesFilter, parseFilter } from '../../../shared/label-matchers';
import type { AlertsStore } from './alerts-store';

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

export function subscribeUiStore(ui: UiStore, alerts: AlertsStore, api: Pick<OnCallApi, 'on'>): () => void {
  return api.on('focusAlert', ({ fingerprint }) => revealAlert(ui, alerts, fingerprint));
}
