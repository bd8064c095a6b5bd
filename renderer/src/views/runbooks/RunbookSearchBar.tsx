import type { Ref } from 'react';
import { useRunbooks } from '../../app-services';
import { useRunbookList } from '../../hooks/use-runbook-list';
import { FilterField } from '../filter/FilterField';
import { KeyHints } from '../filter/KeyHints';

export function RunbookSearchBar({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const query = useRunbooks((state) => state.query);
  const setQuery = useRunbooks((state) => state.setQuery);
  const searchError = useRunbooks((state) => state.searchError);
  const { rows, totalCount, mode } = useRunbookList();
  return (
    <div className="filter-bar" role="search" aria-label="Runbook search">
      <FilterField
        inputRef={inputRef}
        id="runbook-search"
        testId="runbook-search-input"
        type="search"
        label="Search runbooks"
        placeholder="Search runbooks: titles, tags and text   (press /)"
        maxLength={500}
        value={query}
        onChange={setQuery}
        error={searchError ? `Search failed: ${searchError}` : null}
        errorTestId="runbook-search-error"
      />
      <span className="filter-count" data-testid="runbook-count" data-mode={mode}>
        {mode === 'all' ? `${totalCount} runbooks` : mode === 'searching' ? 'Searching…' : `${rows.length} of ${totalCount} runbooks`}
      </span>
      <KeyHints filterWord="search" />
    </div>
  );
}
