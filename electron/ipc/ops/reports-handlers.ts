/** The handler table of the report operations. */
import { resolve } from 'node:path';
import { AppError } from '../../domain/errors';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { reportOps } from './reports';

/** The service call behind each report operation; the app's save dialog says where a report goes. */
export function reportHandlers(ctx: HandlerContext): HandlerTable<typeof reportOps> {
  const { services, savedFiles, withDevices } = ctx;
  return {
    'reports.export': async ({ target }, job) => {
      const desktop = ctx.desktop();
      const path = await desktop.chooseSavePath(services.reports.suggestedName(target));
      if (!path) return { saved: false };
      await services.devices.ready();
      const saved = await services.reports.export(target, path, job);
      savedFiles.add(saved.path);
      return { saved: true, ...saved };
    },
    'reports.save': withDevices(({ target, path }, job) =>
      services.reports.export(target, resolve(path), job),
    ),
    'reports.showInFolder': ({ path }) => {
      const desktop = ctx.desktop();
      if (!savedFiles.has(path))
        throw new AppError('NOT_FOUND', 'Only a report saved from the app in this session can be shown');
      desktop.showInFolder(path);
      return { shown: true };
    },
    'settings.getBoardTargets': () => services.reports.boardTargets(),
    'settings.setBoardTargets': ({ targets }) => services.reports.setBoardTargets(targets),
  };
}
