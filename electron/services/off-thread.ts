import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { runFileTask, type FileTask } from '../storage/file-task-runner';
import type { JobContext } from './context';

/**
 * The data worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_DATA_WORKER names a built one (the benchmark does).
 */
const DATA_WORKER = process.env.VENDOR_RISK_DATA_WORKER ?? join(__dirname, 'data-tasks.js');

/**
 * Runs a task on the database file in a worker thread (its own SQLite connection), so the
 * main process stays responsive; in-process when the worker bundle is not there. A cancel
 * terminates the worker.
 */
export async function runFileTaskOffThread<T>(
  task: FileTask,
  job: JobContext,
  cancelled: string,
): Promise<{ value: T; ranIn: 'worker' | 'main' }> {
  if (job.signal.aborted) throw new AppError('CANCELLED', cancelled);
  if (!existsSync(DATA_WORKER)) return { value: (await runFileTask(task)) as T, ranIn: 'main' };
  return { value: await runWorkerOnce<T>(DATA_WORKER, task, job, cancelled), ranIn: 'worker' };
}

/**
 * Sends one message to a fresh worker thread and waits for its one answer, which the
 * worker posts as `{ ok: true, value }` or `{ ok: false, message }`; a cancel ends the
 * worker at once. The worker is terminated afterwards either way.
 */
export async function runWorkerOnce<T>(
  file: string,
  message: unknown,
  job: JobContext,
  cancelled: string,
): Promise<T> {
  const worker = new Worker(file);
  try {
    return await new Promise<T>((resolve, reject) => {
      if (job.signal.aborted) return reject(new AppError('CANCELLED', cancelled));
      job.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', cancelled)), {
        once: true,
      });
      worker.once('message', (m: { ok: true; value: T } | { ok: false; message: string }) =>
        m.ok ? resolve(m.value) : reject(new Error(m.message)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The worker stopped (exit code ${code})`)));
      worker.postMessage(message);
    });
  } finally {
    void worker.terminate();
  }
}
