/**
 * Settings → Team database against a throwaway PostgreSQL server: Test connection names the
 * login, its role and the team schema version; Connect switches the app to the team
 * database (a vendor added there through the CLI is listed, the sidebar names the login);
 * a stopped server shows the offline banner (with what was not saved, the form keeping what
 * was typed) until the server is back. Screenshots in light and dark theme.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import {
  test,
  expect,
  APP_URL,
  DATA_HOST,
  STAND_IN_KEYCHAIN,
  startHarness,
  type AppHarness,
} from './harness';
import type { Locator, Page } from '@playwright/test';
import { startDataHost } from '../../electron/ipc/host-client';
import type { HostConfig } from '../../electron/ipc/host-protocol';
import { findPgBin, startThrowawayServer, type ThrowawayServer } from '../pg/server';
import { countingProxy } from '../pg/counting-proxy';

const BIN = resolve(__dirname, '../../bin/vendor-risk.cjs');
const DATABASE = 'vendor_risk_e2e';
const PASSWORD = 'dana password 12';
const found = findPgBin();
let server: ThrowawayServer | null = null;
let cliDir = '';

/** The CLI, as a person runs it; its output when it fails. */
function cli(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', cliDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`vendor-risk ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** The server's URL as another login or database. */
function urlAs(user: string, password: string, database: string): string {
  const u = new URL(server!.url);
  u.username = user;
  u.password = encodeURIComponent(password);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Skips the test when no server runs here, printing why (test.skip's reason reaches only the report). */
function skipWithoutServer(): void {
  if (server !== null) return;
  const reason = `PostgreSQL is not available: ${'reason' in found ? found.reason : 'the server did not start'}`;
  console.warn(`team-settings.spec.ts: skipped: ${reason}`);
  test.skip(true, reason);
}

/**
 * Dana's window on the team database through a proxy that can hold what passes (a network
 * that drops packets, a server that hangs: no refusal, no answer), open on the vendor list.
 * `close` ends the window and the proxy.
 */
async function danaBehindProxy(page: Page) {
  const proxy = countingProxy(new URL(server!.url));
  const url = new URL(urlAs('dana', PASSWORD, DATABASE));
  url.port = String(proxy.port);
  const { app, close } = await startHarness(page, { database: url.toString() });
  const closeBoth = async () => {
    await close();
    await proxy.close();
  };
  try {
    await app.open('#/vendors');
    await expect(page.getByText('Nordhafen Spedition').first()).toBeVisible();
  } catch (error) {
    await closeBoth();
    throw error;
  }
  return { app, proxy, close: closeBoth };
}

/** The New vendor dialog, from the menu, filled in for a 3PL named `name` (not saved yet); its form. */
async function newVendor(app: AppHarness, name: string) {
  await app.menu('vendor.new');
  await app.page.locator('#vendor-name').fill(name);
  await app.page.locator('#vendor-category').selectOption('3pl');
  return app.page.getByRole('form', { name: 'New vendor' });
}

/**
 * Saves the New vendor dialog, waits for the team database to be shown as not answering, and
 * presses "Stop waiting" on the strip in the dialog (a modal dialog makes the window behind
 * it inert, its strip included).
 */
async function saveThenStopWaiting(app: AppHarness, form: Locator) {
  await form.getByRole('button', { name: 'Save vendor' }).click();
  const strip = app.page.getByRole('dialog', { name: 'New vendor' }).getByTestId('team-waiting-banner');
  await expect(strip).toContainText('The team database is not answering', { timeout: 30_000 });
  await strip.getByRole('button', { name: 'Stop waiting' }).click();
}

/** How many vendors named `name` the team database has, as Dana's command line lists them. */
function vendorsNamed(name: string): number {
  const listed = JSON.parse(
    cli(['vendors', 'list', '--json'], { VENDOR_RISK_DATABASE_URL: urlAs('dana', PASSWORD, DATABASE) }),
  ) as { items: { name: string }[] };
  return listed.items.filter((v) => v.name === name).length;
}

test.beforeAll(async () => {
  if ('reason' in found) {
    console.log(`team-settings.spec: skipped: ${found.reason}`);
    return;
  }
  test.setTimeout(120_000);
  server = await startThrowawayServer(found.binDir);
  cliDir = mkdtempSync(join(tmpdir(), 'vendor-risk-e2e-cli-'));
  const owner = new pg.Client({ connectionString: server.url });
  await owner.connect();
  await owner.query(`CREATE DATABASE ${DATABASE}`);
  await owner.end();
  const ownerUrl = new URL(server.url);
  ownerUrl.pathname = `/${DATABASE}`;
  cli(['team', 'init', '--database', ownerUrl.toString()]);
  cli(['team', 'user', 'add', 'dana', '--role', 'procurement', '--database', ownerUrl.toString()], {
    VENDOR_RISK_NEW_PASSWORD: PASSWORD,
  });
  cli(['vendors', 'add', '--name', 'Nordhafen Spedition', '--category', '3pl'], {
    VENDOR_RISK_DATABASE_URL: urlAs('dana', PASSWORD, DATABASE),
  });
});

test.afterAll(() => {
  server?.stop();
  if (cliDir) rmSync(cliDir, { recursive: true, force: true });
});

test('the command line lists the team database named by --database=URL, and refuses a wrong password with exit 2 and one line', () => {
  skipWithoutServer();
  // --database=URL (the start-up reads this spelling too) as the procurement login.
  const listed = JSON.parse(
    cli([`--database=${urlAs('dana', PASSWORD, DATABASE)}`, 'vendors', 'list', '--json']),
  ) as { items: { name: string }[] };
  expect(listed.items.map((v) => v.name)).toContain('Nordhafen Spedition');
  // A wrong password: refused with exit 2 and one line naming the login, not a hang or a stack.
  const refused = spawnSync(
    process.execPath,
    [BIN, '--data-dir', cliDir, '--database', urlAs('dana', 'not the password', DATABASE), 'vendors', 'list'],
    { encoding: 'utf8' },
  );
  expect(refused.status).toBe(2);
  expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  expect(refused.stderr).toMatch(/password authentication failed for user "dana"/);
});

test('the command line logs in only to work: none for --version or --help, one for a wrong password', async () => {
  skipWithoutServer();
  const proxy = countingProxy(new URL(server!.url));
  try {
    const through = (password: string) => {
      const u = new URL(urlAs('dana', password, DATABASE));
      u.host = `127.0.0.1:${proxy.port}`;
      return u.toString();
    };
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [BIN, '--data-dir', cliDir, ...args], {
        env: { ...process.env, VENDOR_RISK_DATABASE_URL: through(PASSWORD) },
      });
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run(['vendors', 'list', '--help'])).stdout).toContain('vendor-risk vendors list');
    expect(proxy.connections()).toBe(0);
    // A wrong password: the start-up's early login is the only one (not the command's too).
    const refused = await run(['--database', through('not the password'), 'vendors', 'list']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in refused && refused.code).toBe(2);
    expect(refused.stderr).toMatch(/password authentication failed for user "dana"/);
    expect(proxy.connections()).toBe(1);
  } finally {
    await proxy.close();
  }
});

