import type { Alert, DependencyStatus } from './model';

/**
 * "Is it us or them?": while an upstream dependency says it is degraded, the alerts that point at
 * it are grouped under it. An alert points at a dependency when its `service` label is one of the
 * dependency's `services` (the status page source's config), or its `dependency` label names it.
 */

export interface DependencyGroup {
  dependency: string;
  /** The status page source. */
  source: string;
  indicator: DependencyStatus['indicator'];
  description: string;
  url: string;
  /** Fingerprints of the alerts that may be the dependency's doing, in the order given. */
  fingerprints: string[];
}

const DEGRADED: ReadonlySet<DependencyStatus['indicator']> = new Set(['minor', 'major', 'critical']);

/** The dependency's own alerts (`DependencyDegraded`, `DependencyIncident`) come from its status page source. */
function isOwnAlert(alert: Alert, dependency: DependencyStatus): boolean {
  return alert.sources.length === 1 && alert.sources[0] === dependency.source;
}

/** One group per degraded dependency that has alerts pointing at it, worst first (then by name). */
export function dependencyGroups(alerts: readonly Alert[], dependencies: readonly DependencyStatus[]): DependencyGroup[] {
  const groups: DependencyGroup[] = [];
  for (const dependency of dependencies) {
    if (!DEGRADED.has(dependency.indicator)) continue;
    const services = new Set(dependency.services ?? []);
    const fingerprints = alerts
      .filter((alert) => !isOwnAlert(alert, dependency))
      .filter((alert) => (alert.labels.service !== undefined && services.has(alert.labels.service)) || alert.labels.dependency === dependency.dependency)
      .map((alert) => alert.fingerprint);
    if (fingerprints.length === 0) continue;
    const { source, indicator, description, url } = dependency;
    groups.push({ dependency: dependency.dependency, source, indicator, description, url, fingerprints });
  }
  return groups.sort((a, b) => RANK[b.indicator] - RANK[a.indicator] || a.dependency.localeCompare(b.dependency));
}

const RANK: Record<DependencyStatus['indicator'], number> = { critical: 3, major: 2, minor: 1, none: 0, maintenance: 0, unknown: 0 };

/** "GitHub is degraded — 3 alerts may be theirs" */
export function dependencyGroupTitle(group: DependencyGroup): string {
  const state = group.indicator === 'minor' ? 'degraded' : group.indicator === 'major' ? 'partly down' : 'down';
  const count = group.fingerprints.length;
  return `${group.dependency} is ${state} — ${count} ${count === 1 ? 'alert' : 'alerts'} may be theirs`;
}
