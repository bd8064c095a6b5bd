import type { Alert } from '../../shared/model';
import { normalizeSeverity } from '../../shared/severity';

/** A merged alert with sensible defaults, for unit tests of pure functions. */
export function makeAlert(overrides: Partial<Alert> & { name?: string } = {}): Alert {
  const name = overrides.name ?? 'HighErrorRate';
  const labels = overrides.labels ?? { alertname: name, severity: overrides.severity ?? 'critical', service: 'checkout' };
  return {
    fingerprint: overrides.fingerprint ?? `fp-${name}-${JSON.stringify(labels).length}`,
    name,
    labels,
    annotations: overrides.annotations ?? { summary: `${name} summary` },
    severity: overrides.severity ?? normalizeSeverity(labels.severity),
    state: overrides.state ?? 'firing',
    startsAt: overrides.startsAt ?? '2026-11-26T10:00:00.000Z',
    sources: overrides.sources ?? ['prod-am'],
    silencedBy: overrides.silencedBy ?? [],
    inhibitedBy: overrides.inhibitedBy ?? [],
    stale: overrides.stale ?? false,
    ...(overrides.generatorURL ? { generatorURL: overrides.generatorURL } : {}),
    ...(overrides.silences ? { silences: overrides.silences } : {}),
    ...(overrides.acknowledgement ? { acknowledgement: overrides.acknowledgement } : {}),
  };
}
