/**
 * Benchmarks measure what the app's main process would feel: requests go to the built
 * data host (`startDataHost`, as main.ts starts it) and the longest block is this
 * process's event loop. Long operations are given a job id as the app's pages give them
 * (useJob), so their progress crosses to this thread and is handed on as main.ts hands it
 * to the window. Seeding uses the services on a second connection to the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { openAppCore, type AppCore } from '../electron/ipc/app-core';
import { startDataHost, type DataHost, type HostShell } from '../electron/ipc/host-client';
import { PREFERENCES_FILE } from '../electron/services/preferences';

/** The built data host (npm run bench builds first). */
export const DATA_HOST = join(__dirname, '../.vite/build/data-host.js');
/** The clock every benchmark runs at. */
export const BENCH_NOW = '2026-11-24T12:00:00Z';

/** A data folder (fresh unless given) with the data host open on it, and seeding services on demand. */
export async function benchHost(options: { dataDir?: string; shell?: HostShell } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vendor-risk-bench-'));
  let progressEvents = 0;
  const host: DataHost = startDataHost(DATA_HOST, {
    // main.ts: `mainWindow.webContents.send(PROGRESS_CHANNEL, event)`, which serializes the
    // event with the structured clone algorithm; here the same clone, and a count.
    onProgress: (event) => {
      structuredClone(event);
      progressEvents += 1;
    },
    ...options.shell,
  });
  if (host.runsIn !== 'worker') throw new Error('the data host is not built: run `npm run bench`');
  await host.open({
    dataDir,
    appVersion: 'bench',
    checkIntegrity: false,
    trustedPages: { kind: 'app' },
    keychain: null,
    desktop: false,
    dailySnapshots: false,
    actorOverride: 'Bench Runner',
    fixedNow: BENCH_NOW,
  });
  let seeding: AppCore | null = null;
  return {
    dataDir,
    /** The app's own requests, through the host. */
    dispatcher: host,
    /** Progress events the host sent this thread so far (for requests given a job id). */
    get progressEvents() {
      return progressEvents;
    },
    /** Services on a second connection, for seeding (not measured). */
    get services() {
      seeding ??= openAppCore({
        dataDir,
        preferences: new Conf({ cwd: dataDir, configName: PREFERENCES_FILE.configName }),
        appVersion: 'bench',
        actorOverride: 'Bench Runner',
        isTrustedPageUrl: () => false,
        now: () => new Date(BENCH_NOW),
      });
      return seeding.services;
    },
    /** Closes the host (and the seeding connection); removes a fresh folder unless `keep`. */
    async close(keep = Boolean(options.dataDir)) {
      await host.close();
      seeding?.close();
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type BenchHost = Awaited<ReturnType<typeof benchHost>>;
