import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['.vite/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer talks to main only through window.vendorRisk: it may use pure
      // domain schemas and contract types, never services, storage or Electron.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer cannot use Electron; go through window.vendorRisk.' },
          ],
          patterns: [
            {
              group: ['**/services/**', '**/storage/**', '**/ipc/dispatch*', '**/main', '**/preload'],
              message: 'The renderer reaches main only through window.vendorRisk.',
            },
            { group: ['node:*'], message: 'The renderer runs sandboxed, without Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                '**/services/**',
                '**/storage/**',
                '**/ipc/**',
                'node:sqlite',
                'node:fs',
                'node:fs/*',
              ],
              message: 'domain/ is pure: no I/O, no electron, no storage.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shell (the main process and what it loads) does no data work: it forwards to the
    // data host. Types may cross; code from the host's side may not.
    files: [
      'electron/main.ts',
      'electron/preload.ts',
      'electron/menu.ts',
      'electron/security.ts',
      'electron/window-bounds.ts',
      'electron/ipc/host-client.ts',
      'electron/ipc/host-protocol.ts',
      'electron/workers/client.ts',
      'electron/workers/protocol.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/services/**',
                '**/storage/**',
                '!**/storage/data-dir',
                '**/ipc/dispatch',
                '**/ipc/app-core',
                '**/ipc/handlers',
                '**/ipc/host-ops',
                'node:sqlite',
                'electron-store',
              ],
              allowTypeImports: true,
              message: 'The main process does no data work: send it to the data host (ipc/host-client.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
