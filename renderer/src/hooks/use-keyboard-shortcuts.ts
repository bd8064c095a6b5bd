import { useEffect, type RefObject } from 'react';
import { useServices } from '../app-services';
import { selectAlertList } from '../lib/alert-list-selector';
import { stepSelection } from '../lib/list-navigation';
import { shortcutFor, type KeyTarget } from '../lib/shortcuts';

/** `/` filter, Escape leave/close, j/k and arrows move, Enter opens: one window-level listener. */
export function useKeyboardShortcuts(filterInput: RefObject<HTMLInputElement | null>): void {
  const { alerts, engine, ui } = useServices();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const { key, ctrlKey, metaKey, altKey } = event;
      const action = shortcutFor({ key, ctrlKey, metaKey, altKey, target: keyTargetOf(event.target) });
      if (!action) return;
      const state = ui.getState();
      const move = (direction: 1 | -1) => {
        const model = selectAlertList(alerts.getState().alerts, state.filterText, engine.getState().preferences.groupBy);
        state.select(stepSelection(model, state.selectedFingerprint, direction));
      };
      switch (action) {
        case 'focus-filter':
          filterInput.current?.focus();
          break;
        case 'leave-input':
          if (event.target instanceof HTMLElement) event.target.blur();
          break;
        case 'close-detail':
          if (!state.detailOpen) return;
          state.closeDetail();
          break;
        case 'next':
          move(1);
          break;
        case 'previous':
          move(-1);
          break;
        case 'open-detail':
          if (state.selectedFingerprint === null) return;
          state.openDetail();
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [alerts, engine, ui, filterInput]);
}

function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target.matches('input, textarea, select')) return 'editable';
  if (target.matches('button, a[href], summary, [role="button"], [role="link"]')) return 'activatable';
  return 'other';
}
