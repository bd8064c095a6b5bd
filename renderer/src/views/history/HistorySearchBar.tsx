import type { Ref } from 'react';
import { searchAlertHistory } from '../../actions/alert-history';
import { useHistory, useServices } from '../../app-services';
import { FilterField } from '../filter/FilterField';
import { KeyHints } from '../filter/KeyHints';

export function HistorySearchBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const services = useServices();
  const query = useHistory((state) => state.query);
  const setQuery = useHistory((state) => state.setQuery);
  const search = useHistory((state) => state.search);
  return (
    <div className="filter-bar" role="search" aria-label="Alert history search">
      <FilterField
        inputRef={inputRef}
        id="history-search"
        testId="history-search-input"
        type="search"
        label="Search resolved alerts"
        placeholder="Search resolved alerts: names, label values, comments   (press /)"
        maxLength={500}
        value={query}
        onChange={setQuery}
        error={search.state === 'error' ? `Search failed: ${search.error}` : null}
        errorTestId="history-search-error"
      />
      <span className="filter-count" data-testid="history-count" data-state={search.state}>
        {search.state === 'loading' && search.episodes.length === 0 ? 'Searching…' : `${search.episodes.length} of ${search.total} resolved`}
      </span>
      <button type="button" data-testid="history-refresh" onClick={() => void searchAlertHistory(services, query)}>
        Refresh
      </button>
      <KeyHints filterWord="search" />
    </div>
  );
}
