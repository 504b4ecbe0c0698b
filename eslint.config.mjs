import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** What makes code impure: I/O and Electron. */
const PURE = [
  {
    group: ['electron', 'node:sqlite', 'node:fs', 'node:fs/*'],
    message: 'domain/ is pure: no I/O, no electron, no storage.',
  },
];
const DOMAIN_ONLY = 'domain/ imports only domain/ (services, storage, ipc and the rest import it).';

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
      // domain schemas and the types of the contract and its feature modules, never
      // their values, nor handlers, services, storage or Electron.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer cannot use Electron; go through window.vendorRisk.' },
          ],
          patterns: [
            {
              group: [
                '**/services/**',
                '**/storage/**',
                '**/ipc/dispatch*',
                '**/ipc/handler*',
                '**/ipc/app-core',
                '**/ipc/ops/*-handlers',
                '**/main',
                '**/preload',
              ],
              message: 'The renderer reaches main only through window.vendorRisk.',
            },
            {
              group: ['**/ipc/contract', '**/ipc/ops/*', '!**/ipc/ops/*-handlers'],
              allowTypeImports: true,
              message: 'The renderer imports only types from the contract (import type).',
            },
            { group: ['node:*'], message: 'The renderer runs sandboxed, without Node.' },
          ],
        },
      ],
    },
  },
  // domain/ is pure and imports only domain/ (and the questionnaires' data files).
  {
    files: ['electron/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PURE, { regex: '^\\.\\./(?!\\.\\./questionnaires/)', message: DOMAIN_ONLY }] },
      ],
    },
  },
  {
    files: ['electron/domain/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PURE, { regex: '^\\.\\./\\.\\./(?!\\.\\./questionnaires/)', message: DOMAIN_ONLY }] },
      ],
    },
  },
  // A feature's operations (ipc/ops/<feature>.ts) are loaded by the preload and typed by the
  // page: zod and domain/ only (types from elsewhere). Its handlers call services, not storage.
  {
    files: ['electron/ipc/ops/*.ts'],
    ignores: ['electron/ipc/ops/*-handlers.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\./|\\.\\./\\.\\./domain/)',
              allowTypeImports: true,
              message:
                'ops/<feature>.ts loads only zod and domain/; handlers go in ops/<feature>-handlers.ts.',
            },
            { regex: '-handlers$', message: 'The contract must not load handlers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/ipc/ops/*-handlers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/storage/**'],
              message: 'Handlers call services; storage (and SQL) lives behind them, Electron in main.',
            },
          ],
        },
      ],
    },
  },
  // Services never see SQL: it lives in storage/, behind its interfaces.
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:sqlite', message: 'SQL lives in storage/; add what you need to its interface.' },
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
