import { useId } from 'react';
import type { SourceHealth } from '../../../../shared/model';
import { useNow } from '../../hooks/use-now';
import { circuitText, dataAgeText, lastSuccessText, SOURCE_STATUS_LABEL } from '../../lib/source-health-text';

/**
 * One source: status and the age of its data always visible (ticking with the local clock), "from
 * cache" and the circuit breaker when they apply, the error always when down; details on hover or focus.
 */
export function SourceHealthItem({ source }: { source: SourceHealth }) {
  const now = useNow();
  const detailId = useId();
  const circuit = circuitText(source, now);
  const hasDetail = source.lastError !== null || source.warnings.length > 0;
  return (
    <li
      className="source"
      data-source={source.name}
      data-status={source.status}
      data-circuit={source.circuit}
      data-from-cache={source.fromCache}
      tabIndex={hasDetail ? 0 : undefined}
      aria-describedby={hasDetail ? detailId : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="source-name">{source.name}</span>
      <span className="source-status">{SOURCE_STATUS_LABEL[source.status]}</span>
      <span className="source-age" data-testid="source-data-age" title={lastSuccessText(source, now)}>
        {dataAgeText(source, now)}
      </span>
      {source.fromCache && (
        <span className="source-cache" data-testid="source-from-cache" title="No poll has succeeded since the app started: this is what was saved last time">
          from cache
        </span>
      )}
      {circuit && (
        <span className="source-circuit" data-testid="source-circuit">
          {circuit}
        </span>
      )}
      {source.warnings.length > 0 && (
        <span className="source-warning-count">
          {source.warnings.length} {source.warnings.length === 1 ? 'warning' : 'warnings'}
        </span>
      )}
      {source.status === 'down' && source.lastError && (
        <span className="source-error" data-testid="source-error">
          {source.lastError}
        </span>
      )}
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
