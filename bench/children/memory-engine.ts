/**
 * The engine as the app wires it, in its own process so its RSS is its own: loads the given
 * config (alerts, SLOs, runbooks), reports RSS once everything is in, polls `cycles` times
 * and reports RSS again. Prints one JSON line per report. Run by bench/suites/engine-memory.ts.
 */
import { startTestHost } from '../../test/helpers/engine-host';
import { waitFor } from '../../test/helpers/servers';
import { within } from '../lib/figures';
import type { SourceHealth } from '../../shared/model';

interface Args {
  dir: string;
  config: string;
  alerts: number;
  slos: number;
  runbooks: number;
  cycles: number;
}

const args = JSON.parse(process.argv[2]!) as Args;

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

const host = await startTestHost({ dir: args.dir, config: args.config });
const { engine } = host;
await waitFor(async () => engine.alerts().length === args.alerts || undefined, { description: `${args.alerts} alerts`, timeoutMs: 120_000 });
await waitFor(async () => engine.slos().slos.length === args.slos && engine.slos().slos.every((slo) => slo.evaluatedAt !== null) ? true : undefined, { description: `${args.slos} SLOs evaluated`, timeoutMs: 300_000 });
await waitFor(async () => (engine.snapshot().runbooks.runbooks.length >= args.runbooks ? true : undefined), { description: `${args.runbooks} runbooks`, timeoutMs: 120_000 });
process.stdout.write(`${JSON.stringify({ phase: 'loaded', rssMb: rssMb() })}\n`);

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
process.stdout.write(`${JSON.stringify({ phase: 'polled', rssMb: rssMb() })}\n`);
await host.stop();
