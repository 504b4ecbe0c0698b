import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const systemChromium = '/usr/bin/chromium';

// The app's requests go to the built data host, which finds its workers beside it. Services run
// from source in this process (import-worker.spec.ts, the harness's second connection) use the
// built workers too, as the app does.
process.env.VENDOR_RISK_REPORT_WORKER ??= resolve(__dirname, '../../.vite/build/report-renderer.js');
process.env.VENDOR_RISK_IMPORT_WORKER ??= resolve(__dirname, '../../.vite/build/device-importer.js');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  reporter: [['list']],
  workers: 2,
  // Waits are for states: on a machine busy with other work a restore or a first render in a
  // fresh worker can take longer than on a quiet one, so a state is given time to come, while
  // a quiet machine moves on the moment it does.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      // Debian's Chromium where it exists (Playwright cannot download its own here).
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
