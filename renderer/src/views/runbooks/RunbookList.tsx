import { useCallback, useEffect } from 'react';
import { followRunbook } from '../../actions/runbooks';
import { useRunbooks, useServices } from '../../app-services';
import { useRunbookList } from '../../hooks/use-runbook-list';
import { runbookOptionId } from '../../lib/dom-id';
import { EmptyState } from '../common/EmptyState';
import { RunbookRow } from './RunbookRow';

/** Every runbook by title, or the search results best first. A click (or Enter) follows it in guided mode. */
export function RunbookList() {
  const services = useServices();
  const model = useRunbookList();
  const loaded = useRunbooks((state) => state.loaded);
  const query = useRunbooks((state) => state.query);
  const setQuery = useRunbooks((state) => state.setQuery);
  const selected = useRunbooks((state) => state.selectedId);
  const selectedVisible = selected !== null && model.indexById.has(selected);

  useEffect(() => {
    if (selected === null) return;
    document.getElementById(runbookOptionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const activate = useCallback(
    (id: string) => {
      services.runbooks.getState().select(id);
      void followRunbook(services, id);
    },
    [services],
  );

  const heading =
    model.mode === 'all' ? `All runbooks (${model.rows.length})` : `${model.rows.length} ${model.rows.length === 1 ? 'runbook matches' : 'runbooks match'} “${query.trim()}”`;

  let body;
  if (!loaded) body = <EmptyState testId="runbook-empty" kind="loading" title="Loading runbooks…" />;
  else if (model.totalCount === 0)
    body = (
      <EmptyState testId="runbook-empty" kind="no-runbooks" title="No runbooks">
        List folders of Markdown runbooks under <code>runbooks:</code> in the configuration file.
      </EmptyState>
    );
  else if (model.rows.length === 0)
    body =
      model.mode === 'searching' ? (
        <EmptyState testId="runbook-empty" kind="searching" title="Searching…" />
      ) : (
        <EmptyState testId="runbook-empty" kind="no-match" title="No runbook matches the search">
          Searched titles, tags and text of {model.totalCount} runbooks.{' '}
          <button type="button" onClick={() => setQuery('')}>
            Clear search
          </button>
        </EmptyState>
      );
  else
    body = (
      <div
        className="runbook-list"
        data-testid="runbook-list"
        data-mode={model.mode}
        role="listbox"
        aria-labelledby="runbook-list-title"
        tabIndex={0}
        aria-activedescendant={selectedVisible ? runbookOptionId(selected) : undefined}
      >
        {model.rows.map((runbook, index) => (
          <RunbookRow key={runbook.id} runbook={runbook} selected={runbook.id === selected} position={index + 1} setSize={model.rows.length} onActivate={activate} />
        ))}
      </div>
    );

  return (
    <section className="runbook-list-section" aria-labelledby="runbook-list-title">
      <h2 id="runbook-list-title" className="section-title">
        {loaded && model.totalCount > 0 ? heading : 'Runbooks'}
      </h2>
      {body}
    </section>
  );
}
