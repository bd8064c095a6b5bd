import { useMemo, type Ref } from 'react';
import { parseFilter } from '../../../../shared/label-matchers';
import { useUi } from '../../app-services';
import { useAlertList } from '../../hooks/use-alert-list';
import { FilterField } from './FilterField';
import { GroupBySelect } from './GroupBySelect';
import { KeyHints } from './KeyHints';

export function FilterBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const filterText = useUi((state) => state.filterText);
  const setFilterText = useUi((state) => state.setFilterText);
  const error = useMemo(() => parseFilter(filterText).error, [filterText]);
  const { matchCount, totalCount } = useAlertList();
  return (
    <div className="filter-bar" role="search" aria-label="Alert filter">
      <FilterField
        inputRef={inputRef}
        id="alert-filter"
        testId="filter-input"
        type="text"
        label="Filter alerts"
        placeholder={'Filter: severity="critical" service=~"api.*" or words   (press /)'}
        value={filterText}
        onChange={setFilterText}
        error={error ?? null}
        errorTestId="filter-error"
      />
      <span className="filter-count" data-testid="filter-count">
        {matchCount === totalCount ? `${totalCount} alerts` : `${matchCount} of ${totalCount} alerts`}
      </span>
      <GroupBySelect />
      <KeyHints acknowledge />
    </div>
  );
}
