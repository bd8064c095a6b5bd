import { useAlerts, useSilences, useUi } from '../../app-services';
import { AlertHistorySection } from '../alert-history/AlertHistorySection';
import { SilenceForm } from '../silence-form/SilenceForm';
import { AlertDetailBody } from './AlertDetailBody';

const TITLE_ID = 'alert-detail-title';

export function AlertDetail() {
  const open = useUi((state) => state.detailOpen);
  const fingerprint = useUi((state) => state.selectedFingerprint);
  const closeDetail = useUi((state) => state.closeDetail);
  const alert = useAlerts((state) => (fingerprint === null ? undefined : state.alerts.get(fingerprint)));
  const form = useSilences((state) => (state.form !== null && state.form.fingerprint === fingerprint ? state.form : null));
  if (!open || fingerprint === null) return null;
  if (form) return <SilenceForm key={form.key} initial={form.draft} className="alert-detail" />;
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
        <>
          <p className="detail-gone">This alert has resolved or no source reports it any more.</p>
          <AlertHistorySection fingerprint={fingerprint} episodeMark={null} />
        </>
      )}
    </section>
  );
}
