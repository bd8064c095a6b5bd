import { memo } from 'react';
import type { Incident } from '../../../../shared/incident';
import { useNow } from '../../hooks/use-now';
import { incidentOptionId } from '../../lib/dom-id';
import { formatAge, millisSince } from '../../lib/format-age';
import { IncidentSeverityBadge, IncidentStatusBadge } from './IncidentSeverityBadge';

interface IncidentRowProps {
  incident: Incident;
  selected: boolean;
  position: number;
  setSize: number;
  onActivate: (id: string) => void;
}

export const IncidentRow = memo(function IncidentRow({ incident, selected, position, setSize, onActivate }: IncidentRowProps) {
  const now = useNow();
  const resolved = incident.status === 'resolved';
  const age = millisSince(incident.declaredAt, now);
  const lasted = resolved && incident.resolvedAt ? Date.parse(incident.resolvedAt) - Date.parse(incident.declaredAt) : null;
  return (
    <div
      role="option"
      id={incidentOptionId(incident.id)}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={`incident-row${selected ? ' selected' : ''}${resolved ? ' resolved' : ''}`}
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-status={incident.status}
      data-severity={incident.severity}
      onClick={() => onActivate(incident.id)}
    >
      <IncidentSeverityBadge severity={incident.severity} />
      <div className="incident-row-main">
        <span className="incident-title">{incident.title}</span>
        <span className="incident-origin">{incident.origin === 'by hand' ? 'declared by hand' : `from ${incident.origin}`}</span>
      </div>
      <div className="incident-row-meta">
        <IncidentStatusBadge status={incident.status} />
        <span className="incident-age" data-testid="incident-age" title={`Declared ${incident.declaredAt}`}>
          {lasted !== null && !Number.isNaN(lasted) ? `lasted ${formatAge(lasted)}` : age === null ? '—' : formatAge(age)}
        </span>
      </div>
    </div>
  );
});
