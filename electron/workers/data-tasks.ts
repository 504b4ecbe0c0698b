// A worker thread for long reads and copies of the database file (audit verification,
// backups) on a connection of its own, so the data host keeps answering the window.
// A long audit trail's first stretch is walked in a second thread of this same file.
import { serveWorker } from './serve';
import { fileTaskOps, runFileTaskOffThread } from '../services/off-thread';
import { NO_JOB } from '../services/context';

serveWorker(
  fileTaskOps(
    async (task) => (await runFileTaskOffThread(task, NO_JOB, 'The task was cancelled', __filename)).value,
  ),
);
