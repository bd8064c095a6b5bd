import { useMemo, type Ref } from 'react';
import { parseFilter } from '../../../../shared/label-matchers';
import { useUi } from '../../app-services';
import { useAlertList } from '../../hooks/use-alert-list';
import { GroupBySelect } from './GroupBySelect';
import { KeyHints } from './KeyHints';

const FILTER_ERROR_ID = 'filter-error';

export function FilterBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const filterText = useUi((state) => state.filterText);
  const setFilterText = useUi((state) => state.setFilterText);
  const error = useMemo(() => parseFilter(filterText).error, [filterText]);
  const { matchCount, totalCount } = useAlertList();
  return (
    <div className="filter-bar" role="search" aria-label="Alert filter">
      <div className="filter-field">
        <input
          ref={inputRef}
          id="alert-filter"
          className="filter-input"
          data-testid="filter-input"
          type="text"
          aria-label="Filter alerts"
          placeholder={'Filter: severity="critical" service=~"api.*" or words   (press /)'}
          autoComplete="off"
          spellCheck={false}
          value={filterText}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? FILTER_ERROR_ID : undefined}
          onChange={(event) => setFilterText(event.target.value)}
        />
        {error && (
          <p className="filter-error" id={FILTER_ERROR_ID} data-testid="filter-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <span className="filter-count" data-testid="filter-count">
        {matchCount === totalCount ? `${totalCount} alerts` : `${matchCount} of ${totalCount} alerts`}
      </span>
      <GroupBySelect />
      <KeyHints acknowledge />
    </div>
  );
}
