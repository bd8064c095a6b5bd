import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Browser mode's engine process as a plain-Node bundle (`out/web/web.js`), so `npm run web` starts
 * without compiling TypeScript. The history worker is a second entry beside it, where
 * electron/history/history-worker-launcher.ts looks. Packages are bundled too: importing them one
 * file at a time from node_modules (zod, yaml, date-fns, undici: hundreds of modules) took longer
 * than the rest of the start. Those that find files of their own at run time stay external.
 */
/** How packages are bundled: shared with the engine-memory benchmark's child (bench/children/build-memory-child.ts), built the same way. */
export const bundledLikeBrowserMode = {
  resolve: {
    // conf's schema validator and migration helper, unused by the app: see the stub.
    alias: [/^ajv\/dist\/2020\.js$/, /^ajv-formats$/, /^semver$/].map((find) => ({ find, replacement: resolve(import.meta.dirname, 'electron/persistence/conf-unused-deps.ts') })),
  },
  ssr: {
    noExternal: true as const,
    // node-notifier runs binaries it ships; node-sqlite3-wasm loads its .wasm beside it; ws has optional native add-ons.
    external: ['node-notifier', 'node-sqlite3-wasm', 'ws'],
  },
};

export default defineConfig({
  // No public folder, no .env lookups: this is a Node build of electron/ and shared/.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  ...bundledLikeBrowserMode,
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(import.meta.dirname, 'out/web'),
    // Overwritten in place, not emptied first: a browser mode starting meanwhile (tests, benchmarks) still finds its files.
    emptyOutDir: false,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        web: resolve(import.meta.dirname, 'electron/web.ts'),
        'history-worker': resolve(import.meta.dirname, 'electron/history/history-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
    },
  },
});
