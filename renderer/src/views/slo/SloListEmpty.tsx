import { useSlos } from '../../app-services';
import { EmptyState, HiddenByFilter } from '../common/EmptyState';

export function SloListEmpty({ loaded, totalCount }: { loaded: boolean; totalCount: number }) {
  const setFilterText = useSlos((state) => state.setFilterText);
  if (!loaded) return <EmptyState testId="slo-empty" kind="loading" title="Loading SLOs…" />;
  if (totalCount === 0) {
    return (
      <EmptyState testId="slo-empty" kind="no-slos" title="No SLOs defined">
        List OpenSLO files or folders under <code>slos:</code> in the configuration file.
      </EmptyState>
    );
  }
  return (
    <EmptyState testId="slo-empty" kind="no-match" title="No SLOs match the filter">
      <HiddenByFilter count={totalCount} noun={['SLO', 'SLOs']} onClear={() => setFilterText('')} />
    </EmptyState>
  );
}
