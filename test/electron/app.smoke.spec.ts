import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Relative to the repo root; the lead's Vite/Forge layout. */
const MAIN_ENTRY = path.join('.vite', 'build', 'main.js');

type BinaryCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Executable path inside node_modules/electron/dist, as electron/install.js names it. */
function platformExecutable(): string {
  switch (process.platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * Finds the Electron binary the way node_modules/electron/index.js does, but
 * without requiring that module: since Electron 45 `require('electron')`
 * downloads the binary on first use (spawnSync of install.js) when it is
 * missing, which would hang or fail on an offline machine.
 */
function findElectronBinary(repoRoot: string): BinaryCheck {
  const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
  let electronDir: string;
  try {
    electronDir = path.dirname(requireFromRoot.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (npm install)' };
  }

  const pathFile = path.join(electronDir, 'path.txt');
  const recorded = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf-8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, recorded || 'electron')
    : path.join(electronDir, 'dist', recorded || platformExecutable());

  if (!fs.existsSync(binary)) {
    const where = path.relative(repoRoot, binary) || binary;
    const why = override
      ? 'ELECTRON_OVERRIDE_DIST_PATH points at a folder without it'
      : recorded
        ? 'node_modules/electron/path.txt names it but the file is gone'
        : 'never downloaded: Electron fetches it lazily on first require, and that download ' +
          'is not reachable from this machine; run `npx install-electron` where it is';
    return { ok: false, reason: `no Electron binary at ${where} (${why})` };
  }
  return { ok: true, path: binary };
}

/** Why the smoke test cannot run here, or undefined when it can. */
function skipReason(repoRoot: string): string | undefined {
  if (!fs.existsSync(path.join(repoRoot, MAIN_ENTRY))) {
    return `${MAIN_ENTRY} is missing (run \`npm run build\` first)`;
  }
  const binary = findElectronBinary(repoRoot);
  if (!binary.ok) return binary.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no X or Wayland display (run it under xvfb-run)';
  }
  return undefined;
}

function childEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  delete env.ELECTRON_RUN_AS_NODE;
  env.VENDOR_RISK_DATA_DIR = dataDir;
  return env;
}

test('launches the app and adds a vendor through the UI', async () => {
  // testDir is this folder whatever the module format; the repo root is two up.
  const repoRoot = path.resolve(test.info().project.testDir, '..', '..');

  const reason = skipReason(repoRoot);
  if (reason) console.log(`Electron smoke test skipped: ${reason}`);
  test.skip(reason !== undefined, reason);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-risk-smoke-'));
  let app: ElectronApplication | undefined;
  try {
    // No executablePath: Playwright then resolves electron/index.js itself (the
    // binary exists, so nothing is downloaded) and injects its loader script.
    app = await electron.launch({
      args: [MAIN_ENTRY],
      cwd: repoRoot,
      env: childEnv(dataDir),
    });

    const window = await app.firstWindow();
    await expect(window).toHaveTitle('Vendor Risk Desk');

    await window.getByRole('button', { name: 'Add vendor' }).click();
    await window.getByLabel('Name', { exact: true }).fill('Smoke Test Vendor');
    await window.getByLabel('Category', { exact: true }).selectOption('wms-saas');
    await window.getByRole('button', { name: 'Save vendor' }).click();

    await expect(window.getByText('Smoke Test Vendor').first()).toBeVisible();
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
