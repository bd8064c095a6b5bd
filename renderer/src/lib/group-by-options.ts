import type { Alert } from '../../../shared/model';

export const COMMON_GROUP_LABELS = ['alertname', 'severity', 'service', 'instance', 'namespace', 'job'] as const;

/** The common labels first, then every other label name seen on an alert, then the current choice if missing. */
export function groupByOptions(alerts: Iterable<Alert>, current: string): string[] {
  const common = new Set<string>(COMMON_GROUP_LABELS);
  const seen = new Set<string>();
  for (const alert of alerts) {
    for (const name of Object.keys(alert.labels)) {
      if (!common.has(name)) seen.add(name);
    }
  }
  const options = [...COMMON_GROUP_LABELS, ...[...seen].sort()];
  return options.includes(current) ? options : [...options, current];
}
