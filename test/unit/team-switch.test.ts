/**
 * Settings → Team database on the data host's side, without a server: what is remembered
 * (never the password in plain text), what the next start opens, and the sentences a
 * refused connection gives.
 */
import { describe, it, expect } from 'vitest';
import { AppError } from '../../electron/domain/errors';
import {
  defaultTlsMode,
  teamDatabaseUrl,
  type TeamConnectionSettings,
} from '../../electron/domain/team-connection';
import { teamConnection } from '../../electron/storage/pg/connection';
import { DatabaseRefusal } from '../../electron/storage/pg/blocking-connection';
import type { TeamDatabase } from '../../electron/storage/pg/team-database';
import type { KeyProtector } from '../../electron/storage/keyfile';
import { createTeamSwitch, TEAM_PASSWORD_PREFERENCE, TEAM_PREFERENCE } from '../../electron/ipc/team-switch';

const SETTINGS: TeamConnectionSettings = {
  host: 'db.example.internal',
  port: 5433,
  database: 'vendor_risk',
  user: 'dana',
  tls: 'verify-full',
  caFile: null,
};
const PASSWORD = 'dana’s pass: 12 @/?';

/** A keychain that seals by reversing and tagging (enough to tell sealed from plain). */
const keychain = (secure: boolean, backend = secure ? 'gnome_libsecret' : 'basic_text'): KeyProtector => ({
  backend,
  secure,
  protect: (secret) => Buffer.concat([Buffer.from('sealed:'), Buffer.from(secret).reverse()]),
  unprotect: (sealed) => Buffer.from(sealed.subarray(7)).reverse(),
});

function setup(options: { keychain?: KeyProtector; prefs?: Map<string, unknown>; refuse?: unknown } = {}) {
  const prefs = options.prefs ?? new Map<string, unknown>();
  const opened: (string | undefined)[] = [];
  const probed: string[] = [];
  const team = createTeamSwitch({
    preferences: {
      get: (k) => prefs.get(k),
      set: (k, v) => void prefs.set(k, v),
      delete: (k) => void prefs.delete(k),
    },
    keychain: options.keychain,
    reopen: (url) => void opened.push(url),
    open: (url) => {
      probed.push(url);
      if (options.refuse) throw options.refuse;
      return {
        user: 'dana',
        roles: ['procurement'],
        teamSchemaVersion: 9,
        close: () => {},
      } as unknown as TeamDatabase;
    },
  });
  return { team, prefs, opened, probed };
}

