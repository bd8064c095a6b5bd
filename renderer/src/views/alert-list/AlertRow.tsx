import { memo } from 'react';
import type { Alert } from '../../../../shared/model';
import { useNow } from '../../hooks/use-now';
import { displayState } from '../../lib/alert-state';
import { alertOptionId } from '../../lib/dom-id';
import { formatAge, millisSince } from '../../lib/format-age';
import { KeyLabels } from './KeyLabels';
import { SeverityBadge } from './SeverityBadge';

interface AlertRowProps {
  alert: Alert;
  selected: boolean;
  top: number;
  position: number;
  setSize: number;
  onActivate: (fingerprint: string) => void;
}

/** Memoised on the alert object: a delta that leaves an alert untouched leaves its row alone. */
export const AlertRow = memo(function AlertRow({ alert, selected, top, position, setSize, onActivate }: AlertRowProps) {
  const now = useNow();
  const state = displayState(alert);
  const age = millisSince(alert.startsAt, now);
  const summary = alert.annotations.summary ?? alert.annotations.description ?? '';
  return (
    <div
      role="option"
      id={alertOptionId(alert.fingerprint)}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={selected ? 'alert-row selected' : 'alert-row'}
      data-testid="alert-row"
      data-fingerprint={alert.fingerprint}
      data-severity={alert.severity}
      data-state={state}
      data-acknowledged={alert.acknowledgement !== undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onActivate(alert.fingerprint)}
    >
      <SeverityBadge severity={alert.severity} />
      <div className="alert-main">
        <div className="alert-title">
          <span className="alert-name">{alert.name}</span>
          {alert.acknowledgement && (
            <span className="ack-marker" data-testid="ack-marker" data-delivery={alert.acknowledgement.delivery} title={`Acknowledged by ${alert.acknowledgement.by}`}>
              acked
            </span>
          )}
          <KeyLabels labels={alert.labels} />
        </div>
        <div className="alert-summary">{summary}</div>
      </div>
      <div className="alert-meta">
        <span className="alert-age" title={`Started ${alert.startsAt}`}>
          {age === null ? '—' : formatAge(age)}
        </span>
        <span className={`alert-state state-${state}`}>{state}</span>
        <span className="stale-slot">
          {alert.stale && (
            <span className="stale-marker" data-testid="stale-marker" title="Every source reporting this alert is unreachable: last known state">
              stale
            </span>
          )}
        </span>
        <span className="source-count" title={alert.sources.join(', ')}>
          {alert.sources.length} {alert.sources.length === 1 ? 'source' : 'sources'}
        </span>
      </div>
    </div>
  );
});
