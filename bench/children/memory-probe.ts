/**
 * Diagnosis of the engine-memory benchmark: runs its child once at the full size with other
 * Node/V8 flags or environment, and prints each report with its RSS breakdown.
 *
 *   npx tsx bench/children/memory-probe.ts [--cycles 300] [--settle 30000] [--snapshots]
 *     [--flag --max-semi-space-size=4 ...] [--env MALLOC_ARENA_MAX=2 ...]
 */
import { measureEngineMemory, type ChildOptions } from '../suites/engine-memory';

const argv = process.argv.slice(2);
const valuesOf = (name: string): string[] => argv.flatMap((arg, i) => (arg === name && argv[i + 1] !== undefined ? [argv[i + 1]!] : []));
const numberOf = (name: string, fallback: number): number => Number(valuesOf(name)[0] ?? fallback);

const options: ChildOptions = {
  heapSnapshots: argv.includes('--snapshots'),
  nodeArgs: valuesOf('--flag'),
  env: Object.fromEntries(valuesOf('--env').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
};
const sizes = { alerts: numberOf('--alerts', 10_000), slos: numberOf('--slos', 200), runbooks: numberOf('--runbooks', 1_000), cycles: numberOf('--cycles', 300), settleMs: numberOf('--settle', 30_000) };
const log = (message: string): void => void process.stdout.write(`${message}\n`);
log(`probe: ${JSON.stringify({ ...sizes, ...options })}`);
const reports = await measureEngineMemory(sizes, log, options);
for (const report of reports) {
  log(`${report.phase}: RSS ${report.rssMb} MB (right after gc ${report.rssRightAfterGcMb}); heap ${report.heapUsedMb}/${report.heapTotalMb} MB ${JSON.stringify(report.heapSpacesMb)}; external ${report.externalMb} (array buffers ${report.arrayBuffersMb}), V8 malloc ${report.v8MallocMb} (peak ${report.v8PeakMallocMb}); ${JSON.stringify(report.rssPartsMb)}${report.tookMs ? `; took ${report.tookMs.wall} ms, CPU ${report.tookMs.cpu} ms` : ''}`);
}
const [settled, polled] = [reports.find((r) => r.phase === 'settled')!, reports.find((r) => r.phase === 'polled')!];
log(`growth: ${(((polled.rssMb - settled.rssMb) / settled.rssMb) * 100).toFixed(1)} %`);
