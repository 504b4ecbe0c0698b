import { useEffect, useState } from 'react';
import { call, type ResponseOf } from '../api';

/** What needs someone, per sidebar entry: the count badge beside it and what it counts. */
export interface Attention {
  /** Open knockout red flags across the vendors. */
  knockouts: number;
  /** Vendors whose contract has a gap to review: a deviation, a contradiction, a sign-off reopened. */
  legalReviews: number;
  /** Open device findings (a device failing a check, not accepted). */
  deviceFindings: number;
}

/**
 * The sidebar's attention counts, read again whenever `revision` changes (a change made in
 * the app, the window regaining focus after the CLI). The one place they come from: the
 * three figures are read together from existing operations; a dedicated attention figure
 * can replace them here alone. Null until read (no badge rather than a wrong one).
 */
export function useAttention(revision: unknown): Attention | null {
  const [attention, setAttention] = useState<Attention | null>(null);
  useEffect(() => {
    let current = true;
    void Promise.all([
      call('portfolio.summary', {}),
      call('clauses.matrix', { needsReview: true }),
      call('devices.findings', { vendorId: null }),
    ]).then(([summary, legal, devices]) => {
      if (!current) return;
      setAttention({
        knockouts: summary.ok ? summary.value.knockouts.length : 0,
        legalReviews: legal.ok ? legal.value.rows.filter(hasLegalGap).length : 0,
        deviceFindings: devices.ok ? Object.values(devices.value.posture).reduce((n, p) => n + p.fail, 0) : 0,
      });
    });
    return () => {
      current = false;
    };
  }, [revision]);
  return attention;
}

type MatrixRow = ResponseOf<'clauses.matrix'>['rows'][number];

/** A contract with something for legal to look at: never signed alone is not yet a gap. */
function hasLegalGap(row: MatrixRow): boolean {
  return (
    row.signOffState === 'reopened' ||
    Object.values(row.cells).some((c) => c.state === 'deviates' || c.state === 'contradicts')
  );
}
