import { defineConfig } from '@playwright/test';
import e2e from '../test/e2e/playwright.config';

// Benchmarks reuse the E2E browser set-up; they print numbers and ratios, they do not time out on them.
export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  workers: 1,
  timeout: 180_000,
});
