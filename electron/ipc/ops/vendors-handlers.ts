/** The handler table of the vendor operations and the vendor list's saved filters. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { vendorOps } from './vendors';

/** The service call behind each vendor operation. */
export function vendorHandlers({ services }: HandlerContext): HandlerTable<typeof vendorOps> {
  return {
    // Stale standings (device postures included) are computed a few at a time first; the list
    // is read in the same step as the check that found none stale (one scan of the standings).
    'vendors.list': async (query) => {
      for (;;) {
        const listed = services.vendors.listIfCurrent(query);
        if (listed) return listed;
        await services.devices.ready();
        await services.portfolio.refreshStandingsInSteps();
      }
    },
    'vendors.get': ({ id }) => services.vendors.get(id),
    'vendors.create': (input) => services.vendors.create(input),
    'vendors.update': ({ id, patch, version }) => services.vendors.update(id, patch, version),
    'vendors.remove': ({ id }) => services.vendors.remove(id),
    'vendors.history': ({ id, limit }) => services.vendors.history(id, limit),
    'filters.list': () => services.savedFilters.list(),
    'filters.save': (filter) => services.savedFilters.save(filter),
    'filters.remove': ({ name }) => services.savedFilters.remove(name),
  };
}
