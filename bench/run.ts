/**
 * `npm run bench` runs every benchmark at its real size and prints one table;
 * `npm run bench -- --smoke` runs each at a tiny size (CI does, so the suite keeps working);
 * `--only <name>` runs one suite. Results also go to bench/results/latest.json (smoke: smoke.json).
 */
import path from 'node:path';
import { measureCpuSteal } from './lib/cpu-steal';
import { summarise, type FigureResult } from './lib/figures';
import { formatTable, writeResults } from './lib/report';
import type { BenchSuite } from './lib/suite';
import { alertIngest } from './suites/alert-ingest';
import { engineMemory } from './suites/engine-memory';
import { idleCost } from './suites/idle-cost';
import { notificationLatency } from './suites/notification-latency';
import { rendererBench } from './suites/renderer';
import { runbookSearch } from './suites/runbook-search';
import { sloEvaluation } from './suites/slo-evaluation';

const SUITES: BenchSuite[] = [alertIngest, notificationLatency, idleCost, sloEvaluation, runbookSearch, engineMemory, rendererBench];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const suites = only ? SUITES.filter((suite) => suite.name === only) : SUITES;
  if (suites.length === 0) throw new Error(`no benchmark named "${only}" (there are: ${SUITES.map((suite) => suite.name).join(', ')})`);
  const results: FigureResult[] = [];
  const failures: string[] = [];
  const cpuStolen: Record<string, number | null> = {};
  for (const suite of suites) {
    process.stdout.write(`running ${suite.name}${smoke ? ' (smoke)' : ''}…\n`);
    const steal = measureCpuSteal();
    try {
      const measurements = await suite.run({ smoke, runs: smoke ? 1 : 5, log: (message) => process.stdout.write(`  ${message}\n`) });
      results.push(...measurements.map(summarise));
    } catch (error) {
      failures.push(`${suite.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    const stolen = (cpuStolen[suite.name] = steal.stop());
    if (stolen !== null) process.stdout.write(`  CPU time taken by the hypervisor for other guests meanwhile (steal): ${stolen.toFixed(1)} %\n`);
  }
  process.stdout.write(`\n${formatTable(results)}\n`);
  const file = path.join(import.meta.dirname, 'results', smoke ? 'smoke.json' : 'latest.json');
  writeResults(file, results, smoke, cpuStolen);
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} benchmark(s) could not run:\n${failures.join('\n')}\n`);
    process.exitCode = 1;
  }
}

void main();
