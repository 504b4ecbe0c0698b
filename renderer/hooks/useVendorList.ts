import { useEffect, useState } from 'react';
import { call } from '../api';
import type { VendorListItem, VendorListQuery } from '../../electron/domain/vendor-list';

interface VendorListState {
  items: VendorListItem[];
  total: number;
  loading: boolean;
  error: string | null;
}

/** The vendor list for a query; reloads when the query or `revision` changes. */
export function useVendorList(query: VendorListQuery, revision: number): VendorListState {
  const [state, setState] = useState<VendorListState>({ items: [], total: 0, loading: true, error: null });
  const key = JSON.stringify(query);

  useEffect(() => {
    let stale = false;
    const request = JSON.parse(key) as VendorListQuery;
    const timer = setTimeout(
      async () => {
        const result = await call('vendors.list', request);
        if (stale) return;
        performance.mark('vendor-list:data');
        setState(
          result.ok
            ? { items: result.value.items, total: result.value.total, loading: false, error: null }
            : (s) => ({ ...s, loading: false, error: result.error.message }),
        );
      },
      request.search ? 120 : 0,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key, revision]);

  return state;
}
