/**
 * Opens the production renderer build in Chromium with window.vendorRisk wired to the
 * data host the app uses — the built `data-host.js` in a thread of its own, started and
 * answered by the same client as the app's main process — on a temporary data folder.
 * The page is served through the same request resolver (and CSP headers) as the app://
 * protocol; the only thing not exercised is Electron's IPC transport (the boot test
 * covers the main process's wiring).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import type { AppServices } from '../../electron/services/services';
import { openAppCore, type AppCore } from '../../electron/ipc/app-core';
import { startDataHost, type DataHost } from '../../electron/ipc/host-client';
import { OPERATION_NAMES, type MenuCommand } from '../../electron/ipc/contract';
import { resolveAppRequest } from '../../electron/security';
import { PREFERENCES_FILE } from '../../electron/services/preferences';

export const RENDERER_DIR = resolve(__dirname, '../../.vite/renderer/main_window');
/** The data host's bundle, as the app starts it. */
export const DATA_HOST = resolve(__dirname, '../../.vite/build/data-host.js');
const ORIGIN = { scheme: 'http', host: 'vendor-risk.test' };
export const APP_URL = `${ORIGIN.scheme}://${ORIGIN.host}/index.html`;

export interface AppHarness {
  page: Page;
  dataDir: string;
  /**
   * The services on a second connection to the same data folder, opened on first use:
   * for seeding and checking what the host wrote (as the CLI shares a folder with the app).
   */
  services: AppServices;
  /** The data host the page talks to: calls from the test are the app's own (trusted) calls. */
  dispatcher: Pick<DataHost, 'call' | 'dispatch'>;
  /** Opens the app (optionally at a hash route) and waits for the shell. */
  open(hash?: string): Promise<void>;
  /** Sends a command as the native menu would. */
  menu(command: MenuCommand): Promise<void>;
  /** The app's save dialog, stood in for: what it offered, and what it answers (a path in `saveDir`, or cancel). */
  saveDialog: { offered: string[]; answer: 'save' | 'cancel' };
  /**
   * The app's open dialog, stood in for: the file it answers (null: cancel), and the files or
   * folders it answers when several may be chosen (empty: cancel).
   */
  openDialog: { answer: string | null; answers: string[]; asked: { extension: string; folders: boolean }[] };
  /** Where the stand-in save dialog saves. */
  saveDir: string;
  /** Files "Show in folder" was asked to show. */
  shownInFolder: string[];
  /**
   * Holds the page's calls of one operation until the returned function is called: what a
   * slow answer looks like, made certain instead of hoped for under load.
   */
  hold(operation: string): () => void;
}

/** How a page's app is opened: on its own temporary folder, optionally on a team database as a login. */
export interface HarnessOptions {
  /** A team database's URL (the login's own): the data host opens the portfolio there. */
  database?: string;
  /** This data folder instead of a new one (left in place on close): a second start of the app. */
  dataDir?: string;
  /** A keychain that protects secrets ({@link STAND_IN_KEYCHAIN}), as a desktop's would. */
  keychain?: boolean;
}

/** A stand-in OS keychain for the data host: it "seals" by reversing the bytes (base64 in and out). */
export const STAND_IN_KEYCHAIN = {
  config: { backend: 'stand-in', secure: true },
  shell: {
    protect: (b64: string) => Buffer.from(b64, 'base64').reverse().toString('base64'),
    unprotect: (b64: string) => Buffer.from(b64, 'base64').reverse().toString('base64'),
  },
} as const;

/**
 * Opens the app's data host for `page` and wires the page to it (what the `app` fixture
 * does for each test; a test with two people calls it once per page). `close` ends it.
 */
