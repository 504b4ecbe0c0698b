/** The handler table of the advisory operations. */
import { resolve } from 'node:path';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { advisoryOps } from './advisories';

/** The service call behind each advisory operation. */
export function advisoryHandlers(ctx: HandlerContext): HandlerTable<typeof advisoryOps> {
  const { services } = ctx;
  return {
    // Matched again at once: the devices' known vulnerabilities follow the advisories.
    'advisories.importPaths': async ({ paths }, job) => {
      const imported = await services.advisories.import(
        paths.map((p) => resolve(p)),
        job,
      );
      services.vulnerabilities.rematch();
      return imported;
    },
    'advisories.list': () => services.advisories.list(),
    'advisories.kev': () => services.advisories.kev(),
  };
}
