import { useEffect, useState } from 'react';
import { call } from '../api';
import type { Attention } from '../../electron/domain/portfolio-today';

export type { Attention };

/**
 * The sidebar's attention counts — the same figures as the dashboard's Today queue
 * (`portfolio.summary`'s `attention`) — read again whenever `revision` changes (a change
 * made in the app, the window regaining focus after the CLI). Null until read (no badge
 * rather than a wrong one).
 */
export function useAttention(revision: unknown): Attention | null {
  const [attention, setAttention] = useState<Attention | null>(null);
  useEffect(() => {
    let current = true;
    void call('portfolio.summary', {}).then((summary) => {
      if (current && summary.ok) setAttention(summary.value.attention);
    });
    return () => {
      current = false;
    };
  }, [revision]);
  return attention;
}
