/**
 * The main process's side of the data host (and the E2E harness's, which talks to the
 * same host): starts it, forwards requests, answers its questions with native dialogs and
 * the OS keychain, and passes its progress and preference events on.
 */
import { createWorkerClient } from '../workers/client';
import type { JobContext } from '../services/context';
import type { Sender } from './dispatch';
import type { OpenPathsRequest } from './handler-context';
import { HOST_EVENTS, HOST_QUESTIONS, type HostConfig, type HostOps, type Opened } from './host-protocol';
import type { OpHandlers } from '../workers/serve';
import type { Desktop } from './handlers';
import type {
  OperationName,
  ProgressEvent,
  RequestOf,
  ResponseOf,
  Result,
  TeamChange,
  TeamWaiting,
} from './contract';
import type { Preferences } from '../domain/preferences';
import type { WindowBounds } from '../window-bounds';

/** Host calls are not jobs: a window's request is cancelled through the dispatcher's own jobs.cancel. */
const NO_JOB: JobContext = { signal: new AbortController().signal, progress: () => {} };
const LOCAL_SENDER: Sender = { kind: 'local' };

/** What the main process offers the host, and hears from it. */
export interface HostShell {
  /** Native dialogs and the file manager. */
  desktop?: Desktop;
  /** The OS keychain: seals and opens a secret (both base64). */
  keychain?: { protect(secret: string): string; unprotect(sealed: string): string };
  onProgress?(event: ProgressEvent): void;
  onPreferencesChanged?(preferences: Preferences): void;
  /** A colleague's committed change on the team database (never this login's own). */
  onTeamChange?(change: TeamChange): void;
  /** The team database left a request unanswered for a while, or answered again. */
  onTeamWaiting?(waiting: TeamWaiting): void;
  /** An unexpected error (already logged in the data folder under its reference). */
  onInternalError?(error: { operation: string; reference: string; message: string }): void;
}

/** The data host, as the main process (or the E2E harness) sees it. */
export interface DataHost {
  /** Where the host runs: its worker thread, or this thread (from source, in unit tests). */
  readonly runsIn: 'worker' | 'main';
  /** Opens a data folder; throws what opening throws (DATA_TOO_NEW, DATA_DAMAGED with the newest snapshot). */
  open(config: HostConfig): Promise<Opened>;
  /** Puts a snapshot in place of a database that opening moved aside. */
  useSnapshot(dataDir: string, snapshot: string): Promise<void>;
  /** One request from a window, answered as the dispatcher answers, in JSON text (for the window to parse); never throws. */
  dispatchText(operation: string, payload: unknown, sender: Sender): Promise<string>;
  /** The same, parsed (for callers in this process other than the main thread's forwarding). */
  dispatch(operation: string, payload: unknown, sender: Sender): Promise<Result<unknown>>;
  /** Typed call for trusted callers in this process (the harness's tests). */
  call<K extends OperationName>(operation: K, request: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  saveWindowBounds(bounds: WindowBounds): Promise<void>;
  /**
   * Gives up the wait for a team database the window shows (its "Stop waiting"): told through
   * memory shared with the host, whose thread is the one waiting and cannot hear a message.
   */
  stopWaiting(): void;
  /** Cancels running jobs, closes the database and ends the host. */
  close(): Promise<void>;
}

/**
 * Starts the data host from its bundle `file`. `local` (unit tests, from source) runs the
 * host's table in this thread when the bundle is absent; the app never passes it.
 */
export function startDataHost(file: string, shell: HostShell, local?: () => OpHandlers<HostOps>): DataHost {
  const client = createWorkerClient<HostOps>({
    file,
    name: 'data host',
    warm: true,
    keepAlive: true,
    cancel: 'flag', // requests are cancelled through the dispatcher's own jobs.cancel
    cancelledMessage: 'The app is closing',
    answer: async (question, args) => {
      const desktop = shell.desktop;
      if (!desktop) throw new Error('No dialogs here');
      if (question === HOST_QUESTIONS.chooseSavePath) return desktop.chooseSavePath(args as string);
      if (question === HOST_QUESTIONS.chooseOpenPath) return desktop.chooseOpenPath(args as string);
      if (question === HOST_QUESTIONS.chooseOpenPaths)
        return desktop.chooseOpenPaths(args as OpenPathsRequest);
      throw new Error(`Unknown question ${question}`);
    },
    answerSync: (question, args) => {
      const keychain = shell.keychain;
      if (!keychain) throw new Error('No keychain here');
      if (question === HOST_QUESTIONS.protect) return keychain.protect(args as string);
      if (question === HOST_QUESTIONS.unprotect) return keychain.unprotect(args as string);
      throw new Error(`Unknown question ${question}`);
    },
    onEvent: (name, payload) => {
      if (name === HOST_EVENTS.progress) shell.onProgress?.(payload as ProgressEvent);
      else if (name === HOST_EVENTS.preferences) shell.onPreferencesChanged?.(payload as Preferences);
      else if (name === HOST_EVENTS.teamChange) shell.onTeamChange?.(payload as TeamChange);
      else if (name === HOST_EVENTS.teamWaiting) shell.onTeamWaiting?.(payload as TeamWaiting);
      else if (name === HOST_EVENTS.showInFolder) shell.desktop?.showInFolder(payload as string);
      else if (name === HOST_EVENTS.internalError)
        shell.onInternalError?.(payload as { operation: string; reference: string; message: string });
    },
    local,
  });
  /** The folder the host has open, to open again in a new host if this one stops. */
  let config: HostConfig | null = null;
  let reopen = false;
  let closed = false;
  const stops = new SharedArrayBuffer(4);
  const open = async (next: HostConfig) => {
    const value = await client.call('open', { ...next, stopWaiting: stops }, NO_JOB);
    config = next;
    reopen = false;
    return value;
  };
  const refused = (code: string, message: string) => JSON.stringify({ ok: false, error: { code, message } });
  const dispatchText = async (operation: string, payload: unknown, sender: Sender): Promise<string> => {
    if (closed) return refused('CANCELLED', 'The app is closing');
    try {
      if (reopen && config) await open(config);
      return await client.call('dispatch', { operation, payload, sender }, NO_JOB);
    } catch (error) {
      // The host stopped (a crash, memory): this request is lost; the next one opens the folder in a new host.
      reopen = true;
      const message = error instanceof Error ? error.message : String(error);
      shell.onInternalError?.({ operation, reference: '', message });
      return refused(
        'INTERNAL',
        'The data host stopped while answering this request; try again (the folder is opened again).',
      );
    }
  };
  const dispatch = async (operation: string, payload: unknown, sender: Sender) =>
    JSON.parse(await dispatchText(operation, payload, sender)) as Result<unknown>;
  return {
    runsIn: client.runsIn,
    open,
    useSnapshot: async (dataDir, snapshot) =>
      void (await client.call('useSnapshot', { dataDir, snapshot }, NO_JOB)),
    dispatchText,
    dispatch,
    call: (operation, request) =>
      dispatch(operation, request, LOCAL_SENDER) as Promise<Result<ResponseOf<typeof operation>>>,
    saveWindowBounds: async (bounds) => void (await client.call('saveWindowBounds', bounds, NO_JOB)),
    stopWaiting: () => void Atomics.add(new Int32Array(stops), 0, 1),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.call('close', null, NO_JOB);
      } finally {
        await client.close();
      }
    },
  };
}
