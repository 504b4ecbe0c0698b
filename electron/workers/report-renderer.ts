// A warm worker thread that renders one PDF report at a time, so pdfmake (which holds its
// thread for the whole render) never blocks the data host.
import { serveWorker } from './serve';
import { renderOps } from './render-ops';

serveWorker(renderOps, { sequential: true });
