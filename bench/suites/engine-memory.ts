import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ratioIndicatorYaml, ratioSloYaml } from '../../test/helpers/openslo-yaml';
import { postAlerts, startAlertmanager, startPrometheus, waitFor, getAlertmanagerAlerts } from '../../test/helpers/servers';
import { SELECTORS, generateSloHistory } from '../../test/helpers/slo-history';
import type { Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

/**
 * RSS of the Node-mode engine (tsx included, so a little above the app's) holding N alerts from a
 * real Alertmanager, M SLOs against a real Prometheus and K runbooks; then its growth over many
 * poll cycles.
 */
export const engineMemory: BenchSuite = {
  name: 'engine-memory',
  async run(context: BenchContext): Promise<Measurement[]> {
    const sizes = context.smoke ? { alerts: 500, slos: 10, runbooks: 20, cycles: 20 } : { alerts: 10_000, slos: 200, runbooks: 1_000, cycles: 2_000 };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
    const alertmanager = await startAlertmanager();
    const prometheus = await startPrometheus({ openMetrics: generateSloHistory().openMetrics });
    try {
      const endsAt = new Date(Date.now() + 6 * 3_600_000).toISOString();
      const alerts = Array.from({ length: sizes.alerts }, (_, i) => ({ labels: { alertname: `Mem${i % 50}`, instance: `host-${i}`, service: `svc-${i % 40}`, severity: 'warning' }, annotations: { summary: `alert ${i}` }, endsAt }));
      for (let i = 0; i < alerts.length; i += 1_000) await postAlerts(alertmanager.url, alerts.slice(i, i + 1_000));
      await waitFor(async () => (await getAlertmanagerAlerts(alertmanager.url)).length === sizes.alerts || undefined, { description: 'alerts posted', timeoutMs: 60_000 });
      writeWorkspace(dir, sizes);
      const config = [
        'sources:',
        `  - { type: alertmanager, name: am, url: "${alertmanager.url}", interval: 1h, timeout: 30s }`,
        `  - { type: prometheus, name: prom, url: "${prometheus.url}", interval: 1h, timeout: 30s }`,
        'slos: [slos]',
        'runbooks: [runbooks]',
        'sloInterval: 1h',
      ].join('\n');
      const reports = await runChild({ dir, config, ...sizes });
      const loaded = reports.find((report) => report.phase === 'loaded')!.rssMb;
      const polled = reports.find((report) => report.phase === 'polled')!.rssMb;
      const size = `${sizes.alerts} alerts, ${sizes.slos} SLOs, ${sizes.runbooks} runbooks`;
      return [
        { figure: 'engine memory: RSS loaded', size, unit: 'MB', samples: [loaded], target: { max: 150 } },
        { figure: 'engine memory: growth over poll cycles', size: `${sizes.cycles} cycles`, unit: '%', samples: [((polled - loaded) / loaded) * 100], target: { max: 10 } },
      ];
    } finally {
      await alertmanager.stop();
      await prometheus.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function writeWorkspace(dir: string, sizes: { slos: number; runbooks: number }): void {
  mkdirSync(path.join(dir, 'slos'));
  for (let i = 0; i < sizes.slos; i++) {
    writeFileSync(path.join(dir, 'slos', `slo-${i}.yaml`), ratioSloYaml({ name: `slo-${i}`, service: `svc-${i % 40}`, indicator: ratioIndicatorYaml(`slo-${i}-sli`, SELECTORS.ok, SELECTORS.requests) }));
  }
  mkdirSync(path.join(dir, 'runbooks'));
  const demo = path.join(import.meta.dirname, '../../resources/demo/runbooks');
  const templates = readdirSync(demo).map((file) => readFileSync(path.join(demo, file), 'utf8'));
  for (let i = 0; i < sizes.runbooks; i++) {
    writeFileSync(path.join(dir, 'runbooks', `runbook-${i}.md`), templates[i % templates.length]!.replace(/^title: (.*)$/m, `title: $1 (${i})`));
  }
}

function runChild(args: object): Promise<Array<{ phase: string; rssMb: number }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, '../children/memory-engine.ts'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`memory child exited with ${code}: ${output}`));
      resolve(output.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { phase: string; rssMb: number }));
    });
  });
}
