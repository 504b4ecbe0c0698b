/** The handler table of the device operations. */
import { resolve } from 'node:path';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { deviceOps } from './devices';

/** The service call behind each device operation. */
export function deviceHandlers(ctx: HandlerContext): HandlerTable<typeof deviceOps> {
  const { services, opened, importing, gate, withDevices } = ctx;
  return {
    'devices.chooseFile': async () => {
      const path = await ctx.desktop().chooseOpenPath('.csv');
      return { file: path ? opened.add(path) : null };
    },
    'devices.openPath': ({ path }) => opened.add(resolve(path)),
    'devices.preview': ({ source, fileName, contentBase64, fileId, mapping, sheet }, job) =>
      services.devices.preview(
        {
          source,
          mapping,
          sheet,
          file:
            fileId !== undefined
              ? opened.get(fileId)
              : { fileName: fileName!, bytes: Buffer.from(contentBase64!, 'base64') },
        },
        job,
      ),
    'devices.apply': ({ token }, job) =>
      importing(
        job,
        () => services.devices.checkToken(token),
        // Alone: the operations running finish first, those that come wait (see import-gate.ts).
        // Matched again at once: the devices' known vulnerabilities follow the inventory.
        () =>
          gate.exclusive(async () => {
            const applied = await services.devices.apply(token, job);
            services.vulnerabilities.rematch(undefined, { afterImport: true });
            return applied;
          }),
      ),
    'devices.discard': ({ token }) => services.devices.discard(token),
    'devices.errorsCsv': async ({ token }) => ({ csv: await services.devices.errorsCsv(token) }),
    'devices.list': withDevices((query) => services.devices.list(query)),
    'devices.facets': withDevices(() => services.devices.facets()),
    'devices.findings': withDevices(({ vendorId }) => services.devices.findings(vendorId)),
    'devices.link': ({ manufacturer, vendorId, version }) => {
      const links = services.devices.link(manufacturer, vendorId, version);
      // A link decides whose advisories and VEX statements a maker's devices meet.
      services.vulnerabilities.rematch();
      return links;
    },
    'devices.accept': withDevices((input) => services.devices.accept(input)),
    'devices.history': ({ limit }) => services.devices.history(limit),
    'devices.exportCsv': withDevices(() => services.devices.exportCsv()),
    'devices.getSettings': () => services.devices.settings(),
    'devices.setSettings': (s) => services.devices.setSettings(s),
  };
}
