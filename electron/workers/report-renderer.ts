// A worker thread that renders one PDF report at a time, so pdfmake (which holds its
// thread for the whole render) never blocks the main process.
import { parentPort } from 'node:worker_threads';
import { renderReport } from '../report/render';
import type { ReportData } from '../report/model';

parentPort?.on('message', async (data: ReportData) => {
  try {
    let last = -1;
    const { pdf, pages } = await renderReport(data, (share) => {
      const percent = Math.floor(share * 100);
      if (percent === last) return;
      last = percent;
      parentPort!.postMessage({ type: 'progress', share });
    });
    parentPort!.postMessage({ type: 'done', pdf, pages }, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
