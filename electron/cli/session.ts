import type { ProgressEvent, OperationName, ResponseOf, Result } from '../ipc/contract';
import { LOCAL_SENDER, type Dispatcher } from '../ipc/dispatch';
import { openAppCore } from '../ipc/app-core';
import { PREFERENCES_FILE, type KeyValueStore } from '../services/preferences';
import { setAsideDamagedPreferences } from '../storage/recovery';
import type { TeamWaiting } from '../domain/team-connection';

/** An open data folder and the dispatcher over it; close it when done. */
export interface Session {
  dispatcher: Dispatcher;
  close(): void;
}

export interface SessionOptions {
  dataDir: string;
  /** A team database's URL (its portfolio instead of the folder's). */
  database?: string;
  appVersion: string;
  /** Who is recorded in the audit trail; undefined lets the services decide. */
  actor?: string;
  /** Whether anything may read preferences (who acts, when no actor is given). */
  needsPreferences: boolean;
  onProgress?(event: ProgressEvent): void;
  /** A team database that leaves a query unanswered for a few seconds, and its answer (or giving up). */
  onTeamWaiting?(state: TeamWaiting): void;
  /** Unlocks encrypted data (VENDOR_RISK_PASSPHRASE or the prompt). */
  passphrase?: string;
}

/**
 * Opens the data folder with the same services and dispatcher the app uses, calling
 * as the local sender (no page is trusted). Throws what opening the database throws
 * (AppError DATA_TOO_NEW / DATA_DAMAGED, or an I/O error).
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  // conf and the JSON schema validator it brings cost about a third of the start-up of
  // `vendors list`, so they are loaded only for commands that record who acted.
  const preferences = options.needsPreferences ? await openPreferences(options.dataDir) : NO_PREFERENCES;
  const { dispatcher, close } = openAppCore({
    dataDir: options.dataDir,
    database: options.database,
    preferences,
    appVersion: options.appVersion,
    actorOverride: options.actor,
    encryption: { passphrase: options.passphrase },
    isTrustedPageUrl: () => false,
    onProgress: options.onProgress,
    onTeamWaiting: options.onTeamWaiting,
  });
  return { dispatcher, close };
}

/**
 * Sends a request built from command-line flags. The payload is unvalidated on purpose:
 * the dispatcher checks it against the contract, so the CLI keeps no rules of its own.
 */
export function request<K extends OperationName>(
  dispatcher: Dispatcher,
  operation: K,
  payload: unknown,
): Promise<Result<ResponseOf<K>>> {
  // The dispatcher parses every successful answer with the contract's response schema.
  return dispatcher.dispatch(operation, payload, LOCAL_SENDER) as Promise<Result<ResponseOf<K>>>;
}

/** The preferences file the app's data host uses (same folder, same name). */
async function openPreferences(dataDir: string): Promise<KeyValueStore> {
  // A damaged file is moved aside (conf would otherwise wipe it) and defaults are used.
  setAsideDamagedPreferences(dataDir);
  const { default: Conf } = await import('conf');
  return lazyStore(
    () =>
      new Conf<Record<string, unknown>>({
        cwd: dataDir,
        configName: PREFERENCES_FILE.configName,
        clearInvalidConfig: true,
      }),
  );
}

/**
 * For commands that only read: the defaults, so that who acts is --user or the OS account
 * (opening a folder an earlier version left readable by others narrows it, and the trail
 * records that, for a read as well). Writing would be a bug in the command's `writes` flag.
 */
const NO_PREFERENCES: KeyValueStore = {
  get store(): Record<string, unknown> {
    return {};
  },
  set() {
    throw new Error('preferences are not open for this command');
  },
};

/** A store that opens its file on first use, so commands that never read preferences never touch it. */
function lazyStore(create: () => KeyValueStore): KeyValueStore {
  let opened: KeyValueStore | undefined;
  const store = () => (opened ??= create());
  return {
    get store() {
      return store().store;
    },
    set: (values) => store().set(values),
  };
}
