import type { Ref } from 'react';
import { AlertList } from '../alert-list/AlertList';
import { AlertDetail } from '../detail/AlertDetail';
import { FilterBar } from '../filter/FilterBar';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { DependencyGroups } from './DependencyGroups';

export function AlertsView({ filterInput }: { filterInput: Ref<HTMLInputElement> }) {
  return (
    <div className="view-panel" role="tabpanel" id={VIEW_PANEL_ID.alerts} aria-labelledby={VIEW_TAB_ID.alerts} data-testid="alerts-view">
      <FilterBar inputRef={filterInput} />
      <DependencyGroups />
      <div className="workspace">
        <AlertList />
        <AlertDetail />
      </div>
    </div>
  );
}
