import { AppError } from '../domain/errors';
import { MAX_SAVED_FILTERS, SavedFiltersSchema, type SavedFilter } from '../domain/vendor-list';
import { recordAudit, type ServiceContext } from './context';

const KEY = 'savedFilters';

/** Named vendor-list filters, kept in the data folder's settings. */
export function createSavedFilterService(ctx: ServiceContext) {
  const { storage } = ctx;
  const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

  const list = (): SavedFilter[] => {
    // Filters saved by a later version that this one cannot read are left out, not fatal.
    const parsed = SavedFiltersSchema.safeParse(storage.settings.get(KEY) ?? []);
    return parsed.success ? parsed.data : [];
  };
  const write = (before: SavedFilter[], after: SavedFilter[]) => {
    storage.settings.set(KEY, after, ctx.now().toISOString());
    recordAudit(ctx, 'settings', KEY, 'update', before, after);
    return after;
  };

  return {
    list,

    /** Saves a filter; one with the same name (ignoring case) is replaced in place. */
    save(filter: SavedFilter): SavedFilter[] {
      return storage.transaction(() => {
        const before = list();
        const index = before.findIndex((f) => same(f.name, filter.name));
        if (index < 0 && before.length >= MAX_SAVED_FILTERS)
          throw new AppError(
            'CONFLICT',
            `There are already ${MAX_SAVED_FILTERS} saved filters; delete one first`,
          );
        const after = index < 0 ? [...before, filter] : before.map((f, i) => (i === index ? filter : f));
        return write(before, after);
      });
    },

    /** Deletes the filter of that name (ignoring case). */
    remove(name: string): SavedFilter[] {
      return storage.transaction(() => {
        const before = list();
        const after = before.filter((f) => !same(f.name, name));
        if (after.length === before.length)
          throw new AppError('NOT_FOUND', `No saved filter named "${name}"`);
        return write(before, after);
      });
    },
  };
}
