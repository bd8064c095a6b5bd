import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useSlos, useUi } from '../../app-services';
import { countAtRisk } from '../../lib/slo-order';
import type { View } from '../../stores/ui-store';

export const VIEW_TAB_ID: Record<View, string> = { alerts: 'tab-alerts', slos: 'tab-slos' };
export const VIEW_PANEL_ID: Record<View, string> = { alerts: 'panel-alerts', slos: 'panel-slos' };
const VIEWS: readonly View[] = ['alerts', 'slos'];

/** The two views as ARIA tabs: arrows, Home and End move between them (and select, as tabs do). */
export function ViewTabs() {
  const view = useUi((state) => state.view);
  const setView = useUi((state) => state.setView);
  const tabs = useRef(new Map<View, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = tabAfterKey(view, event.key);
    if (!target) return;
    event.preventDefault();
    setView(target);
    tabs.current.get(target)?.focus();
  };

  return (
    <div className="view-tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {VIEWS.map((name) => (
        <button
          key={name}
          ref={(element) => {
            if (element) tabs.current.set(name, element);
            else tabs.current.delete(name);
          }}
          type="button"
          role="tab"
          id={VIEW_TAB_ID[name]}
          data-testid={VIEW_TAB_ID[name]}
          className="view-tab"
          aria-selected={view === name}
          // Only the shown panel exists, so only the selected tab points at one.
          aria-controls={view === name ? VIEW_PANEL_ID[name] : undefined}
          tabIndex={view === name ? 0 : -1}
          onClick={() => setView(name)}
          title={`${name === 'alerts' ? 'Alerts' : 'SLOs'} (key ${VIEWS.indexOf(name) + 1})`}
        >
          {name === 'alerts' ? 'Alerts' : 'SLOs'}
          {name === 'slos' && <SloRiskBadge />}
        </button>
      ))}
    </div>
  );
}

function SloRiskBadge() {
  const slos = useSlos((state) => state.slos);
  const { page, ticket } = useMemo(() => countAtRisk(slos), [slos]);
  const count = page + ticket;
  if (count === 0) return null;
  const words = [page > 0 ? `${page} at page` : '', ticket > 0 ? `${ticket} at ticket` : ''].filter(Boolean).join(', ');
  return (
    <span className="tab-badge" data-testid="slo-tab-badge" data-level={page > 0 ? 'page' : 'ticket'} data-count={count} title={`SLOs: ${words}`}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">, {count} need attention: {words}</span>
    </span>
  );
}

/** The tab an arrow, Home or End key moves to (wrapping around), or undefined for other keys. */
function tabAfterKey(current: View, key: string): View | undefined {
  const index = VIEWS.indexOf(current);
  switch (key) {
    case 'ArrowRight':
      return VIEWS[(index + 1) % VIEWS.length];
    case 'ArrowLeft':
      return VIEWS[(index - 1 + VIEWS.length) % VIEWS.length];
    case 'Home':
      return VIEWS[0];
    case 'End':
      return VIEWS[VIEWS.length - 1];
    default:
      return undefined;
  }
}
