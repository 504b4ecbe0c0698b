/** The handler table of the backup operations. */
import { join, resolve } from 'node:path';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { backupOps } from './backups';

/** The service call behind each backup operation; the app's dialogs choose the files. */
export function backupHandlers(ctx: HandlerContext): HandlerTable<typeof backupOps> {
  const { services } = ctx;
  return {
    'backups.list': () => services.backups.list(),
    'backups.setSettings': (settings) => services.backups.setSettings(settings),
    'backups.snapshot': (_request, job) => services.backups.snapshot('manual', job),
    'backups.saveAs': async (_request, job) => {
      const desktop = ctx.desktop();
      const day = new Date().toISOString().slice(0, 10);
      const path = await desktop.chooseSavePath(`Vendor Risk Desk backup ${day}.db`);
      if (!path) return { saved: false };
      return { saved: true, ...(await services.backups.saveAs(path, job)) };
    },
    'backups.save': ({ path }, job) => services.backups.saveAs(path, job),
    'backups.restoreSnapshot': ({ file }, job) =>
      services.backups.restore(join(services.backups.list().dir, file), job),
    'backups.restoreFromFile': async (_request, job) => {
      const path = await ctx.desktop().chooseOpenPath('.db');
      if (!path) return { restored: false };
      return { restored: true, ...(await services.backups.restore(path, job)) };
    },
    'backups.restorePath': ({ path }, job) => services.backups.restore(resolve(path), job),
  };
}
