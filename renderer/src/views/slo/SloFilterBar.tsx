import type { Ref } from 'react';
import { useSlos } from '../../app-services';
import { useSloList } from '../../hooks/use-slo-list';
import { KeyHints } from '../filter/KeyHints';

export function SloFilterBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const filterText = useSlos((state) => state.filterText);
  const setFilterText = useSlos((state) => state.setFilterText);
  const { rows, totalCount } = useSloList();
  return (
    <div className="filter-bar" role="search" aria-label="SLO filter">
      <div className="filter-field">
        <input
          ref={inputRef}
          id="slo-filter"
          className="filter-input"
          data-testid="slo-filter-input"
          type="text"
          aria-label="Filter SLOs"
          placeholder="Filter SLOs: name, service, status, label value   (press /)"
          autoComplete="off"
          spellCheck={false}
          value={filterText}
          onChange={(event) => setFilterText(event.target.value)}
        />
      </div>
      <span className="filter-count" data-testid="slo-count">
        {rows.length === totalCount ? `${totalCount} SLOs` : `${rows.length} of ${totalCount} SLOs`}
      </span>
      <KeyHints />
    </div>
  );
}
