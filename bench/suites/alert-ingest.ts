import type { Engine } from '../../electron/engine/engine';
import type { AlertDelta, SourceHealth } from '../../shared/model';
import { fastSource, startTestEngine, testConfig } from '../../test/helpers/engine-harness';
import { getAlertmanagerAlerts, postAlerts, startAlertmanager, waitFor, type PostableAlert } from '../../test/helpers/servers';
import { cpuMs, since, within, type Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

const POST_BATCH = 1_000;

/**
 * Alert ingest against a real Alertmanager holding N active alerts: the engine's first poll
 * (request, validation, merge, delta) against the bare fetch + JSON.parse of the same response;
 * an unchanged poll's CPU beyond that bare cost and whether it publishes anything; and the size
 * of the delta sent when 1 alert of N changes, against a full snapshot.
 */
export const alertIngest: BenchSuite = {
  name: 'alert-ingest',
  async run(context: BenchContext): Promise<Measurement[]> {
    const count = context.smoke ? 200 : 10_000;
    const size = `${count.toLocaleString('en')} alerts`;
    const alertmanager = await startAlertmanager();
    try {
      const alerts = syntheticAlerts(count);
      for (let i = 0; i < alerts.length; i += POST_BATCH) await postAlerts(alertmanager.url, alerts.slice(i, i + POST_BATCH));
      await waitFor(async () => (await getAlertmanagerAlerts(alertmanager.url)).length === count || undefined, { description: `${count} alerts in Alertmanager`, timeoutMs: 60_000 });
      const alertsUrl = `${alertmanager.url}/api/v2/alerts?active=true&unprocessed=true&silenced=true&inhibited=true`;

      const bare: number[] = [];
      const bareCpu: number[] = [];
      const ingest: number[] = [];
      // Both sides load their HTTP client with their first request (Node's own fetch, the engine's
      // undici): one run of each first, not counted, so that the runs compare ingests, not code loading.
      JSON.parse(await (await fetch(alertsUrl)).text());
      await firstPollMs(alertmanager.url, count);
      // Each sample is the ratio of two single runs, either of which the shared machine may slow
      // down (0.87–1.34× within one suite run): twice the usual number of runs.
      for (let run = 0; run < (context.smoke ? 1 : 2 * context.runs); run++) {
        const cpuBefore = cpuMs();
        const start = performance.now();
        JSON.parse(await (await fetch(alertsUrl)).text());
        bare.push(since(start));
        bareCpu.push(cpuMs() - cpuBefore);
        ingest.push(await firstPollMs(alertmanager.url, count));
      }

      const engine = startTestEngine(testConfig([fastSource('alertmanager', 'am', alertmanager.url, { interval: 3_600_000, timeout: 60_000 })]));
      try {
        await waitFor(async () => engine.alerts().length === count || undefined, { description: 'the engine to hold every alert', timeoutMs: 60_000 });
        const unchanged = await unchangedPolls(engine, context.runs);
        const delta = await oneChangeDelta(engine, alertmanager.url, alerts[0]!);
        const medianBareCpu = median(bareCpu);
        return [
          { figure: 'ingest: first poll to published delta', size, unit: 'ms', samples: ingest, target: null },
          { figure: 'ingest: bare fetch + JSON.parse', size, unit: 'ms', samples: bare, target: null },
          { figure: 'ingest: engine ÷ bare fetch+parse', size, unit: '×', samples: ingest.map((value, i) => value / bare[i]!), target: { max: 1.3 } },
          { figure: 'unchanged poll: CPU beyond bare fetch+parse', size, unit: 'ms', samples: unchanged.cpu.map((value) => value - medianBareCpu), target: { max: 20 } },
          { figure: 'unchanged poll: deltas published', size, unit: '', samples: [unchanged.published], target: { max: 0 } },
          { figure: 'one alert changed: delta ÷ full snapshot', size, unit: '%', samples: [delta], target: { max: 5 } },
        ];
      } finally {
        engine.stop();
      }
    } finally {
      await alertmanager.stop();
    }
  },
};

function syntheticAlerts(count: number): PostableAlert[] {
  const endsAt = new Date(Date.now() + 6 * 3_600_000).toISOString();
  return Array.from({ length: count }, (_, i) => ({
    labels: { alertname: `Synthetic${i % 50}`, instance: `host-${i}:9100`, job: 'node', service: `svc-${i % 40}`, severity: i % 10 === 0 ? 'critical' : 'warning' },
    annotations: { summary: `Synthetic alert ${i} for the ingest benchmark`, description: 'Something on this host is not as it should be.' },
    endsAt,
  }));
}

/** A fresh engine's first poll: from config applied to the delta that carries every alert. */
async function firstPollMs(url: string, count: number): Promise<number> {
  const start = performance.now();
  let engine: Engine | undefined;
  const published = new Promise<number>((resolve) => {
    const onDelta = (delta: AlertDelta) => {
      if (delta.upserted.length < count) return;
      resolve(since(start));
    };
    engine = startTestEngine(testConfig([fastSource('alertmanager', 'am', url, { interval: 3_600_000, timeout: 60_000 })]));
    engine.on('alertsChanged', onDelta);
  });
  try {
    return await within(published, 120_000, `a delta with ${count} alerts`).catch((error: unknown) => {
      throw new Error(`${(error as Error).message} (source: ${engine?.sources()[0]?.lastError ?? 'no error'})`);
    });
  } finally {
    engine?.stop();
  }
}

/** Polls with nothing new: CPU each costs, and how many deltas reached the renderer (should be none). */
async function unchangedPolls(engine: Engine, runs: number): Promise<{ cpu: number[]; published: number }> {
  let published = 0;
  const count = () => void published++;
  engine.on('alertsChanged', count);
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const before = engine.sources()[0]!.lastSuccessAt;
    const polled = new Promise<void>((resolve) => {
      const onSources = (sources: SourceHealth[]) => {
        if (sources[0]?.lastSuccessAt === before) return;
        engine.off('sourcesChanged', onSources);
        resolve();
      };
      engine.on('sourcesChanged', onSources);
    });
    const cpuBefore = cpuMs();
    engine.pollAllNow();
    await within(polled, 120_000, 'an unchanged poll');
    cpu.push(cpuMs() - cpuBefore);
  }
  engine.off('alertsChanged', count);
  return { cpu, published };
}

/** 1 alert's annotation changes upstream: the delta's size as a percentage of the full snapshot. */
async function oneChangeDelta(engine: Engine, url: string, alert: PostableAlert): Promise<number> {
  const delta = new Promise<AlertDelta>((resolve) => engine.once('alertsChanged', resolve));
  await postAlerts(url, [{ ...alert, annotations: { ...alert.annotations, summary: 'changed' } }]);
  engine.pollAllNow();
  const sent = await within(delta, 120_000, 'the delta of one changed alert');
  return (JSON.stringify(sent).length / JSON.stringify(engine.snapshot()).length) * 100;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
