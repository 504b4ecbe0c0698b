// A warm worker thread that runs device imports (services/device-import.ts) on its own
// connection to the database: reading, checking and staging a file, then writing it.
// Calls are answered one at a time, in order (a workbook's preview waits on its reader).
import { serveWorker } from './serve';
import { importOps } from '../services/device-import-worker';

serveWorker(importOps(), { sequential: true });
