import { useEffect, useState } from 'react';
import { call } from '../api';
import type { Vendor } from '../../electron/domain/vendor';
import type { AuditEntry } from '../../electron/domain/audit';
import type { AssessmentSummary, Evidence } from '../../electron/domain/assessment';
import type { ResponseOf } from '../../electron/ipc/contract';
import type { Decision } from '../../electron/domain/decision';

/** One vendor and its recent history, reloaded when `revision` changes. */
interface VendorState {
  id: string | null;
  vendor: Vendor | null;
  history: AuditEntry[];
  assessments: AssessmentSummary[];
  evidence: Evidence[];
  score: ResponseOf<'scores.vendor'> | null;
  trend: ResponseOf<'scores.trend'>;
  decisions: Decision[];
  error: string | null;
}

const NOTHING: VendorState = {
  id: null,
  vendor: null,
  history: [],
  assessments: [],
  evidence: [],
  score: null,
  trend: [],
  decisions: [],
  error: null,
};

export function useVendor(id: string | null, revision: number): VendorState {
  const [state, setState] = useState<VendorState>(NOTHING);
  useEffect(() => {
    if (!id) return;
    let stale = false;
    void Promise.all([
      call('vendors.get', { id }),
      call('vendors.history', { id, limit: 20 }),
      call('assessments.list', { vendorId: id }),
      call('evidence.list', { vendorId: id }),
      call('scores.vendor', { id }),
      call('decisions.list', { vendorId: id }),
      call('scores.trend', { id }),
    ]).then(([v, h, a, e, s, d, t]) => {
      if (stale) return;
      setState({
        id,
        vendor: v.ok ? v.value : null,
        history: h.ok ? h.value : [],
        assessments: a.ok ? a.value : [],
        evidence: e.ok ? e.value : [],
        score: s.ok ? s.value : null,
        trend: t.ok ? t.value : [],
        decisions: d.ok ? d.value : [],
        error: v.ok ? null : v.error.message,
      });
    });
    return () => {
      stale = true;
    };
  }, [id, revision]);
  // While another vendor's data is still loading, show nothing stale.
  return id && state.id === id ? state : NOTHING;
}
