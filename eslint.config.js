import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The only files that may touch Electron APIs; everything else in electron/ is plain Node that tests run for real. */
const ELECTRON_FACING_FILES = ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/tray.ts', 'electron/ipc.ts'];

const ELECTRON_ONLY = 'Only the Electron-facing files (main, preload, window, tray, ipc) may import electron; keep logic in plain Node modules.';

const electronImportBan = {
  paths: [
    { name: 'electron', message: ELECTRON_ONLY },
    { name: 'electron-store', message: 'electron-store only loads inside Electron: use the SettingsStore interface (electron/persistence/settings-store.ts).' },
  ],
  patterns: [{ regex: '^electron/', message: ELECTRON_ONLY }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', electronImportBan],
    },
  },
  {
    files: ELECTRON_FACING_FILES,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...electronImportBan,
          patterns: [
            ...electronImportBan.patterns,
            { group: ['**/electron/**', 'node:*'], message: 'The renderer talks to the main process only through the shared API contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronImportBan,
          patterns: [
            ...electronImportBan.patterns,
            { group: ['**/electron/**', '**/renderer/**', 'node:*'], message: 'shared/ runs on both sides: no Node, no main or renderer code.' },
          ],
        },
      ],
    },
  },
);
