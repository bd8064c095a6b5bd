import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useIncidents, useSlos, useUi } from '../../app-services';
import { PendingActionsBadge } from './PendingActionsBadge';
import { openIncidentCount, severityLevel } from '../../lib/incident-order';
import { countAtRisk } from '../../lib/slo-order';
import { VIEWS, type View } from '../../stores/ui-store';

export const VIEW_TAB_ID: Record<View, string> = {
  alerts: 'tab-alerts',
  slos: 'tab-slos',
  runbooks: 'tab-runbooks',
  incidents: 'tab-incidents',
  silences: 'tab-silences',
  history: 'tab-history',
  shift: 'tab-shift',
  settings: 'tab-settings',
};
export const VIEW_PANEL_ID: Record<View, string> = {
  alerts: 'panel-alerts',
  slos: 'panel-slos',
  runbooks: 'panel-runbooks',
  incidents: 'panel-incidents',
  silences: 'panel-silences',
  history: 'panel-history',
  shift: 'panel-shift',
  settings: 'panel-settings',
};
const VIEW_NAME: Record<View, string> = { alerts: 'Alerts', slos: 'SLOs', runbooks: 'Runbooks', incidents: 'Incidents', silences: 'Silences', history: 'History', shift: 'My shift', settings: 'Settings' };
const VIEW_KEYS: Record<View, string> = { alerts: 'g a', slos: 'g s', runbooks: 'g r', incidents: 'g i', silences: 'g m', history: 'g h', shift: 'g o', settings: 'g ,' };

/** The views as ARIA tabs: arrows, Home and End move between them (and select, as tabs do). */
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
          title={`${VIEW_NAME[name]} (key ${VIEWS.indexOf(name) + 1} or ${VIEW_KEYS[name]})`}
        >
          {name === 'settings' ? (
            // A gear keeps the one-row header at 1280 px; the name stays for screen readers.
            <>
              <span aria-hidden="true" className="tab-icon">
                ⚙
              </span>
              <span className="visually-hidden">{VIEW_NAME[name]}</span>
            </>
          ) : (
            VIEW_NAME[name]
          )}
          {name === 'slos' && <SloRiskBadge />}
          {name === 'incidents' && <OpenIncidentsBadge />}
          {name === 'silences' && <PendingActionsBadge />}
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

function OpenIncidentsBadge() {
  const incidents = useIncidents((state) => state.incidents);
  const { count, worst } = useMemo(() => openIncidentCount(incidents), [incidents]);
  if (count === 0 || worst === null) return null;
  return (
    <span className="tab-badge" data-testid="incident-tab-badge" data-level={severityLevel(worst)} data-count={count} title={`${count} open, worst ${worst}`}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">
        , {count} open {count === 1 ? 'incident' : 'incidents'}, worst {worst}
      </span>
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
