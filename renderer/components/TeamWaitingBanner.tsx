import { useEffect, useState } from 'react';
import { onTeamWaiting, stopTeamWaiting } from '../api';
import './OfflineBanner.css';

/**
 * The team database has left a request unanswered for a few seconds (a server or network that
 * went quiet without refusing): a strip across the top saying the app is waiting for it and
 * for how long, until it answers (the strip goes and the request finishes) or the request is
 * given up, after a minute or at once with "Stop waiting" (the offline banner takes over,
 * listing what was not saved).
 */
export function TeamWaitingBanner() {
  /** How long the unanswered request has waited, in whole seconds; null while nothing waits. */
  const [seconds, setSeconds] = useState<number | null>(null);
  /** "Stop waiting" was pressed for the wait shown (the strip goes when the host has given up). */
  const [stopping, setStopping] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = onTeamWaiting(({ waiting, waitedMs }) => {
      clearInterval(timer);
      setStopping(false);
      if (!waiting) return setSeconds(null);
      // Counted on this window's clock from when the request was asked.
      const askedAt = Date.now() - waitedMs;
      const show = () => setSeconds(Math.round((Date.now() - askedAt) / 1000));
      show();
      timer = setInterval(show, 1000);
    });
    return () => {
      stop();
      clearInterval(timer);
    };
  }, []);

  if (seconds === null) return null;
  return (
    <div className="offline-banner" role="status" data-testid="team-waiting-banner">
      <strong>The team database is not answering — waiting for it…</strong>
      <span className="offline-detail">
        No answer for {seconds} s. The request goes on waiting for up to a minute and nothing is lost: if the
        database stays away, or you stop waiting, what was not saved is listed here, to save again.
      </span>
      <button
        type="button"
        className="button"
        disabled={stopping}
        onClick={() => {
          setStopping(true);
          stopTeamWaiting();
        }}
      >
        {stopping ? 'Stopping…' : 'Stop waiting'}
      </button>
    </div>
  );
}
