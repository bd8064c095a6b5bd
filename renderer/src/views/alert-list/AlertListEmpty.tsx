import { useEngine, useUi } from '../../app-services';

export function AlertListEmpty({ loaded, totalCount }: { loaded: boolean; totalCount: number }) {
  const sourceCount = useEngine((state) => state.sources.length);
  const setFilterText = useUi((state) => state.setFilterText);
  if (!loaded) {
    return (
      <div className="empty-state" data-testid="empty-state" data-empty="loading" role="status">
        <p className="empty-title">Loading alerts…</p>
      </div>
    );
  }
  if (totalCount === 0) {
    return (
      <div className="empty-state" data-testid="empty-state" data-empty="no-alerts" role="status">
        <p className="empty-title">No alerts firing</p>
        <p className="empty-detail">
          Watching {sourceCount} {sourceCount === 1 ? 'source' : 'sources'}.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state" data-testid="empty-state" data-empty="no-match" role="status">
      <p className="empty-title">No alerts match the filter</p>
      <p className="empty-detail">
        {totalCount} {totalCount === 1 ? 'alert is' : 'alerts are'} hidden.{' '}
        <button type="button" onClick={() => setFilterText('')}>
          Clear filter
        </button>
      </p>
    </div>
  );
}
