import { useId } from 'react';
import type { SourceHealth } from '../../../../shared/model';
import { useNow } from '../../hooks/use-now';
import { lastSuccessText, SOURCE_STATUS_LABEL } from '../../lib/source-health-text';

/** One source: status always visible; the error and warnings on hover or focus, the error always when down. */
export function SourceHealthItem({ source }: { source: SourceHealth }) {
  const now = useNow();
  const detailId = useId();
  const hasDetail = source.lastError !== null || source.warnings.length > 0;
  return (
    <li
      className="source"
      data-source={source.name}
      data-status={source.status}
      tabIndex={hasDetail ? 0 : undefined}
      aria-describedby={hasDetail ? detailId : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="source-name">{source.name}</span>
      <span className="source-status">{SOURCE_STATUS_LABEL[source.status]}</span>
      <span className="source-age">{lastSuccessText(source, now)}</span>
      {source.warnings.length > 0 && (
        <span className="source-warning-count">
          {source.warnings.length} {source.warnings.length === 1 ? 'warning' : 'warnings'}
        </span>
      )}
      {source.status === 'down' && source.lastError && <span className="source-error">{source.lastError}</span>}
      {hasDetail && (
        <span className="source-tooltip" role="tooltip" id={detailId}>
          {source.lastError && <span className="tooltip-line">Last error: {source.lastError}</span>}
          {source.warnings.map((warning, index) => (
            <span className="tooltip-line" key={index}>
              Warning: {warning}
            </span>
          ))}
        </span>
      )}
    </li>
  );
}
