import { useSlos } from '../../app-services';
import { SloDetailBody } from './SloDetailBody';

const TITLE_ID = 'slo-detail-title';

export function SloDetail() {
  const open = useSlos((state) => state.detailOpen);
  const id = useSlos((state) => state.selectedId);
  const closeDetail = useSlos((state) => state.closeDetail);
  const slo = useSlos((state) => (id === null ? undefined : state.slos.find((candidate) => candidate.id === id)));
  if (!open || id === null) return null;
  return (
    <section className="slo-detail" data-testid="slo-detail" data-slo-id={id} aria-labelledby={TITLE_ID}>
      <div className="detail-header">
        <h2 id={TITLE_ID}>{slo?.displayName ?? 'SLO no longer defined'}</h2>
        <button type="button" className="detail-close" data-testid="slo-detail-close" aria-label="Close SLO details" onClick={closeDetail}>
          Close
        </button>
      </div>
      {slo ? <SloDetailBody slo={slo} /> : <p className="detail-gone">This SLO was removed from the configuration or its file no longer loads.</p>}
    </section>
  );
}
