import type { Ref } from 'react';
import { SloDetail } from '../slo-detail/SloDetail';
import { VIEW_PANEL_ID, VIEW_TAB_ID } from '../header/ViewTabs';
import { SloErrorsBanner } from './SloErrorsBanner';
import { SloFilterBar } from './SloFilterBar';
import { SloList } from './SloList';

export function SloView({ filterInput }: { filterInput: Ref<HTMLInputElement> }) {
  return (
    <div className="view-panel" role="tabpanel" id={VIEW_PANEL_ID.slos} aria-labelledby={VIEW_TAB_ID.slos} data-testid="slos-view">
      <SloErrorsBanner />
      <SloFilterBar inputRef={filterInput} />
      <div className="workspace slo-workspace">
        <SloList />
        <SloDetail />
      </div>
    </div>
  );
}
