/**
 * The renderer's only way to the main process: window.vendorRisk, typed from the
 * contract (type-only import: no main-process code reaches the page).
 */
import type {
  MenuCommand,
  OperationName,
  ProgressEvent,
  RequestOf,
  ResponseOf,
  Result,
  TeamChange,
  TeamWaiting,
  VendorRiskApi,
} from '../electron/ipc/contract';

declare global {
  interface Window {
    vendorRisk: VendorRiskApi;
  }
}

export type {
  MenuCommand,
  OperationName,
  ProgressEvent,
  RequestOf,
  ResponseOf,
  Result,
  TeamChange,
  TeamWaiting,
};

/** Why an operation failed: a code to act on, a message to show, and per-field issues. */
export type OperationError = Extract<Result<unknown>, { ok: false }>['error'];

/** Calls one operation; never throws (a broken bridge becomes an error value). */
export async function call<K extends OperationName>(
  operation: K,
  request: RequestOf<K>,
): Promise<Result<ResponseOf<K>>> {
  try {
    const fn = window.vendorRisk[operation] as (r: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
    const result = await fn(request);
    if (!result.ok && result.error.code === 'OFFLINE')
      for (const l of offlineListeners) l(operation, result.error.unconfirmed === true);
    return result;
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `The app could not reach its data: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

/** Subscribes to progress events; returns the unsubscribe function. */
export function onProgress(listener: (event: ProgressEvent) => void): () => void {
  return window.vendorRisk.onProgress(listener);
}

/** Subscribes to native menu commands; returns the unsubscribe function. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.vendorRisk.onMenuCommand(listener);
}

/** Subscribes to colleagues' committed changes (team database); returns the unsubscribe function. */
export function onTeamChange(listener: (change: TeamChange) => void): () => void {
  return window.vendorRisk.onTeamChange(listener);
}

/**
 * Subscribes to the team database leaving a request unanswered for a while (`waiting: true`)
 * and answering again; returns the unsubscribe function.
 */
export function onTeamWaiting(listener: (waiting: TeamWaiting) => void): () => void {
  return window.vendorRisk.onTeamWaiting(listener);
}

/** Gives up the team database request the waiting strip shows: it fails as OFFLINE, to save again. */
export function stopTeamWaiting(): void {
  window.vendorRisk.stopTeamWaiting();
}

/** A job id for a long operation (works outside secure contexts too). */
export function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

type OfflineListener = (operation: OperationName, unconfirmed: boolean) => void;
const offlineListeners = new Set<OfflineListener>();

/**
 * Told of every request the team database could not answer (code OFFLINE), with its
 * operation and whether its save was sent but not confirmed (it may have been made); returns
 * the unsubscribe function. The offline banner listens.
 */
export function onOffline(listener: OfflineListener): () => void {
  offlineListeners.add(listener);
  return () => offlineListeners.delete(listener);
}

/** Sent on window when the app switches between this computer's data and a team database. */
export const TEAM_CHANGED = 'vendor-risk:team-changed';
