import { useEffect, type RefObject } from 'react';
import { useServices } from '../app-services';
import { selectAlertList } from '../lib/alert-list-selector';
import { stepSelection } from '../lib/list-navigation';
import { PREFIX_TIMEOUT_MS, shortcutFor, type KeyTarget } from '../lib/shortcuts';
import { selectSloList, stepSloSelection } from '../lib/slo-list-model';

/**
 * One window-level listener: `/` filter, Escape leave/close, j/k and arrows move, Enter opens
 * (in whichever view shows), `1`/`2` or `g a`/`g s` switch views. `filterInput` is the filter of
 * the view on screen.
 */
export function useKeyboardShortcuts(filterInput: RefObject<HTMLInputElement | null>): void {
  const { alerts, engine, ui, slos } = useServices();
  useEffect(() => {
    let prefixAt: number | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { key, ctrlKey, metaKey, altKey } = event;
      const pending = prefixAt !== null && event.timeStamp - prefixAt <= PREFIX_TIMEOUT_MS ? 'g' : null;
      prefixAt = null;
      const action = shortcutFor({ key, ctrlKey, metaKey, altKey, target: keyTargetOf(event.target) }, pending);
      if (!action) return;
      const state = ui.getState();
      const sloState = slos.getState();
      const inSlos = state.view === 'slos';
      const move = (direction: 1 | -1) => {
        if (inSlos) {
          sloState.select(stepSloSelection(selectSloList(sloState.slos, sloState.filterText), sloState.selectedId, direction));
        } else {
          const model = selectAlertList(alerts.getState().alerts, state.filterText, engine.getState().preferences.groupBy);
          state.select(stepSelection(model, state.selectedFingerprint, direction));
        }
      };
      switch (action) {
        case 'prefix-g':
          prefixAt = event.timeStamp;
          break;
        case 'show-alerts':
          state.setView('alerts');
          break;
        case 'show-slos':
          state.setView('slos');
          break;
        case 'focus-filter':
          filterInput.current?.focus();
          break;
        case 'leave-input':
          if (event.target instanceof HTMLElement) event.target.blur();
          break;
        case 'close-detail':
          if (inSlos ? !sloState.detailOpen : !state.detailOpen) return;
          if (inSlos) sloState.closeDetail();
          else state.closeDetail();
          break;
        case 'next':
          move(1);
          break;
        case 'previous':
          move(-1);
          break;
        case 'open-detail':
          if ((inSlos ? sloState.selectedId : state.selectedFingerprint) === null) return;
          if (inSlos) sloState.openDetail();
          else state.openDetail();
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [alerts, engine, ui, slos, filterInput]);
}

function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target.matches('input, textarea, select')) return 'editable';
  if (target.matches('button, a[href], summary, [role="button"], [role="link"], [role="tab"]')) return 'activatable';
  return 'other';
}
