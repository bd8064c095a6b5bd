import { useEffect, type RefObject } from 'react';
import { followRunbook } from '../actions/runbooks';
import { useServices, type AppServices } from '../app-services';
import { selectAlertList } from '../lib/alert-list-selector';
import { selectHistoryList, stepHistorySelection } from '../lib/history-list-model';
import { selectIncidentList, stepIncidentSelection } from '../lib/incident-order';
import { stepSelection } from '../lib/list-navigation';
import { selectRunbookList, stepRunbookSelection } from '../lib/runbook-list-model';
import { PREFIX_TIMEOUT_MS, shortcutFor, type KeyTarget } from '../lib/shortcuts';
import { selectSloList, stepSloSelection } from '../lib/slo-list-model';
import type { View } from '../stores/ui-store';

/** What the list keys do in one view: move the selection, open it, close what is open. */
interface ListKeys {
  move(direction: 1 | -1): void;
  /** False when nothing is selected, so Enter keeps its usual meaning. */
  open(): boolean;
  /** False when nothing is open, so Escape keeps its usual meaning. */
  close(): boolean;
}

function listKeys(services: AppServices, view: View): ListKeys {
  const { alerts, engine, ui, slos, runbooks, incidents, silences, history } = services;
  switch (view) {
    case 'alerts': {
      const state = ui.getState();
      return {
        move: (direction) => {
          const model = selectAlertList(alerts.getState().alerts, state.filterText, engine.getState().preferences.groupBy);
          state.select(stepSelection(model, state.selectedFingerprint, direction));
        },
        open: () => state.selectedFingerprint !== null && (state.openDetail(), true),
        close: () => {
          // A "Silence…" form open in the detail closes first, back to the detail.
          const form = silences.getState().form;
          if (state.detailOpen && form !== null && form.fingerprint === state.selectedFingerprint) return (silences.getState().closeForm(), true);
          return state.detailOpen && (state.closeDetail(), true);
        },
      };
    }
    case 'slos': {
      const state = slos.getState();
      return {
        move: (direction) => state.select(stepSloSelection(selectSloList(state.slos, state.filterText), state.selectedId, direction)),
        open: () => state.selectedId !== null && (state.openDetail(), true),
        close: () => state.detailOpen && (state.closeDetail(), true),
      };
    }
    case 'runbooks': {
      const state = runbooks.getState();
      return {
        move: (direction) => state.select(stepRunbookSelection(selectRunbookList(state.runbooks, state.query, state.searchResults), state.selectedId, direction)),
        open: () => state.selectedId !== null && (void followRunbook(services, state.selectedId), true),
        close: () => state.openSessionId !== null && (state.closeSession(), true),
      };
    }
    case 'incidents': {
      const state = incidents.getState();
      return {
        move: (direction) => state.select(stepIncidentSelection(selectIncidentList(state.incidents), state.selectedId, direction)),
        open: () => state.selectedId !== null && (state.openDetail(), true),
        close: () => (state.detailOpen || state.draft !== null) && (state.closeDetail(), true),
      };
    }
    case 'silences': {
      // Silences are a few buttons per row, reached with Tab; Escape closes the "New silence" form.
      const state = silences.getState();
      return {
        move: () => undefined,
        open: () => false,
        close: () => state.form !== null && state.form.fingerprint === null && (state.closeForm(), true),
      };
    }
    case 'history': {
      const state = history.getState();
      return {
        move: (direction) => state.select(stepHistorySelection(selectHistoryList(state.search.episodes), state.selectedKey, direction)),
        open: () => state.selectedKey !== null && (state.openDetail(), true),
        close: () => state.detailOpen && (state.closeDetail(), true),
      };
    }
    case 'shift':
    case 'settings':
      // Forms and sections, not lists: the list keys do nothing there.
      return { move: () => undefined, open: () => false, close: () => false };
  }
}

const SHOW: Partial<Record<string, View>> = {
  'show-alerts': 'alerts',
  'show-slos': 'slos',
  'show-runbooks': 'runbooks',
  'show-incidents': 'incidents',
  'show-silences': 'silences',
  'show-history': 'history',
  'show-shift': 'shift',
  'show-settings': 'settings',
};

/**
 * One window-level listener: `/` filter (or search), Escape leave/close, j/k and arrows move,
 * Enter opens (in whichever view shows), `a` acknowledges the selected alert, `1`–`8` or
 * `g a`/`g s`/`g r`/`g i`/`g m`/`g h`/`g o`/`g ,` switch views.
 * `filterInput` is the filter of the view on screen. Guided mode has its own keys (n/b), handled
 * where it shows.
 */
export function useKeyboardShortcuts(filterInput: RefObject<HTMLInputElement | null>): void {
  const services = useServices();
  useEffect(() => {
    let prefixAt: number | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { key, ctrlKey, metaKey, altKey } = event;
      const pending = prefixAt !== null && event.timeStamp - prefixAt <= PREFIX_TIMEOUT_MS ? 'g' : null;
      prefixAt = null;
      const action = shortcutFor({ key, ctrlKey, metaKey, altKey, target: keyTargetOf(event.target) }, pending);
      if (!action) return;
      const keys = listKeys(services, services.ui.getState().view);
      const show = SHOW[action];
      if (show) {
        services.ui.getState().setView(show);
        event.preventDefault();
        return;
      }
      switch (action) {
        case 'prefix-g':
          prefixAt = event.timeStamp;
          break;
        case 'focus-filter':
          if (!filterInput.current) return;
          filterInput.current.focus();
          break;
        case 'leave-input':
          if (event.target instanceof HTMLElement) event.target.blur();
          break;
        case 'close-detail':
          if (!keys.close()) return;
          break;
        case 'next':
          keys.move(1);
          break;
        case 'previous':
          keys.move(-1);
          break;
        case 'open-detail':
          if (!keys.open()) return;
          break;
        case 'acknowledge':
          if (services.ui.getState().view !== 'alerts' || !services.ui.getState().requestAcknowledge()) return;
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [services, filterInput]);
}

function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target.matches('input, textarea, select')) return 'editable';
  if (target.matches('button, a[href], summary, [role="button"], [role="link"], [role="tab"]')) return 'activatable';
  return 'other';
}
