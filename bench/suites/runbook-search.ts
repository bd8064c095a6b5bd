import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRunbookCatalog } from '../../electron/runbooks/runbook-catalog';
import { createRunbookIndex } from '../../electron/runbooks/runbook-search';
import { percentile, since, type Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

const QUERIES = ['disk full', 'certificate', 'latency slo', 'crash loop pod', 'rollback deploy', 'postgres replica lag', 'error rate checkout', 'dns', 'kafka consumer', 'oom'];

/** N runbooks on disk (variations of the demo's): loading + indexing them, and the p95 of queries. */
export const runbookSearch: BenchSuite = {
  name: 'runbook-search',
  async run(context: BenchContext): Promise<Measurement[]> {
    const count = context.smoke ? 50 : 1_000;
    const size = `${count.toLocaleString('en')} runbooks`;
    const folder = writeRunbooks(count);
    try {
      const load: number[] = [];
      let index = createRunbookIndex([]);
      for (let run = 0; run < context.runs; run++) {
        const start = performance.now();
        const catalog = await loadRunbookCatalog([folder], folder);
        index = createRunbookIndex(catalog.entries);
        load.push(since(start));
        if (catalog.entries.length !== count) throw new Error(`expected ${count} runbooks, loaded ${catalog.entries.length}`);
      }
      const timings: number[] = [];
      for (let round = 0; round < (context.smoke ? 5 : 50); round++) {
        for (const query of QUERIES) {
          const start = performance.now();
          index.search(query);
          timings.push(since(start));
        }
      }
      return [
        { figure: 'runbooks: load + index', size, unit: 'ms', samples: load, target: { max: 1_000 } },
        { figure: 'runbooks: query p95', size, unit: 'ms', samples: [percentile(timings, 95)], target: { max: 10 }, note: `${timings.length} queries` },
      ];
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};

/** Variations of the demo runbooks: other titles, services and tags, same size and shape. */
function writeRunbooks(count: number): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'bench-runbooks-'));
  const demo = path.join(import.meta.dirname, '../../resources/demo/runbooks');
  const templates = readdirSync(demo).map((file) => readFileSync(path.join(demo, file), 'utf8'));
  for (let i = 0; i < count; i++) {
    const text = templates[i % templates.length]!.replace(/^title: (.*)$/m, `title: $1 (${i})`).replace(/^services: \[(.*)\]$/m, `services: [$1, svc-${i % 97}]`);
    writeFileSync(path.join(folder, `runbook-${i}.md`), text);
  }
  return folder;
}