describe('the team database connection', () => {
  it('builds a URL the connection reader takes as given (TLS, login, password, CA)', () => {
    const url = teamDatabaseUrl({ ...SETTINGS, caFile: '/etc/team-ca.pem' }, PASSWORD);
    const c = teamConnection(url, () => 'PEM');
    expect(c).toMatchObject({
      host: 'db.example.internal',
      port: 5433,
      database: 'vendor_risk',
      user: 'dana',
      tls: 'verify-full',
    });
    expect(c.config.password).toBe(PASSWORD);
    expect(c.config.ssl).toMatchObject({ rejectUnauthorized: true, ca: 'PEM' });
    expect(defaultTlsMode('db.example.internal')).toBe('verify-full');
    expect(defaultTlsMode('127.0.0.1')).toBe('disable');
    expect(defaultTlsMode('localhost')).toBe('disable');
  });

  it('connects, remembers the connection and the password sealed by a real keychain, and reopens on it at the next start', () => {
    const { team, prefs, opened } = setup({ keychain: keychain(true) });
    const status = team.connect(SETTINGS, PASSWORD);
    expect(status.connected).toEqual({
      login: 'dana',
      roles: ['procurement'],
      schemaVersion: 9,
      where: 'db.example.internal:5433/vendor_risk',
    });
    expect(status).toMatchObject({ remembered: SETTINGS, passwordKept: true, problem: null });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('sslmode=verify-full');
    expect(prefs.get(TEAM_PREFERENCE)).toEqual(SETTINGS);
    const sealed = String(prefs.get(TEAM_PASSWORD_PREFERENCE));
    expect(sealed).not.toContain(PASSWORD);
    expect(JSON.stringify([...prefs.values()])).not.toContain('pass: 12');

    const next = setup({ keychain: keychain(true), prefs });
    next.team.start();
    expect(next.opened).toEqual([opened[0]]);
    expect(next.team.status().connected?.login).toBe('dana');
  });

  it('keeps no password where the keychain protects nothing, and asks for it at the next start', () => {
    for (const k of [keychain(false), undefined]) {
      const { team, prefs } = setup({ keychain: k });
      expect(team.connect(SETTINGS, PASSWORD).passwordKept).toBe(false);
      expect(prefs.has(TEAM_PASSWORD_PREFERENCE)).toBe(false);
      const next = setup({ keychain: k, prefs });
      next.team.start();
      expect(next.opened).toEqual([undefined]); // this computer's data meanwhile
      const status = next.team.status();
      expect(status.connected).toBeNull();
      expect(status.problem).toContain('asked at each start');
      expect(status.remembered).toEqual(SETTINGS);
    }
  });

  it('starts on this computer’s data, saying why, when the remembered database refuses, and does not retry', () => {
    const prefs = new Map<string, unknown>();
    setup({ keychain: keychain(true), prefs }).team.connect(SETTINGS, PASSWORD);
    const next = setup({
      keychain: keychain(true),
      prefs,
      refuse: new DatabaseRefusal('password authentication failed for user "dana"', '28P01', undefined),
    });
    next.team.start();
    expect(next.opened).toEqual([undefined]);
    expect(next.team.status()).toMatchObject({
      away: false,
      problem: expect.stringMatching(
        /^Could not connect .* as dana: The team database refused: password authentication failed .*This computer's own data is shown/,
      ),
    });
    // Nothing to resume: a refusal waits for the person (Settings), it is not tried again by itself.
    expect(next.team.resume()).toMatchObject({ connected: null, away: false });
    expect(next.probed).toHaveLength(1);
  });

  it('starts on this computer’s data when the remembered database is away, and switches to it once it answers', () => {
    const prefs = new Map<string, unknown>();
    setup({ keychain: keychain(true), prefs }).team.connect(SETTINGS, PASSWORD);
    const options = {
      keychain: keychain(true),
      prefs,
      refuse: new AppError(
        'OFFLINE',
        'The team database at postgresql://dana@db.example.internal:5433/vendor_risk cannot be reached (connect ECONNREFUSED); nothing was saved — try again when it is back',
      ) as unknown,
    };
    const next = setup(options);
    next.team.start();
    expect(next.opened).toEqual([undefined]);
    expect(next.team.status()).toMatchObject({
      connected: null,
      away: true,
      problem:
        "The team database at postgresql://dana@db.example.internal:5433/vendor_risk cannot be reached (connect ECONNREFUSED) — retrying. This computer's own data is shown until it answers.",
    });
    // Still away: nothing switches.
    expect(next.team.resume()).toMatchObject({ connected: null, away: true });
    expect(next.opened).toEqual([undefined]);
    // Back: the next try opens the team database, with the kept password.
    options.refuse = undefined;
    expect(next.team.resume()).toMatchObject({
      connected: { login: 'dana', roles: ['procurement'] },
      away: false,
      problem: null,
    });
    expect(next.opened).toHaveLength(2);
    expect(next.opened[1]).toContain(encodeURIComponent(PASSWORD));
    // Once connected, resuming changes nothing.
    next.team.resume();
    expect(next.probed).toHaveLength(3);
  });

  it('gives the exact problem as a form error, never OFFLINE (which would show the banner)', () => {
    const refused = setup({
      refuse: new DatabaseRefusal('password authentication failed for user "dana"', '28P01', undefined),
    });
    expect(() => refused.team.test(SETTINGS, 'wrong')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'The team database refused: password authentication failed for user "dana"',
      }),
    );
    const away = setup({
      refuse: new AppError(
        'OFFLINE',
        'The team database at x cannot be reached (timeout); nothing was saved — try again when it is back',
      ),
    });
    expect(() => away.team.connect(SETTINGS, PASSWORD)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'The team database at x cannot be reached (timeout)',
      }),
    );
    expect(away.opened).toEqual([]);
    expect(away.prefs.size).toBe(0);
  });

  it('reads only a CA file chosen with the open dialog', () => {
    const { team, probed } = setup({ keychain: keychain(true) });
    const withCa = { ...SETTINGS, caFile: '/home/dana/.ssh/id_ed25519' };
    expect(() => team.test(withCa, PASSWORD)).toThrow(/Choose the CA certificate/);
    expect(probed).toEqual([]);
    team.chosenCaFile('/etc/team-ca.pem');
    team.test({ ...SETTINGS, caFile: '/etc/team-ca.pem' }, PASSWORD);
    expect(probed[0]).toContain('sslrootcert=%2Fetc%2Fteam-ca.pem');
  });

  it('disconnects back to this computer’s data and forgets the connection and its password', () => {
    const { team, prefs, opened } = setup({ keychain: keychain(true) });
    team.connect(SETTINGS, PASSWORD);
    const status = team.disconnect();
    expect(opened.at(-1)).toBeUndefined();
    expect(status).toMatchObject({ connected: null, remembered: null, passwordKept: false });
    expect(prefs.size).toBe(0);
  });
});
