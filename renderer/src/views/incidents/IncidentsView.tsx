import { startDeclaring } from '../../actions/incidents';
import { useIncidents, useServices } from '../../app-services';
import { emptyDraft } from '../../lib/incident-draft';
import { KeyHints } from '../filter/KeyHints';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { IncidentDetail } from '../incident-detail/IncidentDetail';
import { DeclareIncidentForm } from './DeclareIncidentForm';
import { IncidentList } from './IncidentList';

/** Incidents, open ones first; the detail (or the "Declare incident" form) beside the list. */
export function IncidentsView() {
  const services = useServices();
  const draft = useIncidents((state) => state.draft);
  const detailOpen = useIncidents((state) => state.detailOpen);
  const paneOpen = draft !== null || detailOpen;
  return (
    <div className="view-panel" role="tabpanel" id={VIEW_PANEL_ID.incidents} aria-labelledby={VIEW_TAB_ID.incidents} data-testid="incidents-view">
      <div className="filter-bar incident-toolbar">
        <button type="button" className="primary-button" data-testid="declare-incident" onClick={() => startDeclaring(services, emptyDraft())}>
          Declare incident
        </button>
        <span className="filter-count">Declare from an alert or an SLO to link it and its runbooks.</span>
        <KeyHints filterWord={null} />
      </div>
      <div className={paneOpen ? 'workspace incident-workspace with-pane' : 'workspace incident-workspace'}>
        <IncidentList />
        {draft !== null ? <DeclareIncidentForm key={draft.key} initial={draft.draft} /> : <IncidentDetail />}
      </div>
    </div>
  );
}
