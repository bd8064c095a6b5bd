import { useCallback, useEffect } from 'react';
import { useIncidents, useServices } from '../../app-services';
import { incidentOptionId } from '../../lib/dom-id';
import { selectIncidentList } from '../../lib/incident-order';
import { EmptyState } from '../common/EmptyState';
import { IncidentRow } from './IncidentRow';

/** Open incidents first (most severe, then newest), then resolved ones. */
export function IncidentList() {
  const { incidents: store } = useServices();
  const incidents = useIncidents((state) => state.incidents);
  const loaded = useIncidents((state) => state.loaded);
  const selected = useIncidents((state) => state.selectedId);
  const model = selectIncidentList(incidents);
  const selectedVisible = selected !== null && model.indexById.has(selected);

  useEffect(() => {
    if (selected === null) return;
    document.getElementById(incidentOptionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const activate = useCallback((id: string) => store.getState().openDetail(id), [store]);

  if (!loaded) return <EmptyState testId="incident-empty" kind="loading" title="Loading incidents…" />;
  if (model.rows.length === 0) {
    return (
      <EmptyState testId="incident-empty" kind="no-incidents" title="No incidents">
        Declare one by hand, or from an alert or an SLO; its timeline then writes itself.
      </EmptyState>
    );
  }
  return (
    <div
      className="incident-list"
      data-testid="incident-list"
      role="listbox"
      aria-label="Incidents, open ones first"
      tabIndex={0}
      aria-activedescendant={selectedVisible ? incidentOptionId(selected) : undefined}
    >
      {model.rows.map((incident, index) => (
        <IncidentRow key={incident.id} incident={incident} selected={incident.id === selected} position={index + 1} setSize={model.rows.length} onActivate={activate} />
      ))}
    </div>
  );
}
