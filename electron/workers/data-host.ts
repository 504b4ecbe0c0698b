// The data host: the dispatcher, services and storage in a thread of their own, so the
// app's main thread only routes windows, input and menus (see ipc/host-ops.ts).
import { serveWorker } from './serve';
import { hostOps } from '../ipc/host-ops';

serveWorker(hostOps());
