import { useEffect } from 'react';

/**
 * While `active`, calls `attempt` after `firstMs`, then again with the pause doubled each
 * time up to `longestMs`, until it answers true (done) or `active` turns false. `attempt`
 * should be stable (a useCallback): a new one starts the pauses over.
 */
export function useBackoffRetry(
  active: boolean,
  attempt: () => Promise<boolean>,
  firstMs: number,
  longestMs: number,
): void {
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const retry = (wait: number) => {
      timer = setTimeout(async () => {
        if (cancelled || (await attempt()) || cancelled) return;
        retry(Math.min(wait * 2, longestMs));
      }, wait);
    };
    retry(firstMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, attempt, firstMs, longestMs]);
}
