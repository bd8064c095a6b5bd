import type { Ref } from 'react';
import { useSlos } from '../../app-services';
import { useSloList } from '../../hooks/use-slo-list';
import { FilterField } from '../filter/FilterField';
import { KeyHints } from '../filter/KeyHints';

export function SloFilterBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const filterText = useSlos((state) => state.filterText);
  const setFilterText = useSlos((state) => state.setFilterText);
  const { rows, totalCount } = useSloList();
  return (
    <div className="filter-bar" role="search" aria-label="SLO filter">
      <FilterField
        inputRef={inputRef}
        id="slo-filter"
        testId="slo-filter-input"
        type="text"
        label="Filter SLOs"
        placeholder="Filter SLOs: name, service, status, label value   (press /)"
        value={filterText}
        onChange={setFilterText}
        error={null}
        errorTestId="slo-filter-error"
      />
      <span className="filter-count" data-testid="slo-count">
        {rows.length === totalCount ? `${totalCount} SLOs` : `${rows.length} of ${totalCount} SLOs`}
      </span>
      <KeyHints />
    </div>
  );
}
