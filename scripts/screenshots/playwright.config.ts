import { defineConfig } from '@playwright/test';
import e2e from '../../test/e2e/playwright.config';

// The README's pictures: the E2E browser set-up, one walk through the sample warehouse.
export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: '*.shots.ts',
  outputDir: '../../test-results/screenshots',
  workers: 1,
  timeout: 300_000,
});
