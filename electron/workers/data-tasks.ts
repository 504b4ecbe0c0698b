// A worker thread for long reads and copies of the database file (audit verification,
// backups) on a connection of its own, so the main process keeps answering the window.
import { parentPort } from 'node:worker_threads';
import { runFileTask, type FileTask } from '../storage/file-task-runner';

parentPort?.on('message', (task: FileTask) => {
  try {
    parentPort!.postMessage({ ok: true, value: runFileTask(task) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
