// A warm worker thread that runs device imports (services/device-import.ts) on its own
// connection to the database: reading, checking and staging a file, then writing it.
// Requests are answered one at a time, in order; progress comes as it goes; a request's
// shared cancel flag is looked at between pieces of work.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { openImportEngine, type ImportEngine, type ImportHooks } from '../services/device-import';
import {
  runImportOp,
  type ImportWorkerRequest,
  type ImportWorkerReply,
} from '../services/device-import-worker';

/** One engine (and connection) per database file, kept for the worker's life. */
const engines = new Map<string, ImportEngine>();

const engineFor = (db: string): ImportEngine => {
  let engine = engines.get(db);
  if (!engine) engines.set(db, (engine = openImportEngine(db).engine));
  return engine;
};

const reply = (m: ImportWorkerReply) => parentPort!.postMessage(m);

/** Requests are answered one at a time, in order (a workbook's preview waits on its reader). */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (request: ImportWorkerRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: ImportWorkerRequest): Promise<void> {
  const { id } = request;
  let last = 0;
  const hooks: ImportHooks = {
    progress(done, total, message) {
      // At most about ten reports a second.
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      reply({ id, type: 'progress', done, total, message });
    },
    cancelled: () => Atomics.load(request.cancel, 0) === 1,
  };
  try {
    if (hooks.cancelled()) throw new AppError('CANCELLED', 'The import was cancelled; nothing was changed');
    const engine = engineFor(request.db);
    reply({ id, type: 'done', value: await runImportOp(engine, request, hooks) });
    // What can wait (dropping staging, a checkpoint) runs after the answer, before the next request.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      engine.idle();
    } catch {
      // Left for the next time (a checkpoint the app's connection is doing, say).
    }
  } catch (error) {
    reply({
      id,
      type: 'error',
      code: error instanceof AppError ? error.code : 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
