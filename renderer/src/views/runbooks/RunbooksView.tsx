import type { Ref } from 'react';
import { useRunbooks } from '../../app-services';
import { useRunbookSearch } from '../../hooks/use-runbook-search';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { RunbookGuide } from '../runbook-guide/RunbookGuide';
import { RunbookErrorsBanner } from './RunbookErrorsBanner';
import { RunbookList } from './RunbookList';
import { RunbookSearchBar } from './RunbookSearchBar';
import { RunbookSessions } from './RunbookSessions';

/** Search and pick a runbook, resume one in progress, and follow it in guided mode beside the list. */
export function RunbooksView({ filterInput }: { filterInput: Ref<HTMLInputElement> }) {
  useRunbookSearch();
  const openSessionId = useRunbooks((state) => state.openSessionId);
  return (
    <div className="view-panel" role="tabpanel" id={VIEW_PANEL_ID.runbooks} aria-labelledby={VIEW_TAB_ID.runbooks} data-testid="runbooks-view">
      <RunbookErrorsBanner />
      <RunbookSearchBar inputRef={filterInput} />
      <div className={openSessionId ? 'workspace runbook-workspace guiding' : 'workspace runbook-workspace'}>
        <div className="runbook-browser">
          <RunbookSessions />
          <RunbookList />
        </div>
        {openSessionId !== null && <RunbookGuide key={openSessionId} sessionId={openSessionId} />}
      </div>
    </div>
  );
}
