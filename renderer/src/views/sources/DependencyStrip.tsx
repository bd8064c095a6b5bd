import type { DependencyStatus } from '../../../../shared/model';
import { useEngine } from '../../app-services';
import { ExternalLink } from '../detail/ExternalLink';

const INDICATOR_WORDS: Record<DependencyStatus['indicator'], string> = {
  none: 'operational',
  minor: 'minor issues',
  major: 'major outage',
  critical: 'critical outage',
  maintenance: 'maintenance',
  unknown: 'status unknown',
};

/** "Is it us or them?": each upstream dependency's own status page, at a glance. */
export function DependencyStrip() {
  const dependencies = useEngine((state) => state.dependencies);
  if (dependencies.length === 0) return null;
  return (
    <section className="dependency-strip" data-testid="dependency-strip" aria-label="Upstream dependencies">
      <ul className="source-list">
        {dependencies.map((dependency) => (
          <li key={dependency.source} className={`dependency dependency-${dependency.indicator}`} data-testid="dependency" data-indicator={dependency.indicator}>
            <span className="dependency-dot" aria-hidden="true" />
            <ExternalLink url={dependency.url} testId="dependency-link">
              {dependency.dependency}
            </ExternalLink>
            <span className="dependency-state">{dependency.indicator === 'none' ? INDICATOR_WORDS.none : dependency.description || INDICATOR_WORDS[dependency.indicator]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
