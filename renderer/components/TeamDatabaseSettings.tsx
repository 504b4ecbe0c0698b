import { useEffect, useState, type FormEvent } from 'react';
import { call, TEAM_CHANGED } from '../api';
import {
  TEAM_TLS_MODES,
  defaultTlsMode,
  describeLogin,
  isLoopbackHost,
  type TeamConnectionSettings,
  type TeamLogin,
  type TeamStatus,
  type TeamTlsMode,
} from '../../electron/domain/team-connection';
import { useToast } from './Toasts';
import './TeamDatabaseSettings.css';

const TLS_LABELS: Record<TeamTlsMode, string> = {
  disable: 'No TLS (this machine only)',
  require: 'Encrypted, certificate not checked',
  'verify-ca': 'Encrypted, certificate checked against the CA',
  'verify-full': 'Encrypted, certificate and host name checked',
};

const EMPTY: TeamConnectionSettings = {
  host: '',
  port: 5432,
  database: 'vendor_risk',
  user: '',
  tls: 'verify-full',
  caFile: null,
};

/** What the last Test or Connect said: the login, or the exact problem. */
type Outcome = { ok: true; login: TeamLogin; connected: boolean } | { ok: false; message: string } | null;

/**
 * Settings → Team database: where the team's PostgreSQL database is, who logs in and how
 * (TLS, the team's CA), the password (kept by the OS keychain where there is a real one);
 * Test connection, Connect (the app then works on the team database) and Disconnect (back to
 * this computer's own data).
 */
