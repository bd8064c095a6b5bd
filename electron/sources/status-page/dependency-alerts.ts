import type { Severity } from '../../../shared/severity';
import { labelsFingerprint } from '../fingerprint';
import type { SourceAlert } from '../source';

/** Statuspage's overall indicator; `unknown` when the page says something else. */
export type DependencyIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance' | 'unknown';

/** One upstream dependency's overall state, for the dependency strip. */
export interface DependencyStatus {
  dependency: string;
  indicator: DependencyIndicator;
  /** The page's own words ("Partial System Outage"), or a summary of the feed. */
  description: string;
  /** The human status page (http(s)). */
  url: string;
  /** When the page or its newest item last changed; null when it does not say. */
  updatedAt: string | null;
  /** Our services that depend on it (the source's `services`). */
  services?: string[];
}

/** What one read of a status page or feed turns into. */
export interface DependencyReport {
  alerts: SourceAlert[];
  status: DependencyStatus;
  warnings: string[];
}

export const DEPENDENCY_DEGRADED = 'DependencyDegraded';
export const DEPENDENCY_INCIDENT = 'DependencyIncident';

/** Label values (component and incident names) are capped so one long name cannot bloat every alert. */
export const NAME_MAX = 200;
/** Annotations carry the latest update: enough to read, not a whole incident history. */
export const DESCRIPTION_MAX = 1000;

export interface DependencyAlertInput {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  severity: Severity;
  startsAt: string;
  generatorURL?: string;
}

export function dependencyAlert(input: DependencyAlertInput): SourceAlert {
  const labels: Record<string, string> = { ...input.labels, severity: input.severity };
  return {
    fingerprint: labelsFingerprint(labels),
    name: labels.alertname ?? '(no alertname)',
    labels,
    annotations: input.annotations,
    severity: input.severity,
    state: 'firing',
    startsAt: input.startsAt,
    silencedBy: [],
    inhibitedBy: [],
    ...(input.generatorURL ? { generatorURL: input.generatorURL } : {}),
  };
}

/**
 * Label values for a list of names that may repeat ("Degraded performance" twice on one page):
 * the first keeps its name, later ones get their id appended, so two incidents never merge.
 */
export function distinctNames<T>(items: readonly T[], name: (item: T) => string, id: (item: T) => string): Map<T, string> {
  const seen = new Set<string>();
  const names = new Map<T, string>();
  for (const item of items) {
    let value = name(item);
    if (seen.has(value)) value = `${value} (${id(item)})`;
    seen.add(value);
    names.set(item, value);
  }
  return names;
}

/** The earlier of an upstream time and now: a page's clock ahead of ours must not start an alert in the future. */
export function notAfter(iso: string | null, nowMs: number): string {
  if (iso === null) return new Date(nowMs).toISOString();
  return Date.parse(iso) > nowMs ? new Date(nowMs).toISOString() : iso;
}
