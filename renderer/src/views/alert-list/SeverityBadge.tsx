import type { Severity } from '../../../../shared/severity';
import { SEVERITY_LABEL } from '../../lib/severity-labels';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`severity-badge severity-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}
