/** The handler table of the questionnaire exchange operations. */
import { resolve } from 'node:path';
import { saveFileAtomically } from '../../services/save-file';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { exchangeOps } from './exchange';

/** The service call behind each exchange operation; the app's save dialog says where a package goes. */
export function exchangeHandlers(ctx: HandlerContext): HandlerTable<typeof exchangeOps> {
  const { services, importing, savedFiles, withDevices } = ctx;
  return {
    'exchange.export': async ({ vendorId, questionnaireIds, format, dueDate, sboms }) => {
      const desktop = ctx.desktop();
      const made = await services.exchange.export(vendorId, questionnaireIds, format, { dueDate, sboms });
      const path = await desktop.chooseSavePath(made.fileName);
      if (!path) return { saved: false };
      await saveFileAtomically(path, made.bytes);
      savedFiles.add(path);
      return { saved: true, path, packageId: made.packageId, bytes: made.bytes.byteLength };
    },
    'exchange.save': async ({ vendorId, questionnaireIds, format, path, dueDate, sboms }) => {
      const made = await services.exchange.export(vendorId, questionnaireIds, format, { dueDate, sboms });
      await saveFileAtomically(resolve(path), made.bytes);
      return { path: resolve(path), packageId: made.packageId, bytes: made.bytes.byteLength };
    },
    'exchange.preview': ({ vendorId, fileName, contentBase64 }, job) =>
      services.exchange.preview(vendorId, fileName, Buffer.from(contentBase64, 'base64'), job),
    'exchange.apply': ({ token, accept }, job) =>
      importing(
        job,
        () => services.exchange.checkToken(token),
        () => {
          const applied = services.exchange.apply(token, accept);
          // Matched again at once when an SBOM or VEX file came in, as `sboms.import` does.
          if (applied.sboms.some((s) => s.outcome === 'attached')) services.vulnerabilities.rematch();
          return applied;
        },
      ),
    'exchange.sbomModels': withDevices(({ vendorId }) => services.exchange.sbomModels(vendorId)),
    'exchange.sbomRequests': ({ vendorId }) => services.exchange.sbomRequests(vendorId),
    'exchange.discard': ({ token }) => services.exchange.discard(token),
  };
}
