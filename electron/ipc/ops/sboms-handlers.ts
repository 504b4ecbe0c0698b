/** The handler table of the SBOM and VEX operations. */
import type { HandlerContext } from '../handler-context';
import { MAX_SBOM_CHARS } from '../../domain/vulnerabilities/sbom-json';
import { readOpenedFile } from '../../services/opened-file';
import type { HandlerTable } from './op';
import type { sbomOps } from './sboms';

/** The service call behind each SBOM operation. */
export function sbomHandlers(ctx: HandlerContext): HandlerTable<typeof sbomOps> {
  const { services, opened } = ctx;
  return {
    // Matched again at once: an SBOM adds components to match, a VEX statement sets matches aside.
    'sboms.import': ({ vendorId, fileName, contentBase64, model, firmware }) => {
      const imported = services.sboms.import({
        vendorId,
        fileName,
        bytes: Buffer.from(contentBase64, 'base64'),
        model,
        firmware,
      });
      services.vulnerabilities.rematch();
      return imported;
    },
    'sboms.chooseFile': async () => {
      const path = await ctx.desktop().chooseOpenPath('.sbom');
      return { file: path ? opened.add(path) : null };
    },
    'sboms.importFile': async ({ vendorId, fileId, model, firmware }) => {
      const { path, fileName } = opened.get(fileId);
      const bytes = await readOpenedFile(path, fileName, MAX_SBOM_CHARS);
      const imported = services.sboms.import({ vendorId, fileName, bytes, model, firmware });
      services.vulnerabilities.rematch();
      return imported;
    },
    'sboms.list': ({ vendorId }) => services.sboms.list(vendorId),
  };
}
