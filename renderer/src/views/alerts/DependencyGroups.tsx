import { memo, useMemo } from 'react';
import { dependencyGroups, dependencyGroupTitle, type DependencyGroup } from '../../../../shared/dependency-groups';
import type { Alert } from '../../../../shared/model';
import { useAlerts, useEngine, useServices } from '../../app-services';
import { ExternalLink } from '../detail/ExternalLink';
import './dependency-groups.css';

/** More than this many alerts under one dependency are summed up, not listed. */
const SHOWN_PER_GROUP = 6;

/**
 * "Is it us or them?": above the alert list, each degraded dependency with the alerts that point
 * at it (their `service` in its `services`, or their `dependency` label naming it). The list
 * below stays as it is, so keyboard navigation and virtualisation are untouched.
 */
export function DependencyGroups() {
  const dependencies = useEngine((state) => state.dependencies);
  const alerts = useAlerts((state) => state.alerts);
  const groups = useMemo(() => (dependencies.length === 0 ? [] : dependencyGroups([...alerts.values()], dependencies)), [alerts, dependencies]);
  if (groups.length === 0) return null;
  return (
    <section className="dependency-groups" data-testid="dependency-groups" aria-label="Alerts that may be a dependency's doing">
      {groups.map((group) => (
        <DependencyGroupItem key={group.source} group={group} alerts={alerts} />
      ))}
    </section>
  );
}

const DependencyGroupItem = memo(function DependencyGroupItem({ group, alerts }: { group: DependencyGroup; alerts: ReadonlyMap<string, Alert> }) {
  const { ui } = useServices();
  const shown = group.fingerprints.slice(0, SHOWN_PER_GROUP).flatMap((fingerprint) => alerts.get(fingerprint) ?? []);
  const more = group.fingerprints.length - shown.length;
  return (
    <div className={`dependency-group dependency-${group.indicator}`} data-testid="dependency-group" data-dependency={group.dependency}>
      <p className="dependency-group-title">
        <span className="dependency-dot" aria-hidden="true" />
        <strong>{dependencyGroupTitle(group)}</strong>
        <ExternalLink url={group.url} testId="dependency-group-link">
          status page
        </ExternalLink>
      </p>
      <ul className="dependency-group-alerts">
        {shown.map((alert) => (
          <li key={alert.fingerprint}>
            <button type="button" className="link-button" data-testid="dependency-group-alert" onClick={() => ui.getState().openDetail(alert.fingerprint)}>
              {alert.name}
              {alert.labels.service ? ` · ${alert.labels.service}` : ''}
            </button>
          </li>
        ))}
        {more > 0 ? <li className="dependency-group-more">and {more} more</li> : null}
      </ul>
    </div>
  );
});
