/**
 * The engine as the app wires it (`startEngine`), in its own process so its RSS is its own: loads
 * the given config (alerts, SLOs, runbooks) and reports memory once everything is in and again
 * after a quiet spell; polls `cycles` times and reports after another quiet spell. Prints one JSON
 * line per report. bench/suites/engine-memory.ts bundles this file (like the app's build: no tsx,
 * no TypeScript compiler in the process) and runs it with `node --expose-gc`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { startEngine } from '../../electron/app/start-engine';
import { createConfSettingsStore } from '../../electron/persistence/settings-store';
import type { SourceHealth } from '../../shared/model';
import { waitFor } from '../../test/helpers/servers/wait';
import { within } from '../lib/figures';

interface Args {
  dir: string;
  config: string;
  resourcesDir: string;
  alerts: number;
  slos: number;
  runbooks: number;
  cycles: number;
  /**
   * How long the engine sits idle before a settled report: what loading left behind (parse
   * buffers, compiler memory) is given back by V8's memory reducer after some seconds of quiet,
   * as it is between the app's polls.
   */
  settleMs: number;
  /** Writes a heap snapshot of the main thread into `dir` at each settled report (diagnosis only). */
  heapSnapshots?: boolean;
}

export interface MemoryReport {
  /** `loaded`: at once after everything is in; `settled`: after a quiet spell; `polled`: after the cycles and a quiet spell. */
  phase: 'loaded' | 'settled' | 'polled';
  rssMb: number;
  /** The main thread's JavaScript heap and what lives outside it (Buffers, ArrayBuffers); the history worker's are in RSS only. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** The main thread's heap spaces: size reserved from the OS per space (new, old, code, large objects). */
  heapSpacesMb: Record<string, number>;
  heapSnapshot?: string;
}

const args = JSON.parse(process.argv[2]!) as Args;
const MB = 2 ** 20;

function report(phase: MemoryReport['phase']): void {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().filter((space) => space.space_size > 0).map((space) => [space.space_name, round(space.space_size / MB)]));
  const line: MemoryReport = {
    phase,
    rssMb: round(usage.rss / MB),
    heapUsedMb: round(usage.heapUsed / MB),
    heapTotalMb: round(usage.heapTotal / MB),
    externalMb: round(usage.external / MB),
    arrayBuffersMb: round(usage.arrayBuffers / MB),
    heapSpacesMb: spaces,
  };
  if (args.heapSnapshots && phase !== 'loaded') line.heapSnapshot = writeHeapSnapshot(path.join(args.dir, `${phase}.heapsnapshot`));
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const round = (mb: number): number => Math.round(mb * 10) / 10;

const configPath = path.join(args.dir, 'config.yaml');
await writeFile(configPath, args.config);
const host = await startEngine({
  location: { file: configPath, explicit: true },
  store: createConfSettingsStore(args.dir, (message) => process.stderr.write(`settings: ${message}\n`)),
  notifier: { show: () => undefined },
  log: () => undefined,
  dataDir: args.dir,
  resourcesDir: args.resourcesDir,
  watchSystem: false,
});
const { engine } = host;
await waitFor(async () => engine.alerts().length === args.alerts || undefined, { description: `${args.alerts} alerts`, timeoutMs: 120_000 });
await waitFor(async () => (engine.slos().slos.length === args.slos && engine.slos().slos.every((slo) => slo.evaluatedAt !== null) ? true : undefined), {
  description: `${args.slos} SLOs evaluated`,
  timeoutMs: 300_000,
});
await waitFor(async () => (engine.snapshot().runbooks.runbooks.length >= args.runbooks ? true : undefined), { description: `${args.runbooks} runbooks`, timeoutMs: 120_000 });
report('loaded');
await sleep(args.settleMs);
report('settled');

for (let cycle = 0; cycle < args.cycles; cycle++) {
  const before = engine.sources().map((source) => source.lastSuccessAt).join();
  const polled = new Promise<void>((resolve) => {
    const onSources = (sources: SourceHealth[]) => {
      if (sources.map((source) => source.lastSuccessAt).join() === before) return;
      engine.off('sourcesChanged', onSources);
      resolve();
    };
    engine.on('sourcesChanged', onSources);
  });
  engine.pollAllNow();
  await within(polled, 120_000, 'a poll cycle');
}
await sleep(args.settleMs);
report('polled');
await host.stop();
