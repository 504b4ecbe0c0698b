/** The report renderer's one operation: a report's data drawn as a PDF (pdfmake holds its thread throughout). */
import { AppError } from '../domain/errors';
import type { ReportData } from '../report/model';
import { renderReport, type RenderedReport } from '../report/render';
import { Moved, type OpHandlers } from './serve';

export type RenderOps = { render: { args: ReportData; value: RenderedReport } };

/** Draws a report; progress is in percent of the pages laid out. */
export const renderOps: OpHandlers<RenderOps> = {
  async render(data, hooks) {
    try {
      const { pdf, pages } = await renderReport(
        data,
        (share) => hooks.progress(Math.floor(share * 100), 100, 'Laying out the pages'),
        hooks.cancelled,
      );
      return new Moved({ pdf, pages }, [pdf.buffer as ArrayBuffer]);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      throw new AppError(
        'INVALID_INPUT',
        `The report could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  },
};
