/**
 * The way to the device import engine: a warm worker thread in the built app and CLI
 * (started on the first import, kept for the next: it holds the staged preview between
 * preview and apply), or the engine in this thread when running from source (tests).
 */
import { join } from 'node:path';
import {
  openImportEngine,
  type ApplyRequest,
  type ApplyResult,
  type ImportEngine,
  type PreviewRequest,
  type StagedPreview,
} from './device-import';
import type { JobContext } from './context';
import { createWorkerClient } from '../workers/client';
import { CLOSE, IDLE, type OpHandlers } from '../workers/serve';

/** The database each call is for: the SQLite file's path, or a team database's URL (storage/import-store.ts). */
type Db = { db: string };

/** What each operation takes and gives. */
export type ImportOps = {
  preview: { args: PreviewRequest & Db; value: StagedPreview };
  apply: { args: ApplyRequest & Db; value: ApplyResult };
  check: { args: { token: string } & Db; value: null };
  discard: { args: { token: string } & Db; value: { discarded: boolean } };
  errorsCsv: { args: { token: string } & Db; value: string };
};
type Op = keyof ImportOps;

/**
 * The worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_IMPORT_WORKER names a built one (the benchmark does).
 */
const WORKER_FILE = process.env.VENDOR_RISK_IMPORT_WORKER ?? join(__dirname, 'device-importer.js');

/** The import engine's operations: one engine (and connection) per database file, kept for the worker's life. */
export function importOps(): OpHandlers<ImportOps> {
  const engines = new Map<string, { engine: ImportEngine; close(): void }>();
  const engine = (db: string): ImportEngine => {
    let opened = engines.get(db);
    if (!opened) engines.set(db, (opened = openImportEngine(db)));
    return opened.engine;
  };
  return {
    preview: (args, hooks) => engine(args.db).preview(args, hooks),
    apply: (args, hooks) => engine(args.db).apply(args, hooks),
    check: (args) => {
      engine(args.db).check(args.token);
      return null;
    },
    discard: (args) => engine(args.db).discard(args.token),
    errorsCsv: (args) => engine(args.db).errorsCsv(args.token),
    // What can wait (dropping staging, a checkpoint) runs after an answer, before the next call.
    [IDLE]: () => {
      for (const { engine } of engines.values()) engine.idle();
    },
    [CLOSE]: () => {
      for (const opened of engines.values()) opened.close();
      engines.clear();
    },
  };
}

/** Calls the import engine on one database file. */
export interface ImportRunner {
  /** Where imports run. */
  readonly runsIn: 'worker' | 'main';
  call<K extends Op>(
    op: K,
    args: Omit<ImportOps[K]['args'], 'db'>,
    job: JobContext,
  ): Promise<ImportOps[K]['value']>;
  close(): void;
}

/** The import engine for the database at `dbPath`, in its worker when the bundle is there. */
export function createImportRunner(dbPath: string): ImportRunner {
  const client = createWorkerClient<ImportOps>({
    file: WORKER_FILE,
    name: 'import worker',
    warm: true,
    sequential: true,
    cancel: 'flag',
    // A write's answer says whether it rolled back or had already committed.
    answersAfterCancel: (op) => op === 'apply',
    cancelledMessage: 'The import was cancelled; nothing was changed',
    local: importOps,
  });
  return {
    runsIn: client.runsIn,
    call: (op, args, job) => {
      const request = { ...args, db: dbPath } as ImportOps[typeof op]['args'];
      // File bytes move to the worker instead of being copied.
      const bytes = op === 'preview' ? fileBytes(request as PreviewRequest) : null;
      return client.call(op, request, job, bytes ? [bytes.buffer as ArrayBuffer] : []);
    },
    close: () => void client.close(),
  };
}

/** A preview's file bytes when they own their whole buffer (and so can be moved, not copied). */
function fileBytes(request: PreviewRequest): Uint8Array | null {
  if (!('bytes' in request.file)) return null;
  const { bytes } = request.file;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : null;
}