export function TeamDatabaseSettings() {
  const toast = useToast();
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [form, setForm] = useState<TeamConnectionSettings>(EMPTY);
  const [tlsChosen, setTlsChosen] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'test' | 'connect' | 'disconnect' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    void call('team.status', {}).then((r) => {
      if (!r.ok) return;
      setStatus(r.value);
      if (r.value.remembered) {
        setForm(r.value.remembered);
        setTlsChosen(true);
      }
    });
  }, []);
  if (!status) return null;

  const set = <K extends keyof TeamConnectionSettings>(key: K, value: TeamConnectionSettings[K]) =>
    setForm((f) => ({
      ...f,
      [key]: value,
      // Until a mode is chosen, it follows the host: none on this machine, verify-full elsewhere.
      ...(key === 'host' && !tlsChosen ? { tls: defaultTlsMode(String(value)) } : {}),
    }));
  const loopback = form.host === '' || isLoopbackHost(form.host);
  const request = { settings: { ...form, host: form.host.trim() }, password };

  const test = async () => {
    setBusy('test');
    const r = await call('team.test', request);
    setBusy(null);
    setOutcome(
      r.ok ? { ok: true, login: r.value, connected: false } : { ok: false, message: problem(r.error) },
    );
  };
  const connect = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('connect');
    const r = await call('team.connect', request);
    setBusy(null);
    if (!r.ok) return setOutcome({ ok: false, message: problem(r.error) });
    setStatus(r.value);
    setPassword('');
    setOutcome(r.value.connected ? { ok: true, login: r.value.connected, connected: true } : null);
    toast('success', `Connected to the team database as ${r.value.connected?.login ?? form.user}`);
    window.dispatchEvent(new Event(TEAM_CHANGED));
  };
  const disconnect = async () => {
    setBusy('disconnect');
    const r = await call('team.disconnect', {});
    setBusy(null);
    if (!r.ok) return setOutcome({ ok: false, message: problem(r.error) });
    setStatus(r.value);
    setOutcome(null);
    toast('success', 'Back to this computer’s own data');
    window.dispatchEvent(new Event(TEAM_CHANGED));
  };
  const chooseCa = async () => {
    const r = await call('team.chooseCaFile', {});
    if (r.ok && r.value.path) set('caFile', r.value.path);
  };

  const keychain = status.keychain;
  return (
    <section className="settings-section team-settings" aria-label="Team database">
      <h2>Team database</h2>
      <p>
        {status.connected ? (
          <>
            <strong>The app works on the team database</strong> at{' '}
            <span className="mono">{status.connected.where}</span> as{' '}
            <strong data-testid="team-login">{describeLogin(status.connected)}</strong>.
          </>
        ) : (
          <>
            The app works on <strong>this computer’s own data</strong>. To share one portfolio with
            colleagues, connect to your team’s PostgreSQL database with your own login (its owner creates it
            with <span className="mono">vendor-risk team user add</span>).
          </>
        )}
      </p>
      {status.problem && (
        <p className="notice" role="status">
          {status.problem}
        </p>
      )}
      <form className="team-form" onSubmit={(e) => void connect(e)} aria-label="Team database connection">
        <div className="field team-host">
          <label htmlFor="team-host">Host</label>
          <input
            id="team-host"
            value={form.host}
            required
            placeholder="db.example.internal"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set('host', e.target.value)}
          />
        </div>
        <div className="field team-port">
          <label htmlFor="team-port">Port</label>
          <input
            id="team-port"
            type="number"
            min={1}
            max={65535}
            required
            value={form.port}
            onChange={(e) => set('port', Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="team-database">Database</label>
          <input
            id="team-database"
            value={form.database}
            required
            spellCheck={false}
            onChange={(e) => set('database', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="team-user">Your login</label>
          <input
            id="team-user"
            value={form.user}
            required
            autoComplete="username"
            spellCheck={false}
            onChange={(e) => set('user', e.target.value)}
          />
        </div>
        <div className="field team-wide">
          <label htmlFor="team-tls">TLS</label>
          <select
            id="team-tls"
            value={form.tls}
            onChange={(e) => {
              setTlsChosen(true);
              set('tls', e.target.value as TeamTlsMode);
            }}
          >
            {TEAM_TLS_MODES.map((mode) => (
              <option key={mode} value={mode} disabled={mode === 'disable' && !loopback}>
                {mode} — {TLS_LABELS[mode]}
              </option>
            ))}
          </select>
          {!loopback && (
            <span className="cell-muted">
              {form.host} is not this machine: TLS is required, and verify-full checks that it is the server
              you meant.
            </span>
          )}
        </div>
        {form.tls !== 'disable' && form.tls !== 'require' && (
          <div className="field team-wide">
            <span className="team-label" id="team-ca-label">
              Team CA certificate (optional)
            </span>
            <div className="inline" aria-labelledby="team-ca-label">
              <span className={form.caFile ? 'mono team-ca' : 'cell-muted team-ca'}>
                {form.caFile ?? 'None: the certificates this computer trusts'}
              </span>
              <button type="button" className="button" onClick={() => void chooseCa()}>
                Choose…
              </button>
              {form.caFile && (
                <button type="button" className="button" onClick={() => set('caFile', null)}>
                  Clear
                </button>
              )}
            </div>
          </div>
        )}
        <div className="field team-wide">
          <label htmlFor="team-password">Password</label>
          <input
            id="team-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="cell-muted">
            {keychain?.secure
              ? `Kept by this computer's keychain (${keychain.backend}), never in the preferences file.${status.passwordKept ? ' A password is kept; type it again only to change it.' : ''}`
              : keychain
                ? `This computer's keychain (${keychain.backend}) does not protect secrets, so the password is not kept: the app asks for it at each start.`
                : 'There is no keychain here, so the password is not kept: the app asks for it at each start.'}
          </span>
        </div>
        {outcome && (
          <p
            className={outcome.ok ? 'team-outcome team-outcome-ok' : 'team-outcome team-outcome-error'}
            role={outcome.ok ? 'status' : 'alert'}
            data-testid="team-outcome"
          >
            {outcome.ok
              ? `${outcome.connected ? 'Connected' : 'The connection works'}: logged in as ${describeLogin(outcome.login)}, team schema version ${outcome.login.schemaVersion}.`
              : outcome.message}
          </p>
        )}
        <div className="inline team-actions">
          <button type="button" className="button" disabled={busy !== null} onClick={() => void test()}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'connect' ? 'Connecting…' : 'Connect'}
          </button>
          {(status.connected || status.remembered) && (
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void disconnect()}
            >
              {busy === 'disconnect' ? 'Disconnecting…' : 'Disconnect'}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** The refusal's sentence, with the fields zod named. */
function problem(error: { message: string; details?: { path: string; message: string }[] }): string {
  return error.details?.length
    ? error.details.map((d) => `${d.path}: ${d.message}`).join('; ')
    : error.message;
}
