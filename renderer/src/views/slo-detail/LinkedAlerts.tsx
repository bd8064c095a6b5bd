import { memo, useMemo } from 'react';
import type { Slo } from '../../../../shared/slo';
import { useAlerts, useServices } from '../../app-services';
import { linkedAlerts, linkLabels, runbookLinks } from '../../lib/slo-alerts';
import { revealAlert } from '../../stores/ui-store';
import { SeverityBadge } from '../alert-list/SeverityBadge';
import { ExternalLink } from '../detail/ExternalLink';
import { SloRunbooks } from './SloRunbooks';

/** Firing alerts that share the SLO's labels (a click shows one in the Alerts view), and their runbooks. */
export const LinkedAlerts = memo(function LinkedAlerts({ slo }: { slo: Slo }) {
  const { ui, alerts: alertsStore } = useServices();
  const alerts = useAlerts((state) => state.alerts);
  const linked = useMemo(() => linkedAlerts(slo, alerts.values()), [slo, alerts]);
  // Web runbooks only: local files are in the catalog and offered below in guided mode.
  const runbooks = useMemo(() => runbookLinks(slo, linked).filter((runbook) => /^https?:\/\//i.test(runbook.url)), [slo, linked]);
  const labels = Object.entries(linkLabels(slo))
    .map(([name, value]) => `${name}="${value}"`)
    .join(', ');
  return (
    <section className="slo-linked" data-testid="slo-linked-alerts" aria-labelledby="slo-linked-title">
      <h3 id="slo-linked-title">Linked alerts</h3>
      <p className="slo-linked-how">{labels ? `Firing alerts matching ${labels}.` : 'This SLO has no labels to link alerts by.'}</p>
      {labels && linked.length === 0 && <p className="kv-empty">None firing.</p>}
      {linked.length > 0 && (
        <ul className="linked-alert-list">
          {linked.map((alert) => (
            <li key={alert.fingerprint}>
              <button
                type="button"
                className="linked-alert"
                data-testid="slo-linked-alert"
                data-fingerprint={alert.fingerprint}
                onClick={() => revealAlert(ui, alertsStore, alert.fingerprint)}
              >
                <SeverityBadge severity={alert.severity} />
                <span className="linked-alert-name">{alert.name}</span>
                <span className="linked-alert-summary">{alert.annotations.summary ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <SloRunbooks slo={slo} linked={linked} />
      {runbooks.length > 0 && (
        <>
          <h4>Runbook pages</h4>
          <ul className="runbook-list">
            {runbooks.map((runbook) => (
              <li key={runbook.url}>
                <ExternalLink url={runbook.url} testId="slo-runbook-link">
                  {runbook.url}
                </ExternalLink>{' '}
                <span className="detail-age">({runbook.from})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
});
