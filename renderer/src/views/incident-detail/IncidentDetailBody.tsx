import type { Incident } from '../../../../shared/incident';
import { RunbookGuide } from '../runbook-guide/RunbookGuide';
import { IncidentFacts } from './IncidentFacts';
import { IncidentLinks } from './IncidentLinks';
import { IncidentReports } from './IncidentReports';
import { IncidentRolesEditor } from './IncidentRolesEditor';
import { IncidentTimeline } from './IncidentTimeline';

/** Status and roles first (what changes most), then the reports, what is linked, the checklist and the timeline. */
export function IncidentDetailBody({ incident }: { incident: Incident }) {
  return (
    <div className="detail-body incident-detail-body">
      <IncidentFacts incident={incident} />
      <IncidentRolesEditor incident={incident} />
      <IncidentReports incident={incident} />
      <IncidentLinks incident={incident} />
      {incident.checklistSessionId !== null && (
        <section className="incident-checklist" data-testid="incident-checklist" aria-label="Incident checklist">
          <RunbookGuide sessionId={incident.checklistSessionId} embedded />
        </section>
      )}
      <IncidentTimeline incident={incident} />
    </div>
  );
}
