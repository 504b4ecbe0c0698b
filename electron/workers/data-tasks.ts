// A worker thread for long reads and copies of the database file (audit verification,
// backups) on a connection of its own, so the main process keeps answering the window.
// A long audit trail's first stretch is walked in a second thread of this same file.
import { parentPort, Worker } from 'node:worker_threads';
import { runFileTask, type FileTask } from '../storage/file-task-runner';

type Reply = { ok: true; value: unknown } | { ok: false; message: string };

/** Runs a task in another thread of this file and gives its answer (the thread ends with it). */
function elsewhere(task: FileTask): Promise<unknown> {
  const worker = new Worker(__filename);
  return new Promise<unknown>((resolve, reject) => {
    worker.once('message', (m: Reply) => (m.ok ? resolve(m.value) : reject(new Error(m.message))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The worker stopped (exit code ${code})`)));
    worker.postMessage(task);
  }).finally(() => void worker.terminate());
}

parentPort?.on('message', (task: FileTask) => {
  runFileTask(task, elsewhere).then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies Reply),
    (error: unknown) =>
      parentPort!.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies Reply),
  );
});