export async function startHarness(
  page: Page,
  options: HarnessOptions = {},
): Promise<{ app: AppHarness; close(): Promise<void> }> {
  {
    if (!existsSync(join(RENDERER_DIR, 'index.html')))
      throw new Error('Renderer not built: run `npm run build` first');
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vendor-risk-e2e-'));
    const saveDir = mkdtempSync(join(tmpdir(), 'vendor-risk-e2e-saved-'));
    const saveDialog: AppHarness['saveDialog'] = { offered: [], answer: 'save' };
    const shownInFolder: string[] = [];
    const openDialog: AppHarness['openDialog'] = { answer: null, answers: [], asked: [] };
    const host = startDataHost(DATA_HOST, {
      ...(options.keychain ? { keychain: STAND_IN_KEYCHAIN.shell } : {}),
      desktop: {
        chooseSavePath: async (name) => {
          saveDialog.offered.push(name);
          return saveDialog.answer === 'save' ? join(saveDir, name) : null;
        },
        chooseOpenPath: async () => openDialog.answer,
        chooseOpenPaths: async (request) => {
          openDialog.asked.push(request);
          return openDialog.answers;
        },
        showInFolder: (path) => void shownInFolder.push(path),
      },
      onProgress: (event) => {
        void page.evaluate((e) => window.__vendorRiskEmit?.('progress', e), event).catch(() => {});
      },
      onTeamChange: (change) => {
        void page.evaluate((c) => window.__vendorRiskEmit?.('team-change', c), change).catch(() => {});
      },
      onTeamWaiting: (waiting) => {
        void page.evaluate((w) => window.__vendorRiskEmit?.('team-waiting', w), waiting).catch(() => {});
      },
      onInternalError: ({ operation, message }) => console.error(`[${operation}]`, message),
    });
    await host.open({
      dataDir,
      appVersion: '0.0.0-e2e',
      checkIntegrity: false,
      trustedPages: { kind: 'origin', ...ORIGIN },
      keychain: options.keychain ? STAND_IN_KEYCHAIN.config : null,
      desktop: true,
      dailySnapshots: false,
      actorOverride: 'E2E Tester',
      ...(options.database ? { database: options.database } : {}),
    });
    /** A second connection, for seeding and checks (opened on first use). */
    const second: { core: AppCore | null } = { core: null };
    const localCore = () =>
      (second.core ??= openAppCore({
        dataDir,
        preferences: new Conf<Record<string, unknown>>({
          cwd: dataDir,
          configName: PREFERENCES_FILE.configName,
        }),
        appVersion: '0.0.0-e2e',
        actorOverride: 'E2E Tester',
        isTrustedPageUrl: () => false,
      }));

    await page.route(`${ORIGIN.scheme}://${ORIGIN.host}/**`, async (route) => {
      const resolved = resolveAppRequest(route.request().url(), RENDERER_DIR, ORIGIN);
      if (!resolved.ok) return route.fulfill({ status: resolved.status, body: '' });
      try {
        return await route.fulfill({
          status: 200,
          headers: resolved.headers,
          body: readFileSync(resolved.filePath),
        });
      } catch {
        return route.fulfill({ status: 404, body: '' });
      }
    });
    const held = new Map<string, Promise<void>>();
    await page.exposeBinding('__vendorRiskInvoke', async (source, operation: string, payload: unknown) => {
      await held.get(operation);
      return host.dispatchText(operation, payload, {
        kind: 'page',
        url: source.frame.url(),
        isMainFrame: source.frame === source.page.mainFrame(),
      });
    });
    // "Stop waiting" goes to the host client, as the main process's listener sends it.
    await page.exposeBinding('__vendorRiskStopWaiting', () => host.stopWaiting());
    await page.addInitScript((names: string[]) => {
      type Listener = (payload: unknown) => void;
      const listeners: Record<string, Set<Listener>> = {
        progress: new Set(),
        menu: new Set(),
        'team-change': new Set(),
        'team-waiting': new Set(),
      };
      const invoke = (
        window as unknown as { __vendorRiskInvoke: (op: string, p: unknown) => Promise<unknown> }
      ).__vendorRiskInvoke;
      const api: Record<string, unknown> = {};
      // Answers come as JSON text, parsed here as the preload parses them.
      for (const name of names)
        api[name] = async (request: unknown) =>
          JSON.parse((await invoke(name, request)) as string) as unknown;
      const subscribe = (channel: string) => (listener: Listener) => {
        listeners[channel]!.add(listener);
        return () => listeners[channel]!.delete(listener);
      };
      api.onProgress = subscribe('progress');
      api.onMenuCommand = subscribe('menu');
      api.onTeamChange = subscribe('team-change');
      api.onTeamWaiting = subscribe('team-waiting');
      api.stopTeamWaiting = () =>
        void (
          window as unknown as { __vendorRiskStopWaiting: () => Promise<void> }
        ).__vendorRiskStopWaiting();
      Object.defineProperty(window, 'vendorRisk', { value: Object.freeze(api) });
      Object.defineProperty(window, '__vendorRiskEmit', {
        value: (channel: string, payload: unknown) => listeners[channel]?.forEach((l) => l(payload)),
      });
    }, OPERATION_NAMES);

    const harness: AppHarness = {
      page,
      dataDir,
      get services() {
        return localCore().services;
      },
      dispatcher: host,
      async open(hash = '') {
        if (page.url().startsWith(APP_URL)) await page.goto('about:blank'); // a new document, not a hash change
        await page.goto(APP_URL + hash);
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      },
      async menu(command) {
        await page.evaluate((c) => window.__vendorRiskEmit?.('menu', c), command);
      },
      saveDialog,
      openDialog,
      saveDir,
      shownInFolder,
      hold(operation) {
        let release!: () => void;
        held.set(operation, new Promise<void>((r) => (release = r)));
        return () => {
          held.delete(operation);
          release();
        };
      },
    };
    return {
      app: harness,
      async close() {
        // The page first, so no request of its arrives after the host has closed.
        await page.close();
        await host.close();
        second.core?.close();
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
        rmSync(saveDir, { recursive: true, force: true });
      },
    };
  }
}

export const test = base.extend<{ app: AppHarness }>({
  app: async ({ page }, use) => {
    const { app, close } = await startHarness(page);
    await use(app);
    await close();
  },
});

declare global {
  interface Window {
    __vendorRiskEmit?: (channel: string, payload: unknown) => void;
  }
}

export { expect };
