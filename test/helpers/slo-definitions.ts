import { DEFAULT_BURN_RULES } from '../../shared/slo';
import type { SloDefinition } from '../../electron/slo/slo-definition';

/** A ratio SLO over http_requests_total with sensible defaults, for tests. */
export function makeSloDefinition(overrides: Partial<SloDefinition> = {}): SloDefinition {
  return {
    id: 'api-availability',
    name: 'api-availability',
    displayName: 'API availability',
    description: '',
    service: 'api',
    objective: null,
    file: 'slos/api.yaml',
    metricSourceRef: null,
    target: 0.999,
    window: { kind: 'rolling', seconds: 30 * 86_400, label: '30d rolling' },
    indicator: { kind: 'ratio', good: 'http_requests_total{service="api",code!~"5.."}', total: 'http_requests_total{service="api"}' },
    rules: DEFAULT_BURN_RULES,
    labels: { service: 'api' },
    ...overrides,
  };
}
