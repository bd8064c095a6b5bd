import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MemoryReport } from '../children/memory-engine';
import { buildMemoryChild } from '../children/build-memory-child';
import { ratioIndicatorYaml, ratioSloYaml } from '../../test/helpers/openslo-yaml';
import { postAlerts, startAlertmanager, startPrometheus, waitFor, getAlertmanagerAlerts } from '../../test/helpers/servers';
import { SELECTORS, generateSloHistory } from '../../test/helpers/slo-history';
import type { Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface MemorySizes {
  alerts: number;
  slos: number;
  runbooks: number;
  cycles: number;
  /** Quiet time before the settled reports. */
  settleMs: number;
}

/**
 * RSS of the Node-mode engine, built like browser mode (a vite bundle run by plain Node), holding N
 * alerts from a real Alertmanager, M SLOs against a real Prometheus and K runbooks; then its
 * growth over many poll cycles.
 */
export const engineMemory: BenchSuite = {
  name: 'engine-memory',
  async run(context: BenchContext): Promise<Measurement[]> {
    const sizes = context.smoke ? { alerts: 500, slos: 10, runbooks: 20, cycles: 20, settleMs: 2_000 } : { alerts: 10_000, slos: 200, runbooks: 1_000, cycles: 2_000, settleMs: SETTLE_MS };
    const reports = await measureEngineMemory(sizes, context.log);
    for (const report of reports) context.log(`${report.phase}: RSS ${report.rssMb} MB; ${parts(report)}`);
    const phase = (name: MemoryReport['phase']) => reports.find((report) => report.phase === name)!;
    const [loaded, settled, polled] = [phase('loaded'), phase('settled'), phase('polled')];
    const size = `${sizes.alerts} alerts, ${sizes.slos} SLOs, ${sizes.runbooks} runbooks`;
    return [
      { figure: 'engine memory: RSS loaded, at once', size, unit: 'MB', samples: [loaded.rssMb], target: null, note: parts(loaded) },
      { figure: `engine memory: RSS loaded, ${sizes.settleMs / 1000} s later`, size, unit: 'MB', samples: [settled.rssMb], target: { max: 150 }, note: parts(settled) },
      { figure: 'engine memory: growth over poll cycles', size: `${sizes.cycles} cycles`, unit: '%', samples: [((polled.rssMb - settled.rssMb) / settled.rssMb) * 100], target: { max: 10 }, note: parts(polled) },
    ];
  },
};

/** Idle time before a settled report: V8's memory reducer gives back what loading left behind after 8 s or more of quiet. */
const SETTLE_MS = 30_000;

function parts(report: MemoryReport): string {
  return `main thread: JS heap ${report.heapUsedMb} of ${report.heapTotalMb} MB (${Object.entries(report.heapSpacesMb).map(([space, mb]) => `${space} ${mb}`).join(', ')}), external ${report.externalMb} MB; RSS: ${Object.entries(report.rssPartsMb).map(([kind, mb]) => `${kind} ${mb}`).join(', ')}`;
}

/** Diagnosis only (bench/children/memory-probe.ts): what else the child is run with. */
export interface ChildOptions {
  heapSnapshots?: boolean;
  /** Node/V8 flags before the child's entry, e.g. `--max-semi-space-size=4`. */
  nodeArgs?: string[];
  /** Environment added to this process's, e.g. `MALLOC_ARENA_MAX`. */
  env?: Record<string, string>;
}

/** Starts the servers, fills them, builds and runs the child; its reports (loaded, settled, polled). */
export async function measureEngineMemory(sizes: MemorySizes, log: (message: string) => void, options: ChildOptions = {}): Promise<MemoryReport[]> {
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
    const child = await buildMemoryChild();
    log(`built the engine with the child into ${path.relative(ROOT, child)}`);
    const { nodeArgs = [], env = {}, ...childArgs } = options;
    const reports = await runChild(child, { dir, config, resourcesDir: path.join(ROOT, 'resources'), ...sizes, ...childArgs }, nodeArgs, env);
    // A diagnostic run's snapshots stay in its folder, which is then kept.
    for (const report of reports) if (report.heapSnapshot) log(`heap snapshot: ${report.heapSnapshot}`);
    return reports;
  } finally {
    await alertmanager.stop();
    await prometheus.stop();
    if (!options.heapSnapshots) rmSync(dir, { recursive: true, force: true });
  }
}

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

function runChild(file: string, args: object, nodeArgs: string[], env: Record<string, string>): Promise<MemoryReport[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, file, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`memory child exited with ${code}: ${output}`));
      resolve(output.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as MemoryReport));
    });
  });
}
