import { useAlerts, useEngine } from '../../app-services';
import { SourceHealthItem } from './SourceHealthItem';

export function SourceHealthStrip() {
  const sources = useEngine((state) => state.sources);
  const loaded = useAlerts((state) => state.revision !== null);
  return (
    <section className="source-health" data-testid="source-health" aria-label="Source health">
      {sources.length > 0 ? (
        <ul className="source-list">
          {sources.map((source) => (
            <SourceHealthItem key={source.name} source={source} />
          ))}
        </ul>
      ) : (
        <p className="source-none">{loaded ? 'No sources configured.' : 'Waiting for the engine…'}</p>
      )}
    </section>
  );
}
