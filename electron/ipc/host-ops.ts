/**
 * The data host: the dispatcher, the services and storage of one data folder, in a thread
 * of their own so the app's main thread (windows, input, menus) never waits for data
 * work. The main process forwards each window request here; native dialogs and the OS
 * keychain stay in the main process and are asked for across the threads.
 */
import Conf from 'conf';
import { openAppCore, type AppCore } from './app-core';
import { isAppUrl } from '../security';
import { NO_JOB } from '../services/context';
import { PREFERENCES_FILE } from '../services/preferences';
import { setAsideDamagedPreferences, useSnapshotAsDatabase } from '../storage/recovery';
import type { KeyProtector } from '../storage/keyfile';
import type { ProgressEvent, TeamWaiting } from './contract';
import { HOST_EVENTS, HOST_QUESTIONS, type HostOps, type TrustedPages } from './host-protocol';
import type { WindowBounds } from '../window-bounds';
import { CLOSE, type OpHandlers, type WorkerHooks } from '../workers/serve';
import { createTeamSwitch } from './team-switch';

const WINDOW_KEY = 'window';
const DAY_CHECK_FIRST_MS = 30_000;
const DAY_CHECK_EVERY_MS = 60 * 60 * 1000;

/** The host's operation table over one data folder at a time. */
export function hostOps(): OpHandlers<HostOps> {
  let core: AppCore | null = null;
  let preferences: Conf<Record<string, unknown>> | null = null;
  const timers: NodeJS.Timeout[] = [];
  const opened = () => {
    if (!core) throw new Error('The data folder is not open');
    return core;
  };
  const close = () => {
    for (const t of timers.splice(0)) clearTimeout(t);
    core?.close();
    core = null;
  };

  return {
    open(config, hooks) {
      close();
      const preferencesMovedTo = setAsideDamagedPreferences(config.dataDir);
      const prefs = new Conf<Record<string, unknown>>({
        cwd: config.dataDir,
        configName: PREFERENCES_FILE.configName,
        clearInvalidConfig: true,
      });
      preferences = prefs;
      const keychain = config.keychain ? keychainFor(config.keychain, hooks) : undefined;
      /** Colleagues' commits go on to the window; this login's own are what the window already shows. */
      const subscribed = (opened: AppCore): AppCore => {
        const team = opened.services.team;
        team?.onChange((change) => {
          if (change.by !== team.user) hooks.emit(HOST_EVENTS.teamChange, change);
        });
        return opened;
      };
      // Told from inside a wait for the team database, which holds this thread: only posted on.
      const tellWaiting = (state: TeamWaiting) => hooks.emit(HOST_EVENTS.teamWaiting, state);
      const stopWaiting = config.stopWaiting ? new Int32Array(config.stopWaiting) : undefined;
      /** The services on this computer's data, or on a team database (Settings → Team database). */
      const openCore = (database: string | undefined): AppCore =>
        subscribed(
          openAppCore({
            dataDir: config.dataDir,
            // A database given at start (the browser harness's colleagues) unless Settings chose one.
            database: database ?? config.database,
            preferences: prefs,
            appVersion: config.appVersion,
            checkIntegrity: config.checkIntegrity,
            actorOverride: config.actorOverride,
            now: config.fixedNow ? () => new Date(config.fixedNow!) : undefined,
            encryption: { keychain },
            isTrustedPageUrl: trustFor(config.trustedPages),
            onPreferencesChanged: (p) => hooks.emit(HOST_EVENTS.preferences, p),
            onProgress: (event: ProgressEvent) => hooks.emit(HOST_EVENTS.progress, event),
            onTeamWaiting: tellWaiting,
            teamStopWaiting: stopWaiting,
            onInternalError: (operation, error, reference) =>
              hooks.emit(HOST_EVENTS.internalError, {
                operation,
                reference,
                message: error instanceof Error ? (error.stack ?? error.message) : String(error),
              }),
            desktop: config.desktop
              ? {
                  chooseSavePath: async (name) =>
                    (await hooks.ask(HOST_QUESTIONS.chooseSavePath, name)) as string | null,
                  chooseOpenPath: async (ext) =>
                    (await hooks.ask(HOST_QUESTIONS.chooseOpenPath, ext)) as string | null,
                  chooseOpenPaths: async (request) =>
                    (await hooks.ask(HOST_QUESTIONS.chooseOpenPaths, request)) as string[],
                  showInFolder: (path) => hooks.emit(HOST_EVENTS.showInFolder, path),
                }
              : undefined,
            team,
          }),
        );
      const team = createTeamSwitch({
        preferences: prefs,
        keychain,
        onWaiting: tellWaiting,
        stopWaiting,
        // The new services open first: a refused connection leaves the app on what it had.
        reopen: (database) => {
          const next = openCore(database);
          core?.close();
          core = next;
        },
      });
      team.start();
      if (config.dailySnapshots) {
        // A snapshot a day while the app is used (checked soon after start, then every hour).
        // A team database is backed up on its server: snapshots are this computer's data only.
        const daily = () => {
          if (!core || core.services.storage.kind === 'team') return;
          void core.services.backups.dailyIfDue(NO_JOB).catch((e: unknown) =>
            hooks.emit(HOST_EVENTS.internalError, {
              operation: 'daily snapshot',
              reference: '',
              message: String(e),
            }),
          );
        };
        timers.push(setTimeout(daily, DAY_CHECK_FIRST_MS), setInterval(daily, DAY_CHECK_EVERY_MS));
        for (const t of timers) t.unref();
      }
      const bounds = prefs.get(WINDOW_KEY);
      return {
        preferences: opened().services.preferences.get(),
        preferencesMovedTo,
        windowBounds: bounds && typeof bounds === 'object' ? (bounds as WindowBounds) : null,
      };
    },
    useSnapshot({ dataDir, snapshot }) {
      useSnapshotAsDatabase(dataDir, snapshot);
      return null;
    },
    dispatch: async ({ operation, payload, sender }) =>
      JSON.stringify(await opened().dispatcher.dispatch(operation, payload, sender)),
    saveWindowBounds(bounds) {
      preferences?.set(WINDOW_KEY, bounds);
      return null;
    },
    close() {
      close();
      return null;
    },
    [CLOSE]: close,
  };
}

/** The pages whose requests the dispatcher takes. */
function trustFor(pages: TrustedPages): (url: string) => boolean {
  switch (pages.kind) {
    case 'app':
      return (url) => isAppUrl(url);
    case 'origin':
      return (url) => isAppUrl(url, { scheme: pages.scheme, host: pages.host });
    case 'dev-server':
      return (url) => sameOrigin(url, pages.url);
  }
}

function sameOrigin(url: string, other: string): boolean {
  try {
    return new URL(url).origin === new URL(other).origin;
  } catch {
    return false;
  }
}

/** The main process's keychain, asked with this thread stopped (unlocking happens while opening). */
function keychainFor(keychain: { backend: string; secure: boolean }, hooks: WorkerHooks): KeyProtector {
  return {
    ...keychain,
    protect: (secret) =>
      Buffer.from(hooks.askSync(HOST_QUESTIONS.protect, secret.toString('base64')) as string, 'base64'),
    unprotect: (sealed) =>
      Buffer.from(hooks.askSync(HOST_QUESTIONS.unprotect, sealed.toString('base64')) as string, 'base64'),
  };
}
