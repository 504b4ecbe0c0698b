/**
 * What the main process and the data host say to each other (ipc/host-ops.ts is the
 * host's side, ipc/host-client.ts the main process's): plain values, as they cross threads.
 */
import type { Preferences } from '../domain/preferences';
import type { Sender } from './dispatch';
import type { WindowBounds } from '../window-bounds';

/** Which pages the host trusts: the app's own (app://), the dev server's origin, or a test origin. */
export type TrustedPages =
  { kind: 'app' } | { kind: 'dev-server'; url: string } | { kind: 'origin'; scheme: string; host: string };

/** How the main process opens the host on a data folder (plain values: they cross threads). */
export interface HostConfig {
  dataDir: string;
  appVersion: string;
  checkIntegrity: boolean;
  trustedPages: TrustedPages;
  /** The OS keychain the main process offers (protect and unprotect are asked for), or none. */
  keychain: { backend: string; secure: boolean } | null;
  /** Whether the main process offers native dialogs (the app, the E2E harness's stand-ins). */
  desktop: boolean;
  /** A snapshot a day while the app runs. */
  dailySnapshots: boolean;
  /** Who is recorded as acting, when set (the E2E harness). */
  actorOverride?: string;
  /** A fixed clock (ISO time) for tests and benchmarks; the app uses the real one. */
  fixedNow?: string;
  /** A team database's URL (the person's own login): the portfolio lives there, not in the folder. */
  database?: string;
  /**
   * A counter shared with the main process, which adds one when the window's "Stop waiting" is
   * pressed: the host's thread, blocked waiting for the team database, reads it (set by the
   * host client, not by its callers).
   */
  stopWaiting?: SharedArrayBuffer;
}

/** What opening gives the main process. */
export interface Opened {
  preferences: Preferences;
  /** Where a damaged preferences file was moved, if it was. */
  preferencesMovedTo: string | null;
  windowBounds: WindowBounds | null;
}

/** The host's operations. */
export type HostOps = {
  open: { args: HostConfig; value: Opened };
  /** Puts a snapshot in place of a database that opening moved aside (then `open` again). */
  useSnapshot: { args: { dataDir: string; snapshot: string }; value: null };
  /**
   * One request, answered as JSON text: the main process hands the text to the window as it
   * is, so a large answer costs its thread a copy, not a structured clone (18–100 ms for
   * 2,000 vendors on a busy machine; the preload parses it in the window's process).
   */
  dispatch: { args: { operation: string; payload: unknown; sender: Sender }; value: string };
  saveWindowBounds: { args: WindowBounds; value: null };
  close: { args: null; value: null };
};

/** What the host asks the main process (answered there), and what it tells it. */
export const HOST_QUESTIONS = {
  chooseSavePath: 'desktop.chooseSavePath',
  chooseOpenPath: 'desktop.chooseOpenPath',
  chooseOpenPaths: 'desktop.chooseOpenPaths',
  protect: 'keychain.protect',
  unprotect: 'keychain.unprotect',
} as const;
export const HOST_EVENTS = {
  progress: 'progress',
  preferences: 'preferences',
  showInFolder: 'desktop.showInFolder',
  internalError: 'internal-error',
  /** A colleague's committed change on the team database ({ table, op, by }). */
  teamChange: 'team-change',
  /** The team database left a request unanswered for a while, or answered again ({ waiting, waitedMs }). */
  teamWaiting: 'team-waiting',
} as const;
