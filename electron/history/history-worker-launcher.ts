import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HistoryWorkerData } from './history-protocol';

/**
 * Starts history-worker in each of the three ways the code runs: from the electron-vite build
 * (this code is bundled into `out/main/main.js` and the worker is the sibling entry
 * `history-worker.js`), and from the sources under tsx (`npm run web`) or vitest, where the
 * sibling is `history-worker.ts` and the worker thread needs tsx's loader of its own.
 */
export function startHistoryWorker(data: HistoryWorkerData): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, 'history-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData: data });
  // On Node 20, tsx's `--import tsx` loader registers itself on the main thread only, so a
  // bootstrap registers tsx's ESM hooks in the worker and then imports the TypeScript entry.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(path.join(here, 'history-worker.ts')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
