import type { Ref } from 'react';
import { useHistorySearch } from '../../hooks/use-history-search';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { EpisodeDetail } from './EpisodeDetail';
import { HistoryList } from './HistoryList';
import { HistorySearchBar } from './HistorySearchBar';

/** Recently resolved alerts from the app's own history, searchable; one opened beside the list. */
export function HistoryView({ filterInput }: { filterInput: Ref<HTMLInputElement> }) {
  useHistorySearch();
  return (
    <div className="view-panel" role="tabpanel" id={VIEW_PANEL_ID.history} aria-labelledby={VIEW_TAB_ID.history} data-testid="history-view">
      <HistorySearchBar inputRef={filterInput} />
      <div className="workspace">
        <HistoryList />
        <EpisodeDetail />
      </div>
    </div>
  );
}
