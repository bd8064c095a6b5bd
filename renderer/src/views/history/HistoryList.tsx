import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import { useScrollToSelection } from '../../hooks/use-scroll-to-selection';
import { useHistory, useServices } from '../../app-services';
import { historyOptionId } from '../../lib/dom-id';
import { selectHistoryList } from '../../lib/history-list-model';
import { episodeKey } from '../../lib/history-text';
import { EmptyState } from '../common/EmptyState';
import { ALERT_ROW_HEIGHT } from '../alert-list/row-metrics';
import { HistoryRow } from './HistoryRow';

/** Recently resolved alerts, most recent first; virtualised, since the history can hold thousands. */
export function HistoryList() {
  const { history } = useServices();
  const search = useHistory((state) => state.search);
  const selected = useHistory((state) => state.selectedKey);
  const model = selectHistoryList(search.episodes);
  const scrollElement = useRef<HTMLDivElement>(null);
  // No React Compiler runs on this code, and the virtualizer's functions are only used during this render.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: model.rows.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ALERT_ROW_HEIGHT,
    getItemKey: (index) => (model.rows[index] ? episodeKey(model.rows[index]) : index),
    overscan: 10,
  });
  const selectedIndex = selected === null ? undefined : model.indexByKey.get(selected);

  useScrollToSelection(virtualizer, selected, selectedIndex);

  const activate = useCallback((key: string) => history.getState().openDetail(key), [history]);

  if (model.rows.length === 0) {
    if (search.state === 'idle' || (search.state === 'loading' && search.total === 0)) return <EmptyState testId="history-empty" kind="loading" title="Loading the history…" />;
    if (search.state === 'error') return <EmptyState testId="history-empty" kind="error" title="The history could not be searched" />;
    return (
      <EmptyState testId="history-empty" kind="no-episodes" title={search.query ? 'No resolved alert matches' : 'No resolved alerts yet'}>
        Alerts appear here once they resolve; the app keeps its own history, since Alertmanager keeps none.
      </EmptyState>
    );
  }

  const items = virtualizer.getVirtualItems();
  const selectedRendered = selectedIndex !== undefined && items.some((item) => item.index === selectedIndex);
  return (
    <div
      ref={scrollElement}
      className="alert-list history-list"
      data-testid="history-list"
      role="listbox"
      aria-label="Recently resolved alerts, most recent first"
      tabIndex={0}
      aria-activedescendant={selectedRendered && selected !== null ? historyOptionId(selected) : undefined}
    >
      <div className="alert-list-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const episode = model.rows[item.index]!;
          const key = episodeKey(episode);
          return (
            <HistoryRow key={item.key} episode={episode} selected={key === selected} top={item.start} position={item.index + 1} setSize={model.rows.length} onActivate={activate} />
          );
        })}
      </div>
    </div>
  );
}
