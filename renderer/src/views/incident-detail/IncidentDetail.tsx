import { useIncidents } from '../../app-services';
import { IncidentDetailBody } from './IncidentDetailBody';

const TITLE_ID = 'incident-detail-title';

export function IncidentDetail() {
  const open = useIncidents((state) => state.detailOpen);
  const id = useIncidents((state) => state.selectedId);
  const closeDetail = useIncidents((state) => state.closeDetail);
  const incident = useIncidents((state) => (id === null ? undefined : state.incidents.find((candidate) => candidate.id === id)));
  if (!open || id === null) return null;
  return (
    <section className="incident-pane incident-detail" data-testid="incident-detail" data-incident-id={id} data-status={incident?.status} aria-labelledby={TITLE_ID}>
      <div className="detail-header">
        <h2 id={TITLE_ID} data-testid="incident-detail-title">
          {incident?.title ?? 'Incident no longer known'}
        </h2>
        <button type="button" className="detail-close" data-testid="incident-detail-close" aria-label="Close incident details" onClick={closeDetail}>
          Close
        </button>
      </div>
      {incident ? <IncidentDetailBody key={incident.id} incident={incident} /> : <p className="detail-gone">The engine no longer lists this incident.</p>}
    </section>
  );
}
