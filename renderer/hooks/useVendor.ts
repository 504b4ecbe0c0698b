import { useEffect, useState } from 'react';
import { call } from '../api';
import type { Vendor } from '../../electron/domain/vendor';
import type { AuditEntry } from '../../electron/domain/audit';

/** One vendor and its recent history, reloaded when `revision` changes. */
export function useVendor(id: string | null, revision: number) {
  const [state, setState] = useState<{ vendor: Vendor | null; history: AuditEntry[]; error: string | null }>({
    vendor: null,
    history: [],
    error: null,
  });
  useEffect(() => {
    if (!id) {
      setState({ vendor: null, history: [], error: null });
      return;
    }
    let stale = false;
    void Promise.all([call('vendors.get', { id }), call('vendors.history', { id, limit: 20 })]).then(([v, h]) => {
      if (stale) return;
      setState({
        vendor: v.ok ? v.value : null,
        history: h.ok ? h.value : [],
        error: v.ok ? null : v.error.message,
      });
    });
    return () => {
      stale = true;
    };
  }, [id, revision]);
  return state;
}
