import { useEffect, useRef, useState } from 'react';
import { call, onTeamChange, type OperationError, type ResponseOf, type TeamChange } from '../api';
import { whyRoleCannot, type WritableTable } from '../../electron/domain/team-roles';

export type TeamSession = ResponseOf<'team.session'>;

/** Colleagues' changes arriving within this long are one refresh (an import is many tables). */
const SETTLE_MS = 150;

let session: Promise<TeamSession> | null = null;

/** The team login and roles, asked once per window (null: the solo app, or not known yet). */
export function useTeamSession(): TeamSession {
  const [value, setValue] = useState<TeamSession>(null);
  useEffect(() => {
    let stale = false;
    session ??= call('team.session', {}).then((r) => (r.ok ? r.value : null));
    void session.then((s) => !stale && setValue(s));
    return () => {
      stale = true;
    };
  }, []);
  return value;
}

/**
 * Why this login cannot write `table` ("Legal cannot change answers"), or null when it may
 * (always in the solo app). The database refuses it anyway; the window says so first.
 */
export function useRoleLimit(table: WritableTable): string | null {
  const team = useTeamSession();
  return whyRoleCannot(team ? team.roles : null, table);
}

/** A control this login's role may not use: disabled, its title the reason (spread on the element). */
export function roleLimited(limit: string | null): { disabled: boolean; title?: string } {
  return limit === null ? { disabled: false } : { disabled: true, title: limit };
}

/**
 * Calls `refresh` once colleagues' committed changes settle (a team database's change
 * notices; never in the solo app). The changes of a burst are handed over together.
 */
export function useTeamChanges(refresh: (changes: TeamChange[]) => void): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: TeamChange[] = [];
    const stop = onTeamChange((change) => {
      pending.push(change);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const changes = pending;
        pending = [];
        latest.current(changes);
      }, SETTLE_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

/**
 * A save a team database refused because a colleague saved the record since (CONFLICT,
 * "changed by dana at 2026-12-07 14:02 UTC — reload to see it"), worded for `what` ("this
 * vendor"); null for any other failure.
 */
export function staleSaveMessage(error: { code: string; message: string }, what: string): string | null {
  if (error.code !== 'CONFLICT' || !/^changed by .+ — reload to see it$/.test(error.message)) return null;
  return `Not saved: ${what} was ${error.message}`;
}

/** A refused save as a form shows it: the stale sentence (its Reload beside it), else the first field's problem or the message. */
export function saveRefusal(error: OperationError, what: string): { message: string; stale: boolean } {
  const stale = staleSaveMessage(error, what);
  return { message: stale ?? error.details?.[0]?.message ?? error.message, stale: stale !== null };
}
