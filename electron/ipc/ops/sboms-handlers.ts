/** The handler table of the SBOM and VEX operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { sbomOps } from './sboms';

/** The service call behind each SBOM operation. */
export function sbomHandlers(ctx: HandlerContext): HandlerTable<typeof sbomOps> {
  const { services } = ctx;
  return {
    'sboms.import': ({ vendorId, fileName, contentBase64, model, firmware }) =>
      services.sboms.import({
        vendorId,
        fileName,
        bytes: Buffer.from(contentBase64, 'base64'),
        model,
        firmware,
      }),
    'sboms.list': ({ vendorId }) => services.sboms.list(vendorId),
  };
}
