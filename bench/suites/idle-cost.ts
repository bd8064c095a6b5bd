import { fastSource, startTestEngine, testConfig } from '../../test/helpers/engine-harness';
import { postAlerts, sleep, startAlertmanager, waitFor } from '../../test/helpers/servers';
import { cpuMs, type Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

/**
 * The engine's own CPU while nothing changes: 5 Alertmanager sources (one real server holding
 * 500 alerts, seen as an HA set) polled every 15 s for 60 s, as a share of one core, beyond what
 * the same process costs waiting as long without an engine.
 */
export const idleCost: BenchSuite = {
  name: 'idle-cost',
  async run(context: BenchContext): Promise<Measurement[]> {
    const intervalMs = context.smoke ? 1_000 : 15_000;
    const durationMs = context.smoke ? 3_000 : 60_000;
    // What this process (tsx, the harness) costs doing nothing, measured first and subtracted.
    const processAlone = await cpuShare(durationMs);
    const alertmanager = await startAlertmanager();
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    await postAlerts(alertmanager.url, Array.from({ length: 500 }, (_, i) => ({ labels: { alertname: `Idle${i % 20}`, instance: `host-${i}`, severity: 'warning' }, endsAt })));
    const sources = Array.from({ length: 5 }, (_, i) => fastSource('alertmanager', `am-${i}`, alertmanager.url, { interval: intervalMs }));
    const engine = startTestEngine(testConfig(sources));
    try {
      // Every source's first poll (which reads and merges everything) is start-up, not idle.
      await waitFor(async () => (engine.alerts().length === 500 && engine.sources().every((source) => source.lastSuccessAt !== null)) || undefined, { description: 'every source to have answered once', timeoutMs: 30_000 });
      const withEngine = await cpuShare(durationMs);
      const size = `5 sources, ${intervalMs / 1000} s interval, ${durationMs / 1000} s`;
      return [
        { figure: 'idle: CPU of the whole process', size, unit: '% core', samples: [withEngine], target: null },
        { figure: 'idle: CPU of the process doing nothing', size: `${durationMs / 1000} s`, unit: '% core', samples: [processAlone], target: null },
        { figure: 'idle: engine CPU while nothing changes', size, unit: '% core', samples: [withEngine - processAlone], target: { max: 1 } },
      ];
    } finally {
      engine.stop();
      await alertmanager.stop();
    }
  },
};

/** This process's CPU (every thread) over `durationMs` of waiting, as a share of one core. */
async function cpuShare(durationMs: number): Promise<number> {
  const cpuBefore = cpuMs();
  const started = performance.now();
  await sleep(durationMs);
  return ((cpuMs() - cpuBefore) / (performance.now() - started)) * 100;
}
