import path from 'node:path';
import { build } from 'vite';
import { bundledLikeBrowserMode } from '../../vite.web.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Inside the repository, so that the bundle's bare imports resolve from its node_modules; out/ is not committed. */
const OUT_DIR = path.join(ROOT, 'out', 'bench-memory-engine');

/**
 * Bundles bench/children/memory-engine.ts and everything it imports the way browser mode's engine
 * (`npm run web`, the engine in plain Node) is built (vite.web.config.ts): one ES module with the
 * npm packages in it but for the few that find files of their own at run time, and the history
 * worker as the sibling entry `history-worker.js` that electron/history/history-worker-launcher.ts
 * looks for beside the code that starts it. Shared code goes into chunks in the same folder, so
 * the launcher finds the worker whichever file it lands in. Answers the path of the entry to run.
 */
export async function buildMemoryChild(): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    envDir: false,
    ...bundledLikeBrowserMode,
    build: {
      ssr: true,
      outDir: OUT_DIR,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: {
          'memory-engine': path.join(ROOT, 'bench/children/memory-engine.ts'),
          'history-worker': path.join(ROOT, 'electron/history/history-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  return path.join(OUT_DIR, 'memory-engine.js');
}
