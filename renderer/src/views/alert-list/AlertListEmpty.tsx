import { useEngine, useUi } from '../../app-services';
import { EmptyState, HiddenByFilter } from '../common/EmptyState';

export function AlertListEmpty({ loaded, totalCount }: { loaded: boolean; totalCount: number }) {
  const sourceCount = useEngine((state) => state.sources.length);
  const setFilterText = useUi((state) => state.setFilterText);
  if (!loaded) return <EmptyState testId="empty-state" kind="loading" title="Loading alerts…" />;
  if (totalCount === 0) {
    return (
      <EmptyState testId="empty-state" kind="no-alerts" title="No alerts firing">
        Watching {sourceCount} {sourceCount === 1 ? 'source' : 'sources'}.
      </EmptyState>
    );
  }
  return (
    <EmptyState testId="empty-state" kind="no-match" title="No alerts match the filter">
      <HiddenByFilter count={totalCount} noun={['alert', 'alerts']} onClear={() => setFilterText('')} />
    </EmptyState>
  );
}
