import type { Ref } from 'react';
import { searchAlertHistory } from '../../actions/alert-history';
import { useHistory, useServices } from '../../app-services';
import { KeyHints } from '../filter/KeyHints';

export function HistorySearchBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const services = useServices();
  const query = useHistory((state) => state.query);
  const setQuery = useHistory((state) => state.setQuery);
  const search = useHistory((state) => state.search);
  return (
    <div className="filter-bar" role="search" aria-label="Alert history search">
      <div className="filter-field">
        <input
          ref={inputRef}
          id="history-search"
          className="filter-input"
          data-testid="history-search-input"
          type="search"
          aria-label="Search resolved alerts"
          placeholder="Search resolved alerts: names, label values, comments   (press /)"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          value={query}
          aria-invalid={search.state === 'error' ? true : undefined}
          aria-describedby={search.state === 'error' ? 'history-search-error' : undefined}
          onChange={(event) => setQuery(event.target.value)}
        />
        {search.state === 'error' && (
          <p className="filter-error" id="history-search-error" data-testid="history-search-error" role="alert">
            Search failed: {search.error}
          </p>
        )}
      </div>
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
