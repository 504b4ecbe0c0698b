import { useEffect, useState } from 'react';
import { call, TEAM_CHANGED } from '../api';
import { describeLogin, type TeamStatus } from '../../electron/domain/team-connection';
import './TeamStatusLine.css';

/**
 * The sidebar's foot: which data the app works on — "Team database · dana (procurement) ·
 * host:port/db", or this computer's own — and a remembered connection not in use.
 */
export function TeamStatusLine() {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  useEffect(() => {
    const load = () => void call('team.status', {}).then((r) => r.ok && setStatus(r.value));
    load();
    window.addEventListener(TEAM_CHANGED, load);
    return () => window.removeEventListener(TEAM_CHANGED, load);
  }, []);
  if (!status) return null;
  const { connected } = status;
  return (
    <a
      className="team-status-line"
      href="#/settings"
      data-testid="team-status"
      title="Settings → Team database"
    >
      {connected ? (
        <>
          <span className="team-status-kind">Team database</span>
          <span>{describeLogin(connected)}</span>
          <span className="team-status-where">{connected.where}</span>
        </>
      ) : (
        <>
          <span className="team-status-kind">This computer’s data</span>
          {status.remembered && <span className="team-status-problem">Team database not connected</span>}
        </>
      )}
    </a>
  );
}
