import { useCallback, useEffect, useState } from 'react';
import { call, TEAM_CHANGED } from '../api';
import { useToast } from './Toasts';
import { useBackoffRetry } from '../hooks/useBackoffRetry';
import { RetryingStrip } from './OfflineBanner';

/** First wait before trying again, and the longest (doubling in between). */
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * The remembered team database did not answer when the app started: a strip across the top
 * saying so and that this computer's own data is shown meanwhile. It tries again
 * (`team.resume`) with a growing pause, or at once with "Try now", and once the database
 * answers the app is on it: the strip clears and everything shown loads again.
 */
export function TeamAwayBanner() {
  const toast = useToast();
  const [problem, setProblem] = useState<string | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [trying, setTrying] = useState(false);

  useEffect(() => {
    let stale = false;
    void call('team.status', {}).then((r) => !stale && r.ok && r.value.away && setProblem(r.value.problem));
    return () => {
      stale = true;
    };
  }, []);

  const tryAgain = useCallback(async () => {
    setTrying(true);
    const r = await call('team.resume', {});
    setTrying(false);
    setAttempts((n) => n + 1);
    if (!r.ok || r.value.away) {
      if (r.ok) setProblem(r.value.problem);
      return false;
    }
    setProblem(null);
    if (r.value.connected)
      toast('success', `The team database answers: connected as ${r.value.connected.login}`);
    // Back on the team database (or refused, said in Settings): everything shown changes.
    window.dispatchEvent(new Event(TEAM_CHANGED));
    return true;
  }, [toast]);

  const away = problem !== null;
  useBackoffRetry(away, tryAgain, FIRST_RETRY_MS, LONGEST_RETRY_MS);

  if (!away) return null;
  return (
    <RetryingStrip testId="team-away-banner" detail={problem} attempts={attempts}>
      <button type="button" className="button" disabled={trying} onClick={() => void tryAgain()}>
        {trying ? 'Trying…' : 'Try now'}
      </button>
    </RetryingStrip>
  );
}
