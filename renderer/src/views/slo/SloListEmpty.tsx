import { useSlos } from '../../app-services';

export function SloListEmpty({ loaded, totalCount }: { loaded: boolean; totalCount: number }) {
  const setFilterText = useSlos((state) => state.setFilterText);
  if (!loaded) {
    return (
      <div className="empty-state" data-testid="slo-empty" data-empty="loading" role="status">
        <p className="empty-title">Loading SLOs…</p>
      </div>
    );
  }
  if (totalCount === 0) {
    return (
      <div className="empty-state" data-testid="slo-empty" data-empty="no-slos" role="status">
        <p className="empty-title">No SLOs defined</p>
        <p className="empty-detail">
          List OpenSLO files or folders under <code>slos:</code> in the configuration file.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state" data-testid="slo-empty" data-empty="no-match" role="status">
      <p className="empty-title">No SLOs match the filter</p>
      <p className="empty-detail">
        {totalCount} {totalCount === 1 ? 'SLO is' : 'SLOs are'} hidden.{' '}
        <button type="button" onClick={() => setFilterText('')}>
          Clear filter
        </button>
      </p>
    </div>
  );
}
