import { memo } from 'react';
import type { Slo } from '../../../../shared/slo';
import { showIncident, startDeclaring } from '../../actions/incidents';
import { useIncidents, useServices } from '../../app-services';
import { draftFromSlo } from '../../lib/incident-draft';
import { isOpen } from '../../lib/incident-order';

/** "Declare incident" from this SLO, and the open incidents already declared from it. */
export const SloIncidentActions = memo(function SloIncidentActions({ slo }: { slo: Slo }) {
  const services = useServices();
  const incidents = useIncidents((state) => state.incidents);
  const linked = incidents.filter((incident) => isOpen(incident) && incident.linkedSlos.some((linkedSlo) => linkedSlo.id === slo.id));
  return (
    <div className="slo-incident-actions">
      <button
        type="button"
        className="primary-button"
        data-testid="declare-from-slo"
        onClick={() => startDeclaring(services, draftFromSlo(slo, services.runbooks.getState().runbooks))}
      >
        Declare incident
      </button>
      {linked.map((incident) => (
        <button key={incident.id} type="button" className="link-button" data-testid="slo-incident" data-incident-id={incident.id} onClick={() => showIncident(services, incident.id)}>
          {incident.severity} {incident.title} ({incident.status})
        </button>
      ))}
    </div>
  );
});
