import { useCallback, useEffect, useState } from 'react';
import { call } from '../api';
import { sameQuery, type SavedFilter, type VendorListQuery } from '../../electron/domain/vendor-list';

/** The saved vendor-list views (saved filters, shared with the CLI), the one matching `query`, and how to save and delete one. */
export function useSavedViews(query: VendorListQuery) {
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('filters.list', {}).then((r) => (r.ok ? setSaved(r.value) : setError(r.error.message)));
  }, []);
  const save = useCallback(
    async (name: string): Promise<string | null> => {
      const r = await call('filters.save', { name, query });
      if (!r.ok) return r.error.message;
      setSaved(r.value);
      return null;
    },
    [query],
  );
  const remove = useCallback(async (name: string) => {
    const r = await call('filters.remove', { name });
    if (r.ok) setSaved(r.value);
    else setError(r.error.message);
  }, []);
  const active = saved.find((f) => sameQuery(f.query, query))?.name ?? null;
  return { saved, active, error, save, remove };
}
