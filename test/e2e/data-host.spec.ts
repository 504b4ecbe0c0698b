/**
 * The data host as the app's main process uses it (the built data-host.js in a thread of
 * its own): the OS keychain answered from this thread while the host waits, preference
 * changes and window bounds, refusing requests once closed, and the same data folder
 * opened again by a new host.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDataHost, type HostShell } from '../../electron/ipc/host-client';
import type { HostConfig } from '../../electron/ipc/host-protocol';

const DATA_HOST = resolve(__dirname, '../../.vite/build/data-host.js');
const PAGE = { kind: 'page', url: 'app://vendor-risk/index.html', isMainFrame: true } as const;

/** A stand-in keychain that seals by reversing the bytes, and counts what it was asked. */
function keychain() {
  const asked = { protect: 0, unprotect: 0 };
  const flip = (b64: string) => Buffer.from(b64, 'base64').reverse().toString('base64');
  return {
    asked,
    protect: (secret: string) => (asked.protect++, flip(secret)),
    unprotect: (sealed: string) => (asked.unprotect++, flip(sealed)),
  };
}

test('the host asks this thread’s keychain, tells it of preferences, keeps window bounds, and opens again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-host-'));
  const config: HostConfig = {
    dataDir,
    appVersion: '1.2.3-host',
    checkIntegrity: true,
    trustedPages: { kind: 'app' },
    keychain: { backend: 'stand-in', secure: true },
    desktop: false,
    dailySnapshots: false,
  };
  const kc = keychain();
  const themes: string[] = [];
  const shell: HostShell = { keychain: kc, onPreferencesChanged: (p) => void themes.push(p.theme) };
  try {
    const host = startDataHost(DATA_HOST, shell);
    expect(host.runsIn).toBe('worker');
    const opened = await host.open(config);
    expect(opened).toMatchObject({ preferencesMovedTo: null, windowBounds: null });
    expect(await host.dispatch('app.info', {}, PAGE)).toMatchObject({
      ok: true,
      value: { version: '1.2.3-host' },
    });
    expect(
      await host.dispatch('app.info', {}, { kind: 'page', url: 'https://example.com/', isMainFrame: true }),
    ).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });

    // Encryption with the keychain: the host waits while this thread seals the key.
    const enabled = await host.dispatch('encryption.enable', {}, PAGE);
    expect(enabled).toMatchObject({
      ok: true,
      value: { enabled: true, unlocked: true, protectedBy: { keychain: true } },
    });
    expect(kc.asked.protect).toBe(1);
    const created = await host.call('vendors.create', {
      name: 'Sealed Notes GmbH',
      category: '3pl',
      notes: 'secret',
    });
    if (!created.ok) throw new Error(created.error.message);

    await host.dispatch('preferences.set', { theme: 'dark' }, PAGE);
    expect(themes).toEqual(['dark']);
    await host.saveWindowBounds({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
    await host.close();
    expect(await host.dispatch('app.info', {}, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: 'The app is closing' },
    });

    // A new host on the same folder: unlocked by the keychain, with the preferences and bounds kept.
    const again = startDataHost(DATA_HOST, shell);
    const reopened = await again.open(config);
    expect(reopened.preferences.theme).toBe('dark');
    expect(reopened.windowBounds).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
    expect(kc.asked.unprotect).toBe(1);
    expect(await again.call('vendors.get', { id: created.value.id })).toMatchObject({
      ok: true,
      value: { notes: 'secret' },
    });
    await again.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