test('Settings → Team database connects, shows the login and role, and rides out a stopped server', async ({
  app,
}) => {
  skipWithoutServer();
  test.setTimeout(150_000);
  const { page } = app;
  const shot = async (name: string) => {
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.screenshot({ path: `test-results/screens/team-${name}-${theme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };

  await app.open('#/settings');
  const section = page.getByRole('region', { name: 'Team database' });
  await expect(section.getByText('this computer’s own data')).toBeVisible();
  await expect(page.getByTestId('team-status')).toContainText('This computer’s data');

  // A host other than this machine gets verify-full until a mode is chosen; this machine none.
  await section.getByLabel('Host', { exact: true }).fill('db.example.internal');
  await expect(section.getByLabel('TLS')).toHaveValue('verify-full');
  await section.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await expect(section.getByLabel('TLS')).toHaveValue('disable');
  await section.getByLabel('Port').fill(String(server!.port));
  await section.getByLabel('Database', { exact: true }).fill(DATABASE);
  await section.getByLabel('Your login').fill('dana');
  await expect(section.getByText('There is no keychain here')).toBeVisible();

  // A wrong password: the exact problem, in the form (not the offline banner).
  await section.getByLabel('Password', { exact: true }).fill('not the password');
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByTestId('team-outcome')).toContainText(
    'password authentication failed for user "dana"',
  );
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  await section.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByTestId('team-outcome')).toContainText(
    /The connection works: logged in as dana \(procurement\), team schema version \d+\./,
  );
  await section.scrollIntoViewIfNeeded();
  await shot('settings-tested');

  await section.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(section.getByTestId('team-login')).toHaveText('dana (procurement)');
  const status = page.getByTestId('team-status');
  await expect(status).toContainText('Team database');
  await expect(status).toContainText('dana (procurement)');
  await expect(status).toContainText(`127.0.0.1:${server!.port}/${DATABASE}`);
  await shot('settings-connected');

  // The portfolio is the team database's: the vendor added there through the CLI.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vendors' }).click();
  await expect(page.getByText('Nordhafen Spedition').first()).toBeVisible();

  // The server stops while a new vendor is being typed: the save fails, the banner says so.
  server!.crash();
  await app.menu('vendor.new');
  const dialog = page.getByRole('form', { name: 'New vendor' });
  const name = page.locator('#vendor-name');
  await name.fill('Kaiser Kühllogistik');
  await page.locator('#vendor-category').selectOption('3pl');
  await dialog.getByRole('button', { name: 'Save vendor' }).click();
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('The team database cannot be reached — retrying…');
  await expect(banner).toContainText('Not saved: vendors: create');
  await expect(name).toHaveValue('Kaiser Kühllogistik');
  await shot('offline');

  // Back: the banner clears by itself, and the typed vendor saves.
  server!.restart();
  await expect(banner).toBeHidden({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Save vendor' }).click();
  await expect(page.getByRole('heading', { name: 'Kaiser Kühllogistik' }).first()).toBeVisible();
  const listed = cli(['vendors', 'list', '--json'], {
    VENDOR_RISK_DATABASE_URL: urlAs('dana', PASSWORD, DATABASE),
  });
  expect(listed).toContain('Kaiser Kühllogistik');

  // Disconnect: back to this computer's own (empty) data.
  await app.open('#/settings');
  await page
    .getByRole('region', { name: 'Team database' })
    .getByRole('button', { name: 'Disconnect' })
    .click();
  await expect(page.getByTestId('team-status')).toContainText('This computer’s data');
});

test('the data host keeps the password sealed by the keychain, reconnects at the next start, and waits for a database away at start', async ({
  page: browserPage,
}) => {
  test.setTimeout(150_000);
  skipWithoutServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-team-host-'));
  const page = { kind: 'page', url: 'app://vendor-risk/index.html', isMainFrame: true } as const;
  const config: HostConfig = {
    dataDir,
    appVersion: '0.0.0-e2e',
    checkIntegrity: false,
    trustedPages: { kind: 'app' },
    keychain: STAND_IN_KEYCHAIN.config,
    desktop: false,
    dailySnapshots: false,
  };
  // A stand-in keychain that seals by reversing the bytes, as the main process is asked.
  const shell = { keychain: STAND_IN_KEYCHAIN.shell };
  const settings = {
    host: '127.0.0.1',
    port: server!.port,
    database: DATABASE,
    user: 'dana',
    tls: 'disable',
    caFile: null,
  } as const;
  try {
    const first = startDataHost(DATA_HOST, shell);
    await first.open(config);
    const connected = await first.dispatch('team.connect', { settings, password: PASSWORD }, page);
    expect(connected).toMatchObject({
      ok: true,
      value: { connected: { login: 'dana', roles: ['procurement'] }, passwordKept: true },
    });
    const names = async (host: typeof first) => {
      const r = await host.dispatch('vendors.list', {}, page);
      return r.ok ? (r.value as { items: { name: string }[] }).items.map((v) => v.name) : r;
    };
    expect(await names(first)).toContain('Nordhafen Spedition');
    await first.close();
    // The preferences remember the connection; the password only sealed.
    const files = readdirSync(dataDir).filter((f) => f.endsWith('.json'));
    const text = files.map((f) => readFileSync(join(dataDir, f), 'utf8')).join('\n');
    expect(text).toContain('"teamDatabase"');
    expect(text).not.toContain(PASSWORD);

    const next = startDataHost(DATA_HOST, shell);
    await next.open(config);
    expect(await next.dispatch('team.status', {}, page)).toMatchObject({
      ok: true,
      value: { connected: { login: 'dana' }, problem: null },
    });
    expect(await names(next)).toContain('Nordhafen Spedition');
    await next.close();

    // The next start finds the server away: this computer's own data meanwhile, said across
    // the top, and the team's portfolio once the server answers again (no restart, no Settings).
    server!.crash();
    const third = await startHarness(browserPage, { dataDir, keychain: true });
    try {
      await third.app.open('#/vendors');
      const banner = browserPage.getByTestId('team-away-banner');
      await expect(banner).toContainText('The team database cannot be reached — retrying…');
      await expect(banner).toContainText(
        `postgresql://dana@127.0.0.1:${server!.port}/${DATABASE} cannot be reached`,
      );
      await expect(banner).toContainText("This computer's own data is shown until it answers.");
      await expect(browserPage.getByTestId('team-status')).toContainText('This computer’s data');
      await expect(browserPage.getByText('Nordhafen Spedition')).toHaveCount(0);
      await expect(banner).toContainText(/Tried \d+ times?\./);
      for (const theme of ['light', 'dark'] as const) {
        await browserPage.emulateMedia({ colorScheme: theme });
        await browserPage.screenshot({ path: `test-results/screens/team-away-at-start-${theme}.png` });
      }
      await browserPage.emulateMedia({ colorScheme: 'light' });

      server!.restart();
      await expect(banner).toBeHidden({ timeout: 60_000 });
      await expect(browserPage.getByTestId('team-status')).toContainText('dana (procurement)');
      await expect(browserPage.getByText('Nordhafen Spedition').first()).toBeVisible();

      const sender = { kind: 'page', url: APP_URL, isMainFrame: true } as const;
      expect(await third.app.dispatcher.dispatch('team.disconnect', {}, sender)).toMatchObject({
        ok: true,
        value: { connected: null, remembered: null, passwordKept: false, away: false },
      });
      const left = await third.app.dispatcher.dispatch('vendors.list', {}, sender);
      expect(left.ok && (left.value as { items: unknown[] }).items).toEqual([]);
    } finally {
      await third.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a team database that goes quiet: the window says it is waiting, and the save goes through once it answers', async ({
  page,
}) => {
  skipWithoutServer();
  test.setTimeout(120_000);
  const { app, proxy, close } = await danaBehindProxy(page);
  try {
    proxy.hold();
    const form = await newVendor(app, 'Lindqvist Lager');
    await form.getByRole('button', { name: 'Save vendor' }).click();
    // Held past the host's notice: the window says so, with how long it has waited, in the
    // open dialog too (a modal dialog makes the rest of the window inert).
    const strip = page.getByRole('dialog', { name: 'New vendor' }).getByTestId('team-waiting-banner');
    await expect(strip).toContainText('The team database is not answering — waiting for it…', {
      timeout: 30_000,
    });
    await expect(strip).toContainText(/No answer for \d+ s\./);
    await expect(page.getByRole('main').getByTestId('team-waiting-banner')).toContainText(
      'The team database is not answering',
    );
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.screenshot({ path: `test-results/screens/team-waiting-${theme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // It answers: the strips go and the save it held goes through, once.
    proxy.release();
    await expect(page.getByTestId('team-waiting-banner')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Lindqvist Lager' }).first()).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    expect(vendorsNamed('Lindqvist Lager')).toBe(1);
  } finally {
    await close();
  }
});

test('"Stop waiting" gives a held save up at once: the offline banner lists it, and it saves once the database is back', async ({
  page,
}) => {
  skipWithoutServer();
  test.setTimeout(120_000);
  const { app, proxy, close } = await danaBehindProxy(page);
  try {
    proxy.hold();
    const form = await newVendor(app, 'Sandvik Cross-Dock');
    await saveThenStopWaiting(app, form);
    // Given up at once (not after the minute): the offline banner says what was not saved, and
    // the form keeps what was typed.
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toContainText('Not saved: vendors: create', { timeout: 15_000 });
    await expect(page.getByTestId('team-waiting-banner')).toHaveCount(0);
    await expect(page.locator('#vendor-name')).toHaveValue('Sandvik Cross-Dock');
    await page.screenshot({ path: 'test-results/screens/team-stopped-waiting-light.png' });

    // The database answers again: the banner goes, and saving again saves it once.
    proxy.release();
    await expect(banner).toBeHidden({ timeout: 60_000 });
    await form.getByRole('button', { name: 'Save vendor' }).click();
    await expect(page.getByRole('heading', { name: 'Sandvik Cross-Dock' }).first()).toBeVisible();
    expect(vendorsNamed('Sandvik Cross-Dock')).toBe(1);
  } finally {
    await close();
  }
});

test('a save whose COMMIT goes unanswered: "Stop waiting" says it may have been made, and it was', async ({
  page,
}) => {
  skipWithoutServer();
  test.setTimeout(120_000);
  const { app, proxy, close } = await danaBehindProxy(page);
  try {
    const form = await newVendor(app, 'Kiruna Freight');
    // The save reaches the server, COMMIT included; the way back is lost from the COMMIT on.
    proxy.holdAnswersFrom('COMMIT');
    await saveThenStopWaiting(app, form);
    // Not "nothing was saved": the save may have been made, and the window says to look first.
    await expect(form).toContainText(
      'after a save was sent to it: the save may have been made — check once it is back before saving again',
      { timeout: 15_000 },
    );
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toContainText('Not confirmed: vendors: create.');
    await expect(banner).not.toContainText('Not saved');
    await page.screenshot({ path: 'test-results/screens/team-unconfirmed-save-light.png' });

    // Back: it was made, once.
    proxy.release();
    await expect(banner).toBeHidden({ timeout: 60_000 });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('row', { name: /Kiruna Freight/ })).toBeVisible();
    expect(vendorsNamed('Kiruna Freight')).toBe(1);
  } finally {
    await close();
  }
});

test('Test connection against a database that does not answer: the window says it waits, then why it gave up', async ({
  app,
}) => {
  skipWithoutServer();
  test.setTimeout(120_000);
  const { page } = app;
  // A server that accepts the connection and never answers the login.
  const proxy = countingProxy(new URL(server!.url));
  proxy.hold();
  try {
    await app.open('#/settings');
    const section = page.getByRole('region', { name: 'Team database' });
    await section.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await section.getByLabel('Port').fill(String(proxy.port));
    await section.getByLabel('Database', { exact: true }).fill(DATABASE);
    await section.getByLabel('Your login').fill('dana');
    await section.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await section.getByRole('button', { name: 'Test connection' }).click();
    const strip = page.getByTestId('team-waiting-banner');
    await expect(strip).toContainText('The team database is not answering — waiting for it…', {
      timeout: 30_000,
    });
    await page.screenshot({ path: 'test-results/screens/team-test-waiting-light.png' });
    // The login gives up after its own 10 s: the strip goes and the form says why.
    await expect(strip).toBeHidden({ timeout: 30_000 });
    await expect(section.getByTestId('team-outcome')).toContainText(/timeout/i);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/team-test-gave-up-light.png' });
    await expect(page.getByTestId('team-status')).toContainText('This computer’s data');
  } finally {
    await proxy.close();
  }
});
