import { join } from 'node:path';
import { runFileTask, type FileTask } from '../storage/file-task-runner';
import { createWorkerClient } from '../workers/client';
import type { OpHandlers } from '../workers/serve';
import type { JobContext } from './context';

/**
 * The data worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_DATA_WORKER names a built one (the benchmark does).
 */
const DATA_WORKER = process.env.VENDOR_RISK_DATA_WORKER ?? join(__dirname, 'data-tasks.js');

/** The data worker's one operation: a task on the database file. */
export type FileTaskOps = { run: { args: FileTask; value: unknown } };

/**
 * The data worker's operations; `elsewhere` runs a task in another thread (a long
 * trail's first stretch is walked there while this thread walks the rest).
 */
export function fileTaskOps(elsewhere?: (task: FileTask) => Promise<unknown>): OpHandlers<FileTaskOps> {
  return { run: (task, hooks) => runFileTask(task, elsewhere, hooks.progress) };
}

/**
 * Runs a task on the database file in a worker thread of its own (its own SQLite
 * connection, or team database connection), ended when the task is done or cancelled; here
 * when running from source.
 */
export async function runFileTaskOffThread<T>(
  task: FileTask,
  job: JobContext,
  cancelled: string,
  file = DATA_WORKER,
): Promise<{ value: T; ranIn: 'worker' | 'main' }> {
  const client = createWorkerClient<FileTaskOps>({
    file,
    name: 'data worker',
    warm: false,
    cancel: 'terminate',
    cancelledMessage: cancelled,
    local: () => fileTaskOps(),
  });
  return { value: (await client.call('run', task, job)) as T, ranIn: client.runsIn };
}
