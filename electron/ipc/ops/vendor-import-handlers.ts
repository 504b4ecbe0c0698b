/** The handler table of the vendor list import. */
import { resolve } from 'node:path';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { vendorImportOps } from './vendor-import';

/** The service call behind each vendor import operation. */
export function vendorImportHandlers(ctx: HandlerContext): HandlerTable<typeof vendorImportOps> {
  const { services, opened, importing } = ctx;
  return {
    'vendorImport.chooseFile': async () => {
      const path = await ctx.desktop().chooseOpenPath('.csv');
      return { file: path ? opened.add(path) : null };
    },
    'vendorImport.openPath': ({ path }) => opened.add(resolve(path)),
    'vendorImport.preview': ({ fileName, contentBase64, fileId, mapping, sheet }, job) =>
      services.vendorImport.preview(
        {
          mapping: mapping ?? null,
          sheet: sheet ?? null,
          file:
            fileId !== undefined
              ? opened.get(fileId)
              : { fileName: fileName!, bytes: Buffer.from(contentBase64!, 'base64') },
        },
        job,
      ),
    'vendorImport.apply': ({ token }, job) =>
      importing(
        job,
        () => services.vendorImport.check(token),
        () => services.vendorImport.apply(token, job),
      ),
    'vendorImport.discard': ({ token }) => services.vendorImport.discard(token),
    'vendorImport.errorsCsv': ({ token }) => ({ csv: services.vendorImport.errorsCsv(token) }),
  };
}
