/**
 * The shell, tested without the Electron binary: the built main process is loaded against
 * a stand-in of Electron's API (test/e2e/boot/boot-main.cjs) in a process of its own, and
 * what it was asked is checked here — the window's options, the app:// protocol with its
 * CSP, the menu, one handler per contract operation, the preload's bridge, and requests
 * from the stand-in preload through the data host and back. A wiring mistake fails here
 * instead of at a user's first `npm start`.
 */
import { test, expect } from '@playwright/test';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { channelFor, OPERATION_NAMES, TEAM_STOP_WAITING_CHANNEL } from '../../electron/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';

const BUILD = resolve(__dirname, '../../.vite/build');

interface Booted {
  ok: boolean;
  error?: string;
  record: Record<string, unknown> & {
    windows: { webPreferences: Record<string, unknown>; minWidth: number; show: boolean }[];
    ipcChannels: string[];
    ipcListened: string[];
    stopsTold: number;
    info: { ok: boolean; value: { version: string; dataDir: string; vendorCount: number } };
  };
}

/** Boots the built main.js in a child process; resolves with its record once it has exited by itself. */
function boot(dataDir: string): Promise<{ booted: Booted; exitCode: number | null }> {
  return new Promise((done, fail) => {
    const child = fork(
      join(__dirname, 'boot/boot-main.cjs'),
      [join(BUILD, 'main.js'), join(BUILD, 'preload.js'), dataDir],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    let booted: Booted | null = null;
    child.on('message', (m) => (booted = m as Booted));
    child.on('error', fail);
    child.on('exit', (exitCode) =>
      booted
        ? done({ booted, exitCode })
        : fail(new Error(`The boot process ended without a record (${exitCode})`)),
    );
  });
}

test('the built main process boots against a stand-in of Electron and serves requests through the data host', async () => {
  if (!existsSync(join(BUILD, 'main.js'))) throw new Error('Main not built: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-boot-'));
  try {
    const { booted, exitCode } = await boot(dataDir);
    expect(booted.error).toBeUndefined();
    const r = booted.record;
    // The process ended by itself after quitting: the host and its workers were closed.
    expect(exitCode).toBe(0);

    // Window, sandbox, permissions, navigation rules.
    expect(r.sandboxEnabled).toBe(true);
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]!.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(r.windows[0]!.webPreferences.preload)).toMatch(/preload\.js$/);
    expect(r.preloadExists).toBe(true);
    expect(r.windows[0]!.show).toBe(false);
    expect(r.permissionHandlers).toBe(2);
    expect(r.contentsEvents).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
    expect(r.windowOpenHandler).toBe(true);
    expect(r.loadedUrls).toEqual(['app://vendor-risk/index.html']);

    // The app:// protocol: privileged, serving the bundle with its CSP, nothing outside it.
    expect(r.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(r.protocolSchemes).toEqual(['app']);
    expect(r.page).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, hasRoot: true });
    expect(r.outside).not.toContain(200);

    // One handler per contract operation, and the preload exposes exactly the bridge.
    expect([...r.ipcChannels].sort()).toEqual(OPERATION_NAMES.map(channelFor).sort());
    expect(r.exposed).toEqual(['vendorRisk']);
    expect(r.apiFunctions).toEqual(
      [
        ...OPERATION_NAMES,
        'onMenuCommand',
        'onProgress',
        'onTeamChange',
        'onTeamWaiting',
        'stopTeamWaiting',
      ].sort(),
    );
    // "Stop waiting": one listener in the main process, which tells the data host at once.
    expect(r.ipcListened).toEqual([TEAM_STOP_WAITING_CHANNEL]);
    expect(r.stopsTold).toBe(1);
    expect(r.menuLabels).toEqual(expect.arrayContaining(['&File', '&Edit', '&View', '&Help']));

    // Round trips from the stand-in preload through the host and back.
    expect(r.info).toEqual({
      ok: true,
      value: expect.objectContaining({ version: '9.9.9-boot', dataDir, vendorCount: 0 }),
    });
    expect(r.created).toMatchObject({ ok: true, value: { name: 'Boot Test Freight' } });
    expect(r.listed).toMatchObject({ ok: true, value: { total: 1 } });
    expect(r.foreign).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(r.demo).toMatchObject({ ok: true });
    expect(r.progressJobs).toEqual(['boot-demo']);
    expect(r.menuCommands).toEqual(['vendor.new']);

    // Quitting waited for the host to close; the window's bounds were kept in the preferences.
    expect(r.quitRequests).toBe(2);
    expect(r.quitFinished).toBe(true);
    const preferences = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8')) as {
      window?: unknown;
    };
    expect(preferences.window).toEqual({ x: 10, y: 20, width: 1100, height: 700, maximized: false });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
