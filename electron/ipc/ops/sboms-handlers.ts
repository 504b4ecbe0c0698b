/** The handler table of the SBOM and VEX operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { sbomOps } from './sboms';

/** The service call behind each SBOM operation. */
export function sbomHandlers(ctx: HandlerContext): HandlerTable<typeof sbomOps> {
  const { services } = ctx;
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
    'sboms.list': ({ vendorId }) => services.sboms.list(vendorId),
  };
}
