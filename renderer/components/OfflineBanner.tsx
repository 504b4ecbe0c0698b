import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { call, onOffline, type OperationName } from '../api';
import { useBackoffRetry } from '../hooks/useBackoffRetry';
import './OfflineBanner.css';

/** First wait before asking again, and the longest (doubling in between). */
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 15_000;

/** Operations that change something: when one fails offline, the banner says it was not saved. */
const WRITES =
  /\.(save|set|remove|import|apply|discard|update|create|add|record|signOff|restore|link|review|rematch|load|delete|accept|enable|connect)/;

/** "vendors.update" → "vendors: update", for the list of what was not saved. */
const label = (operation: string) => operation.replace('.', ': ');

/**
 * The team database cannot be reached: a strip across the top saying so, and what was not
 * saved. It asks again (a cheap read) with a growing pause until the database answers,
 * then clears and tells the page to load again; forms keep what was typed in them.
 */
export function OfflineBanner({
  onBack,
}: {
  /** Stable (a useCallback): told once the database answers again. */ onBack(): void;
}) {
  /** The writes that failed since the database went away: not saved, or sent but not confirmed. */
  const [failed, setFailed] = useState<{ notSaved: OperationName[]; unconfirmed: OperationName[] } | null>(
    null,
  );
  const [attempts, setAttempts] = useState(0);

  useEffect(
    () =>
      onOffline((operation, unconfirmed) =>
        setFailed((lists) => {
          const next = lists ?? { notSaved: [], unconfirmed: [] };
          const list = unconfirmed ? 'unconfirmed' : 'notSaved';
          return WRITES.test(operation) && !next[list].includes(operation)
            ? { ...next, [list]: [...next[list], operation] }
            : next;
        }),
      ),
    [],
  );

  const offline = failed !== null;
  const ping = useCallback(async () => {
    const r = await call('team.ping', {});
    setAttempts((n) => n + 1);
    if (!r.ok) return false;
    setFailed(null);
    setAttempts(0);
    onBack();
    return true;
  }, [onBack]);
  useBackoffRetry(offline, ping, FIRST_RETRY_MS, LONGEST_RETRY_MS);

  if (!failed) return null;
  const { notSaved, unconfirmed } = failed;
  const said = [
    notSaved.length
      ? `Not saved: ${notSaved.map(label).join(', ')}. What you typed is still in its form: save it again once the database is back.`
      : '',
    unconfirmed.length
      ? `Not confirmed: ${unconfirmed.map(label).join(', ')}. The database went away after the save was sent, so it may have been made: look once the database is back before saving again.`
      : '',
  ].filter(Boolean);
  return (
    <RetryingStrip
      testId="offline-banner"
      attempts={attempts}
      detail={
        said.length
          ? said.join(' ')
          : 'Nothing was being saved. What is shown may be out of date until the database answers.'
      }
    />
  );
}

/** The strip of both banners: the team database cannot be reached, why, the tries so far, and an action. */
export function RetryingStrip({
  testId,
  detail,
  attempts,
  children,
}: {
  testId: string;
  detail: ReactNode;
  attempts: number;
  children?: ReactNode;
}) {
  return (
    <div className="offline-banner" role="alert" data-testid={testId}>
      <strong>The team database cannot be reached — retrying…</strong>
      <span className="offline-detail">
        {detail}
        {attempts > 0 && ` Tried ${attempts} time${attempts === 1 ? '' : 's'}.`}
      </span>
      {children}
    </div>
  );
}
