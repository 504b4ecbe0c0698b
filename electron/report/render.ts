/**
 * Renders a report to PDF bytes with pdfmake. Runs in the report worker (pdfmake blocks
 * its thread for the whole render). Network access is refused, and the only local files
 * an image, font or attachment node may read are the bundled fonts; our SVG charts load
 * no images (layout.ts). A name like `<img src=file:///etc/passwd>` is text.
 */
import pdfmake from 'pdfmake';
import { AppError } from '../domain/errors';
import { reportFonts } from './fonts';
import { prepareText } from './text';
import { vendorReport } from './vendor-report';
import { boardReport } from './board-report';
import { selfReport } from './self-report';
import type { ReportData } from './model';
import type { DocDefinition } from './layout';

export interface RenderedReport {
  pdf: Uint8Array;
  pages: number;
}

let configured = false;

function configure(): void {
  if (configured) return;
  const fonts = reportFonts();
  pdfmake.setFonts(fonts.families);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => fonts.files.has(path));
  configured = true;
}

/** The pdfmake document of a report, its text prepared for layout. */
export function reportDocument(data: ReportData): DocDefinition {
  const doc =
    data.kind === 'vendor'
      ? vendorReport(data)
      : data.kind === 'board'
        ? boardReport(data)
        : selfReport(data);
  // The page header and footer carry names too (the title): their text is prepared like the content's.
  const prepared = (frame: unknown) =>
    typeof frame === 'function'
      ? (...args: unknown[]) => prepareText((frame as (...a: unknown[]) => unknown)(...args))
      : frame;
  return {
    ...doc,
    header: prepared(doc.header),
    footer: prepared(doc.footer),
    content: prepareText(doc.content) as DocDefinition['content'],
  };
}

/**
 * Renders a pdfmake document (ours or a plain one, for the benchmark's baseline) to PDF bytes.
 * `cancelled` is asked as each page is laid out and each item drawn: when it says yes, the
 * render stops there with a CANCELLED error (its thread goes on; ending a thread while it
 * sets up a zlib stream, as PDFKit's compression does, aborts the whole process).
 */
export async function renderDocument(
  doc: DocDefinition,
  onProgress?: (share: number) => void,
  cancelled: () => boolean = () => false,
): Promise<RenderedReport> {
  configure();
  const stopIfCancelled = () => {
    if (cancelled()) throw new AppError('CANCELLED', 'The report was cancelled; no file was written');
  };
  let pages = 0;
  const footer = doc.footer as ((page: number, count: number) => unknown) | undefined;
  const background = doc.background as ((page: number, size: unknown) => unknown) | undefined;
  const counted = {
    ...doc,
    // Called for each page as it is added: where a long layout can stop.
    background: (page: number, size: unknown) => {
      stopIfCancelled();
      return background ? background(page, size) : null;
    },
    footer: (page: number, count: number) => {
      pages = count;
      return footer ? footer(page, count) : null;
    },
  };
  pdfmake.setProgressCallback((share: number) => {
    stopIfCancelled();
    onProgress?.(share);
  });
  const buffer: Buffer = await pdfmake.createPdf(counted).getBuffer();
  // A copy with an ArrayBuffer of its own, so it can be transferred out of the worker.
  return { pdf: new Uint8Array(buffer), pages };
}

/** Renders one report to PDF bytes. */
export function renderReport(
  data: ReportData,
  onProgress?: (share: number) => void,
  cancelled?: () => boolean,
): Promise<RenderedReport> {
  return renderDocument(reportDocument(data), onProgress, cancelled);
}
