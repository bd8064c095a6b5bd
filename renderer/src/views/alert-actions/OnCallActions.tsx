import { memo, useMemo, useState } from 'react';
import { linkedAlerts, onCallServiceOf } from '../../../../shared/incident-links';
import type { Alert } from '../../../../shared/model';
import { acknowledgeEverywhere, resolveAlert } from '../../actions/acknowledge';
import { useAlerts, useServices } from '../../app-services';
import './on-call-actions.css';

const SERVICE_NAME = { pagerduty: 'PagerDuty', opsgenie: 'Opsgenie' } as const;

/** "PagerDuty #12: [FIRING:1] HighErrorRate …" or "HighErrorRate · checkout (am-prod)". */
function describe(alert: Alert): string {
  const onCall = onCallServiceOf(alert);
  if (onCall) {
    const number = alert.labels.incident ?? alert.labels.alert;
    return `${SERVICE_NAME[onCall]}${number ? ` ${number}` : ''}: ${alert.annotations.summary ?? alert.name}`;
  }
  return `${alert.name}${alert.labels.service ? ` · ${alert.labels.service}` : ''} (${alert.sources.join(', ')})`;
}

function taken(alert: Alert): boolean {
  return alert.acknowledgement !== undefined || (onCallServiceOf(alert) !== null && alert.labels.status === 'acknowledged');
}

/** Acknowledge the incident and its alerts everywhere at once; resolve (close) it in PagerDuty (Opsgenie). */
export const OnCallActions = memo(function OnCallActions({ alert }: { alert: Alert }) {
  const alerts = useAlerts((state) => state.alerts);
  const linked = useMemo(() => linkedAlerts(alert, [...alerts.values()]), [alert, alerts]);
  const service = onCallServiceOf(alert);
  if (linked.length === 0 && service === null) return null;
  return (
    <div className="oncall-actions" data-testid="oncall-actions">
      {linked.length > 0 ? <AcknowledgeEverywhere alert={alert} linked={linked} /> : null}
      {service ? <ResolveButton alert={alert} service={service} /> : null}
    </div>
  );
});

function AcknowledgeEverywhere({ alert, linked }: { alert: Alert; linked: Alert[] }) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const open = [alert, ...linked].filter((candidate) => !taken(candidate));
  return (
    <div className="ack-everywhere" data-testid="ack-everywhere">
      <p className="ack-everywhere-title">Linked: "Acknowledge everywhere" takes all of these together</p>
      <ul className="ack-everywhere-list" data-testid="ack-everywhere-list">
        {[alert, ...linked].map((candidate) => (
          <li key={candidate.fingerprint} data-testid="ack-everywhere-item">
            {describe(candidate)}
            {taken(candidate) ? <span className="ack-everywhere-taken"> — acknowledged</span> : null}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary-button"
        data-testid="acknowledge-everywhere"
        disabled={busy || open.length === 0}
        onClick={() => {
          setBusy(true);
          void acknowledgeEverywhere(services, alert.fingerprint, '').finally(() => setBusy(false));
        }}
      >
        {open.length === 0 ? 'All acknowledged' : busy ? 'Acknowledging…' : `Acknowledge everywhere (${open.length})`}
      </button>
    </div>
  );
}

/** Resolving ends the incident for everyone: one more press to confirm. */
function ResolveButton({ alert, service }: { alert: Alert; service: 'pagerduty' | 'opsgenie' }) {
  const services = useServices();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = service === 'pagerduty' ? 'Resolve in PagerDuty' : 'Close in Opsgenie';
  if (!confirming) {
    return (
      <div className="alert-action-buttons">
        <button type="button" data-testid="resolve-alert" onClick={() => setConfirming(true)}>
          {label}…
        </button>
      </div>
    );
  }
  return (
    <div className="alert-action-buttons" role="group" aria-label={label}>
      <span>{service === 'pagerduty' ? 'Resolve this incident for everyone?' : 'Close this alert for everyone?'}</span>
      <button
        type="button"
        className="primary-button"
        data-testid="confirm-resolve"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void resolveAlert(services, alert.fingerprint).then((done) => {
            setBusy(false);
            if (done) setConfirming(false);
          });
        }}
      >
        {label}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </div>
  );
}
