import { openSilenceForm } from '../../actions/silences';
import { useServices, useSilences } from '../../app-services';
import { KeyHints } from '../filter/KeyHints';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { PendingActionList } from '../outbox/PendingActionList';
import { SilenceForm } from '../silence-form/SilenceForm';
import { SilenceList } from './SilenceList';

/** What goes upstream: the pending actions, then the silences of every Alertmanager; a new silence in a pane beside them. */
export function SilencesView() {
  const services = useServices();
  const form = useSilences((state) => (state.form?.fingerprint === null ? state.form : null));
  return (
    <div className="view-panel" role="tabpanel" id={VIEW_PANEL_ID.silences} aria-labelledby={VIEW_TAB_ID.silences} data-testid="silences-view">
      <div className="filter-bar outbox-toolbar">
        <button type="button" className="primary-button" data-testid="new-silence" onClick={() => openSilenceForm(services, null)}>
          New silence
        </button>
        <span className="filter-count">To silence one alert, open it and choose Silence….</span>
        <KeyHints filterWord={null} list={false} />
      </div>
      <div className={form ? 'workspace outbox-workspace with-pane' : 'workspace outbox-workspace'}>
        <div className="outbox-scroll">
          <PendingActionList />
          <SilenceList />
        </div>
        {form && <SilenceForm key={form.key} initial={form.draft} className="outbox-pane" />}
      </div>
    </div>
  );
}
