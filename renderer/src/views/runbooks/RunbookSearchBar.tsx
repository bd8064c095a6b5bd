import type { Ref } from 'react';
import { useRunbooks } from '../../app-services';
import { useRunbookList } from '../../hooks/use-runbook-list';
import { KeyHints } from '../filter/KeyHints';

export function RunbookSearchBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const query = useRunbooks((state) => state.query);
  const setQuery = useRunbooks((state) => state.setQuery);
  const searchError = useRunbooks((state) => state.searchError);
  const { rows, totalCount, mode } = useRunbookList();
  return (
    <div className="filter-bar" role="search" aria-label="Runbook search">
      <div className="filter-field">
        <input
          ref={inputRef}
          id="runbook-search"
          className="filter-input"
          data-testid="runbook-search-input"
          type="search"
          aria-label="Search runbooks"
          placeholder="Search runbooks: titles, tags and text   (press /)"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          value={query}
          aria-invalid={searchError ? true : undefined}
          aria-describedby={searchError ? 'runbook-search-error' : undefined}
          onChange={(event) => setQuery(event.target.value)}
        />
        {searchError && (
          <p className="filter-error" id="runbook-search-error" data-testid="runbook-search-error" role="alert">
            Search failed: {searchError}
          </p>
        )}
      </div>
      <span className="filter-count" data-testid="runbook-count" data-mode={mode}>
        {mode === 'all' ? `${totalCount} runbooks` : mode === 'searching' ? 'Searching…' : `${rows.length} of ${totalCount} runbooks`}
      </span>
      <KeyHints filterWord="search" />
    </div>
  );
}
