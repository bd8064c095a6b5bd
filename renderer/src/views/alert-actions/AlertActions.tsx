import { memo } from 'react';
import type { Alert } from '../../../../shared/model';
import { openSilenceForm } from '../../actions/silences';
import { useServices } from '../../app-services';
import { AcknowledgementStatus } from './AcknowledgementStatus';
import { AcknowledgeForm } from './AcknowledgeForm';
import { AlertOutbox } from './AlertOutbox';
import { OnCallActions } from './OnCallActions';

/** Acknowledge, silence, and what became of both upstream. */
export const AlertActions = memo(function AlertActions({ alert }: { alert: Alert }) {
  const services = useServices();
  return (
    <section className="alert-actions" data-testid="alert-actions" aria-labelledby="alert-actions-title">
      <h3 id="alert-actions-title">Acknowledge and silence</h3>
      {alert.acknowledgement ? (
        <AcknowledgementStatus fingerprint={alert.fingerprint} acknowledgement={alert.acknowledgement} />
      ) : (
        <AcknowledgeForm fingerprint={alert.fingerprint} />
      )}
      <OnCallActions alert={alert} />
      <div className="alert-action-buttons">
        <button type="button" data-testid="silence-alert" onClick={() => openSilenceForm(services, alert)}>
          Silence…
        </button>
      </div>
      <AlertOutbox alert={alert} />
    </section>
  );
});
