/** The handler table of the advisory operations. */
import { resolve } from 'node:path';
import type { HandlerContext } from '../handler-context';
import type { JobContext } from '../../services/context';
import type { HandlerTable } from './op';
import type { advisoryOps } from './advisories';

/** The service call behind each advisory operation. */
export function advisoryHandlers(ctx: HandlerContext): HandlerTable<typeof advisoryOps> {
  const { services, opened } = ctx;
  // Matched again at once: the devices' known vulnerabilities follow the advisories.
  const importAndMatch = async (paths: string[], job: JobContext) => {
    const imported = await services.advisories.import(paths, job);
    services.vulnerabilities.rematch();
    return imported;
  };
  return {
    'advisories.importPaths': ({ paths }, job) =>
      importAndMatch(
        paths.map((p) => resolve(p)),
        job,
      ),
    'advisories.choose': async ({ folders }) => {
      const paths = await ctx.desktop().chooseOpenPaths({ extension: '.csaf', folders });
      return { files: paths.map((p) => opened.add(p, { folders })) };
    },
    // The window names what the dialog opened by id; it never sends a path to read.
    'advisories.import': ({ fileIds }, job) =>
      importAndMatch(
        fileIds.map((id) => opened.get(id).path),
        job,
      ),
    'advisories.list': () => services.advisories.list(),
    'advisories.kev': () => services.advisories.kev(),
  };
}
