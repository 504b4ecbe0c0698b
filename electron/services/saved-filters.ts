import { AppError } from '../domain/errors';
import { MAX_SAVED_FILTERS, SavedFilterSchema, type SavedFilter } from '../domain/vendor-list';
import { recordAudit, type ServiceContext } from './context';

const KEY = 'savedFilters';

/** Named vendor-list filters, kept in the data folder's settings. */
export function createSavedFilterService(ctx: ServiceContext) {
  const { storage } = ctx;
  const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

  const stored = (): unknown[] => {
    const raw = storage.settings.get(KEY);
    return Array.isArray(raw) ? raw : [];
  };
  const list = (): SavedFilter[] =>
    // One by one: a filter saved by a later version that this one cannot read is left out, not fatal.
    stored().flatMap((entry) => {
      const parsed = SavedFilterSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  /**
   * Writes the readable filters, keeping the unreadable ones as they were (a later version
   * may read them); the trail records what is stored, so `audit verify` finds it as recorded.
   */
  const write = (before: SavedFilter[], after: SavedFilter[]) => {
    const unreadable = stored().filter((entry) => !SavedFilterSchema.safeParse(entry).success);
    const kept = [...after, ...unreadable];
    storage.settings.set(KEY, kept, ctx.now().toISOString());
    recordAudit(ctx, 'settings', KEY, 'update', before, kept);
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
