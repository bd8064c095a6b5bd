import type { SloStatus } from '../../../../shared/slo';
import { SLO_STATUS_LABEL } from '../../lib/slo-format';

export function SloStatusBadge({ status }: { status: SloStatus }) {
  return (
    <span className={`slo-status-badge slo-status-${status}`} data-testid="slo-status">
      {SLO_STATUS_LABEL[status]}
    </span>
  );
}
