import type { Alert } from '../../../shared/model';
import { SEVERITIES, type Severity } from '../../../shared/severity';

/** How many alerts are firing (not pending, not muted) at each severity. */
export function countFiringBySeverity(alerts: Iterable<Alert>): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const alert of alerts) {
    if (alert.state === 'firing') counts[alert.severity]++;
  }
  return counts;
}
