import { defineConfig } from '@playwright/test';

/**
 * Electron smoke test: launches the built main process (.vite/build/main.js)
 * with the Electron binary from node_modules and drives the real window.
 *
 * Build first (`npm run build`). The spec skips itself, printing why, when the
 * build output or the Electron binary is missing, or on Linux without a display.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
});
