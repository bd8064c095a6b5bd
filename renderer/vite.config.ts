import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs, so the same build loads from file:// in Electron and from the web bridge.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Chromium (Electron and the browser mode) supports module preload natively; the polyfill is dead code.
    modulePreload: { polyfill: false },
  },
});
