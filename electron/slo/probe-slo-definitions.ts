import { DEFAULT_BURN_RULES } from '../../shared/slo';
import type { HttpCheckConfig, SourceConfig } from '../config/config-schema';
import { redactorFor } from '../sources/http-check/check-redaction';
import { probeHistoryShortfall } from '../sources/http-check/probe-archive';
import type { ProbeSloSource, SloDefinition, WindowDefinition } from './slo-definition';

/** Where a probe SLO comes from, in the detail view's "File" fact. */
export function probeSloOrigin(check: string): string {
  return `config: http check "${check}", slo`;
}

/**
 * The SLOs of every http check with `slo:` in the config: `<check>-availability` (probes that
 * pass) and `<check>-latency` (probes that pass within `thresholdMs`), over all of the check's
 * probes, with the same burn-rate rules as OpenSLO files get by default.
 */
export function probeSloDefinitions(sources: readonly SourceConfig[]): SloDefinition[] {
  return sources.flatMap((source) => (source.type === 'http' && source.slo ? definitionsFor(source) : []));
}

function definitionsFor(check: HttpCheckConfig): SloDefinition[] {
  const slo = check.slo!;
  const displayEndpoint = `${check.method} ${redactorFor(new URL(check.url), check.headers).displayUrl}`;
  const window = rollingWindow(slo.window);
  const shortfall = probeHistoryShortfall(check);
  const limits = shortfall === null ? {} : { historyShortfall: shortfall };
  const definitions: SloDefinition[] = [];
  if (slo.availability !== undefined) {
    definitions.push(
      definition(check, window, 'availability', slo.availability, {
        displayName: `${check.name} availability`,
        description: `Share of the probes of ${displayEndpoint} that pass (status, body and JSON as expected), from the app's own checks.`,
        probe: { check: check.name, displayEndpoint, ...limits },
      }),
    );
  }
  if (slo.latency !== undefined) {
    const { thresholdMs, target } = slo.latency;
    definitions.push(
      definition(check, window, 'latency', target, {
        displayName: `${check.name} latency under ${thresholdMs} ms`,
        description: `Share of the probes of ${displayEndpoint} that pass within ${thresholdMs} ms (a failed probe is never fast), from the app's own checks.`,
        probe: { check: check.name, displayEndpoint, latencyThresholdMs: thresholdMs, ...limits },
      }),
    );
  }
  return definitions;
}

function definition(
  check: HttpCheckConfig,
  window: WindowDefinition,
  kind: 'availability' | 'latency',
  targetPercent: number,
  words: { displayName: string; description: string; probe: ProbeSloSource },
): SloDefinition {
  const id = `${check.name}-${kind}`;
  const service = check.labels.service ?? null;
  return {
    id,
    name: id,
    displayName: words.displayName,
    description: words.description,
    service,
    objective: null,
    file: probeSloOrigin(check.name),
    metricSourceRef: check.name,
    // Percent to a fraction without float noise (99.9 / 100 is 0.9990000000000001).
    target: Number((targetPercent / 100).toPrecision(12)),
    window,
    indicator: { kind: 'ratio', good: `probes of ${words.probe.displayEndpoint} ${kind === 'latency' ? `passing within ${words.probe.latencyThresholdMs} ms` : 'passing'}`, total: `probes of ${words.probe.displayEndpoint}` },
    rules: DEFAULT_BURN_RULES.map((rule) => ({ ...rule })),
    labels: { ...check.labels, check: check.name },
    probe: words.probe,
  };
}

/** A rolling window labelled as OpenSLO windows are: "28d rolling", "12h rolling". */
export function rollingWindow(ms: number): WindowDefinition {
  const seconds = Math.round(ms / 1000);
  const unit = seconds % 86_400 === 0 ? { size: 86_400, name: 'd' } : seconds % 3_600 === 0 ? { size: 3_600, name: 'h' } : { size: 60, name: 'm' };
  return { kind: 'rolling', seconds, label: `${Math.round(seconds / unit.size)}${unit.name} rolling` };
}
