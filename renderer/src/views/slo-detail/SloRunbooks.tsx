import { memo, useMemo } from 'react';
import type { Alert } from '../../../../shared/model';
import { runbooksForAlert } from '../../../../shared/runbook-matching';
import type { Slo } from '../../../../shared/slo';
import { followRunbook } from '../../actions/runbooks';
import { useRunbooks, useServices } from '../../app-services';

/** The catalog's runbooks for this SLO: those matching its labels (service, …), then those of its firing alerts. */
export const SloRunbooks = memo(function SloRunbooks({ slo, linked }: { slo: Slo; linked: Alert[] }) {
  const services = useServices();
  const runbooks = useRunbooks((state) => state.runbooks);
  const matches = useMemo(() => {
    const seen = new Map<string, { id: string; title: string; alert: Alert | null }>();
    for (const { runbook } of runbooksForAlert(runbooks, { name: slo.name, labels: slo.labels, annotations: {} })) seen.set(runbook.id, { ...runbook, alert: null });
    for (const alert of linked) {
      for (const { runbook } of runbooksForAlert(runbooks, alert)) if (!seen.has(runbook.id)) seen.set(runbook.id, { ...runbook, alert });
    }
    return [...seen.values()];
  }, [runbooks, slo, linked]);
  if (matches.length === 0) return null;
  return (
    <>
      <h4>Runbooks</h4>
      <ul className="linked-list" data-testid="slo-runbooks">
        {matches.map((match) => (
          <li key={match.id} className="alert-runbook" data-testid="slo-runbook" data-runbook-id={match.id}>
            <span className="linked-runbook-title">{match.title}</span>
            {match.alert && <span className="detail-age">for {match.alert.name}</span>}
            <button
              type="button"
              data-testid="slo-follow-runbook"
              aria-label={`Follow ${match.title} in guided mode`}
              onClick={() => void followRunbook(services, match.id, match.alert ? { alertFingerprint: match.alert.fingerprint } : {})}
            >
              Follow
            </button>
          </li>
        ))}
      </ul>
    </>
  );
});
