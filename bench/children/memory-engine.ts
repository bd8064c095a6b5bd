/**
 * The engine as the app wires it (`startEngine`), in its own process so its RSS is its own: loads
 * the given config (alerts, SLOs, runbooks) and reports memory once everything is in and again
 * after a quiet spell; polls `cycles` times and reports after another quiet spell. Prints one JSON
 * line per report. bench/suites/engine-memory.ts bundles this file (like browser mode's build: no tsx,
 * no TypeScript compiler in the process) and runs it with `node --expose-gc`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { favourMemoryOnceStarted } from '../../electron/app/memory-mode';
import { startEngine } from '../../electron/app/start-engine';
import { createConfSettingsStore } from '../../electron/persistence/settings-store';
import type { SourceHealth } from '../../shared/model';
import { waitFor } from '../../test/helpers/servers/wait';
import { within } from '../lib/figures';
import { rssBreakdown } from './rss-breakdown';

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
  /** RSS read at once after the collection, before its helper threads have freed what it released. */
  rssRightAfterGcMb: number;
  /** The main thread's JavaScript heap and what lives outside it (Buffers, ArrayBuffers); the history worker's are in RSS only. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** The main thread's heap spaces: size reserved from the OS per space (new, old, code, large objects). */
  heapSpacesMb: Record<string, number>;
  /** What V8 itself holds from malloc (its zones: parser, compiler), now and at the most. */
  v8MallocMb: number;
  v8PeakMallocMb: number;
  /** The whole process's RSS by kind of mapping (bench/children/rss-breakdown.ts). */
  rssPartsMb: Record<string, number>;
  heapSnapshot?: string;
  /** `loaded`: from the start to every alert in; `polled`: the cycles. On the wall clock and in this process's CPU (every thread). */
  tookMs?: { wall: number; cpu: number };
}

const args = JSON.parse(process.argv[2]!) as Args;
// Diagnosis: V8 flags set from inside the process, as an app could at its start (only some take effect then).
if (process.env.BENCH_V8_FLAGS) setFlagsFromString(process.env.BENCH_V8_FLAGS);
const MB = 2 ** 20;

/** After a full collection V8's helper threads still free its pages for a moment: what is read then is not what the process keeps. */
const AFTER_GC_MS = 2_000;

async function report(phase: MemoryReport['phase'], tookMs?: MemoryReport['tookMs']): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssRightAfterGcMb = round(process.memoryUsage.rss() / MB);
  await sleep(AFTER_GC_MS);
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().filter((space) => space.space_size > 0).map((space) => [space.space_name, round(space.space_size / MB)]));
  const line: MemoryReport = {
    phase,
    rssMb: round(usage.rss / MB),
    rssRightAfterGcMb,
    heapUsedMb: round(usage.heapUsed / MB),
    heapTotalMb: round(usage.heapTotal / MB),
    externalMb: round(usage.external / MB),
    arrayBuffersMb: round(usage.arrayBuffers / MB),
    heapSpacesMb: spaces,
    v8MallocMb: round(getHeapStatistics().malloced_memory / MB),
    v8PeakMallocMb: round(getHeapStatistics().peak_malloced_memory / MB),
    rssPartsMb: rssBreakdown(),
    ...(tookMs ? { tookMs } : {}),
  };
  // Diagnosis: the memory map behind the RSS breakdown, for reading by hand.
  if (process.env.BENCH_SMAPS_DIR) writeFileSync(path.join(process.env.BENCH_SMAPS_DIR, `${phase}.smaps`), readFileSync('/proc/self/smaps'));
  if (args.heapSnapshots && phase !== 'loaded') line.heapSnapshot = writeHeapSnapshot(path.join(args.dir, `${phase}.heapsnapshot`));
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const round = (mb: number): number => Math.round(mb * 10) / 10;

const configPath = path.join(args.dir, 'config.yaml');
await writeFile(configPath, args.config);
const startedAt = { wall: performance.now(), cpu: process.cpuUsage() };
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
// As browser mode's process does (electron/web.ts).
favourMemoryOnceStarted();
await within(
  new Promise<void>((resolve) => {
    const allIn = () => {
      if (engine.alerts().length !== args.alerts) return;
      engine.off('alertsChanged', allIn);
      resolve();
    };
    engine.on('alertsChanged', allIn);
    allIn();
  }),
  120_000,
  `${args.alerts} alerts`,
);
const alertsInCpu = process.cpuUsage(startedAt.cpu);
// Start-up and the first poll, with the SLOs and runbooks loading meanwhile: a rough figure, to compare flags.
const alertsInMs = { wall: Math.round(performance.now() - startedAt.wall), cpu: Math.round((alertsInCpu.user + alertsInCpu.system) / 1000) };
await waitFor(async () => (engine.slos().slos.length === args.slos && engine.slos().slos.every((slo) => slo.evaluatedAt !== null) ? true : undefined), {
  description: `${args.slos} SLOs evaluated`,
  timeoutMs: 300_000,
});
await waitFor(async () => (engine.snapshot().runbooks.runbooks.length >= args.runbooks ? true : undefined), { description: `${args.runbooks} runbooks`, timeoutMs: 120_000 });
await report('loaded', alertsInMs);
await sleep(args.settleMs);
await report('settled');

const cyclesStart = { wall: performance.now(), cpu: process.cpuUsage() };
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
const cyclesCpu = process.cpuUsage(cyclesStart.cpu);
const cyclesMs = { wall: Math.round(performance.now() - cyclesStart.wall), cpu: Math.round((cyclesCpu.user + cyclesCpu.system) / 1000) };
await sleep(args.settleMs);
await report('polled', cyclesMs);
await host.stop();
