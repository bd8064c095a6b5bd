import { AppConfigSchema } from '../../electron/config/config-schema';
import { SloMonitor } from '../../electron/slo/slo-monitor';
import { providerChooser } from '../../electron/slo/slo-service';
import { fastSource } from '../../test/helpers/engine-harness';
import { startPrometheus } from '../../test/helpers/servers';
import { makeSloDefinition } from '../../test/helpers/slo-definitions';
import { SELECTORS, generateSloHistory } from '../../test/helpers/slo-history';
import { since, type Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

/**
 * N SLOs evaluated against a real Prometheus holding backfilled history: HTTP requests per cycle
 * (Prometheus's own request counter) and the cycle's duration. Requests must grow no faster than N,
 * and a cycle must finish well inside the interval the app evaluates SLOs at by default.
 */
/** `sloInterval` when the config does not set it. */
const DEFAULT_INTERVAL_MS = AppConfigSchema.parse({}).sloInterval;
/** "Well inside its interval": a cycle takes at most a quarter of it. */
const WELL_INSIDE = 0.25;

export const sloEvaluation: BenchSuite = {
  name: 'slo-evaluation',
  async run(context: BenchContext): Promise<Measurement[]> {
    const counts = context.smoke ? [5, 10] : [50, 200];
    const prometheus = await startPrometheus({ openMetrics: generateSloHistory().openMetrics });
    try {
      const sources = [fastSource('prometheus', 'prom', prometheus.url, { interval: 60_000 })];
      const measurements: Measurement[] = [];
      const perSlo: number[] = [];
      for (const count of counts) {
        const monitor = new SloMonitor({ providerFor: providerChooser(sources), timeoutMs: 30_000 });
        const definitions = Array.from({ length: count }, (_, i) =>
          makeSloDefinition({ id: `slo-${i}`, name: `slo-${i}`, target: 0.99 + (i % 9) / 1000, indicator: { kind: 'ratio', good: SELECTORS.ok, total: SELECTORS.requests } }),
        );
        monitor.setDefinitions(definitions, []);
        await monitor.evaluateAll(); // warm-up
        const durations: number[] = [];
        const requests: number[] = [];
        for (let run = 0; run < context.runs; run++) {
          const before = await queryRequests(prometheus.url);
          const start = performance.now();
          await monitor.evaluateAll();
          durations.push(since(start));
          requests.push((await queryRequests(prometheus.url)) - before);
        }
        monitor.stop();
        const size = `${count} SLOs`;
        measurements.push({ figure: 'SLO cycle: duration', size, unit: 'ms', samples: durations, target: null });
        measurements.push({ figure: `SLO cycle: duration ÷ interval (${DEFAULT_INTERVAL_MS / 1000} s)`, size, unit: '×', samples: durations.map((ms) => ms / DEFAULT_INTERVAL_MS), target: { max: WELL_INSIDE } });
        measurements.push({ figure: 'SLO cycle: HTTP requests', size, unit: 'requests', samples: requests, target: null });
        perSlo.push(median(requests) / count);
      }
      // Linear (or better) growth: requests per SLO at the larger size no more than at the smaller one.
      measurements.push({ figure: 'SLO cycle: requests/SLO, large ÷ small', size: `${counts[1]} vs ${counts[0]} SLOs`, unit: '×', samples: [perSlo[1]! / perSlo[0]!], target: { max: 1 } });
      return measurements;
    } finally {
      await prometheus.stop();
    }
  },
};

/** Query API requests Prometheus has served so far (excluding this very request's own count). */
async function queryRequests(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('prometheus_http_requests_total{') || !/handler="\/api\/v1\/query(_range)?"/.test(line)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
