import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HistoryWorkerData } from './history-protocol';

/**
 * Starts history-worker in each of the ways the code runs: from a build (this code is bundled
 * into `out/main/main.js` or browser mode's `out/web/web.js`, and the worker is the sibling entry
 * `history-worker.js`), and from the sources under tsx or vitest, where the sibling is
 * `history-worker.ts` and the worker thread needs tsx's loader of its own.
 */
export function startHistoryWorker(data: HistoryWorkerData): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundled, this code may sit in a shared chunk one folder below its entry (`chunks/`).
  const built = [here, path.dirname(here)].map((dir) => path.join(dir, 'history-worker.js')).find((file) => existsSync(file));
  if (built) return new Worker(built, { workerData: data, resourceLimits: RESOURCE_LIMITS });
  // On Node 20, tsx's `--import tsx` loader registers itself on the main thread only, so a
  // bootstrap registers tsx's ESM hooks in the worker and then imports the TypeScript entry.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(path.join(here, 'history-worker.ts')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data, resourceLimits: RESOURCE_LIMITS });
}

/**
 * A small young generation: with V8's default (a 16 MB semi-space, as on the main thread) the
 * worker kept about 25 MB more after writing 30,000 episodes, and wrote them no faster. The old
 * generation keeps V8's default limit, so a large history never runs the worker out of memory.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4 };
