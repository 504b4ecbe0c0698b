/** The handler table of the app operations (jobs.cancel is the dispatcher's own). */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { appOps } from './app';

/** The service call behind each app operation. */
export function appHandlers({ services }: HandlerContext): HandlerTable<Omit<typeof appOps, 'jobs.cancel'>> {
  return {
    'app.info': () => ({
      version: services.appVersion,
      dataDir: services.dataDir,
      schemaVersion: services.storage.schemaVersion(),
      vendorCount: services.storage.vendors.count(),
    }),
    'demo.load': (_request, job) => services.demo.load(job),
    'demo.remove': (_request, job) => services.demo.remove(job),
    'demo.status': () => services.demo.status(),
  };
}
