import { useMemo } from 'react';
import { SEVERITIES } from '../../../../shared/severity';
import { useAlerts } from '../../app-services';
import { countFiringBySeverity } from '../../lib/severity-counts';
import { SEVERITY_LABEL } from '../../lib/severity-labels';

/** Short words keep the header on one row; each count's full name is its accessible name. */
const SHORT_LABEL = { critical: 'crit', warning: 'warn', info: 'info', none: 'none' } as const;

export function SeverityCounts() {
  const alerts = useAlerts((state) => state.alerts);
  const counts = useMemo(() => countFiringBySeverity(alerts.values()), [alerts]);
  return (
    <ul className="severity-counts" data-testid="severity-counts" aria-label="Firing alerts by severity">
      {/* Alerts without a severity label are rare; their count shows only when there are some. */}
      {SEVERITIES.filter((severity) => severity !== 'none' || counts.none > 0).map((severity) => (
        <li
          key={severity}
          className={counts[severity] > 0 ? 'severity-count active' : 'severity-count'}
          data-severity={severity}
          data-count={counts[severity]}
          aria-label={`${counts[severity]} ${SEVERITY_LABEL[severity]} firing`}
          title={`${counts[severity]} ${SEVERITY_LABEL[severity]} firing`}
        >
          <span className="count">{counts[severity]}</span> <span className="name">{SHORT_LABEL[severity]}</span>
        </li>
      ))}
    </ul>
  );
}
