import { useAlerts, useUi } from '../../app-services';
import { AlertDetailBody } from './AlertDetailBody';

const TITLE_ID = 'alert-detail-title';

export function AlertDetail() {
  const open = useUi((state) => state.detailOpen);
  const fingerprint = useUi((state) => state.selectedFingerprint);
  const closeDetail = useUi((state) => state.closeDetail);
  const alert = useAlerts((state) => (fingerprint === null ? undefined : state.alerts.get(fingerprint)));
  if (!open || fingerprint === null) return null;
  return (
    <section className="alert-detail" data-testid="alert-detail" data-fingerprint={fingerprint} aria-labelledby={TITLE_ID}>
      <div className="detail-header">
        <h2 id={TITLE_ID}>{alert?.name ?? 'Alert no longer reported'}</h2>
        <button type="button" className="detail-close" data-testid="detail-close" aria-label="Close alert details" onClick={closeDetail}>
          Close
        </button>
      </div>
      {alert ? (
        <AlertDetailBody alert={alert} />
      ) : (
        <p className="detail-gone">This alert has resolved or no source reports it any more.</p>
      )}
    </section>
  );
}
