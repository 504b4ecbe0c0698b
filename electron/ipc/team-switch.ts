/**
 * Settings → Team database, on the data host's side: tries a connection, switches the host
 * to a team database (its services reopened on the URL) and back to this computer's data,
 * and remembers the connection in the preferences — the password only sealed by the OS
 * keychain (asked from the main process), never in plain text, and not at all where the
 * keychain protects nothing (the window then asks for it at each start).
 */
import {
  TeamConnectionSettingsSchema,
  teamDatabaseUrl,
  type TeamConnectionSettings,
  type TeamLogin,
  type TeamStatus,
  type TeamWaiting,
} from '../domain/team-connection';
import { AppError } from '../domain/errors';
import { openTeamDatabase, type TeamDatabase } from '../storage/pg/team-database';
import { ConnectionRefused } from '../storage/pg/connection';
import { DatabaseRefusal, NOTHING_SAVED } from '../storage/pg/blocking-connection';
import type { KeyProtector } from '../storage/keyfile';

/** Preference keys: the connection (no password), and the password sealed by the keychain (base64). */
export const TEAM_PREFERENCE = 'teamDatabase';
export const TEAM_PASSWORD_PREFERENCE = 'teamDatabasePassword';

/** What the team operations ask of the host (ops/team-handlers.ts). */
export interface TeamController {
  status(): TeamStatus;
  /** Connects, reads the login, its roles and the team schema version, and disconnects. */
  test(settings: TeamConnectionSettings, password: string): TeamLogin;
  /** Switches the app to the team database and remembers the connection. */
  connect(settings: TeamConnectionSettings, password: string): TeamStatus;
  /** Switches back to this computer's data and forgets the connection and its password. */
  disconnect(): TeamStatus;
  /** A CA file the person chose with the open dialog (the only paths a connection may name). */
  chosenCaFile(path: string): void;
  /**
   * Tries the remembered team database again when it could not be reached at start, and
   * switches to it once it answers; otherwise only says how things stand.
   */
  resume(): TeamStatus;
}

export interface TeamSwitchOptions {
  preferences: {
    get(key: string): unknown;
    set(key: string, value: unknown): void;
    delete(key: string): void;
  };
  /** The OS keychain the main process offers, or none. */
  keychain: KeyProtector | undefined;
  /** Reopens the host's services on a team database URL, or on this computer's data (undefined); throws what opening throws. */
  reopen(database: string | undefined): void;
  /** Opens a team database (tests give their own). */
  open?: (url: string) => TeamDatabase;
  /** Told while a database being tested leaves its login unanswered, and when it answers (the window's strip). */
  onWaiting?(state: TeamWaiting): void;
  /** Gives that wait up when added to (the strip's "Stop waiting"). */
  stopWaiting?: Int32Array;
}

/** The host's team controller; `start()` opens what the preferences remember (or this computer's data). */
export function createTeamSwitch(options: TeamSwitchOptions): TeamController & { start(): void } {
  const prefs = options.preferences;
  const open =
    options.open ??
    ((url: string) =>
      openTeamDatabase(url, { onWaiting: options.onWaiting, stopWaiting: options.stopWaiting }));
  const chosen = new Set<string>();
  let connected: TeamLogin | null = null;
  let problem: string | null = null;
  /** The remembered database did not answer at start (team.resume tries it again). */
  let away = false;

  const remembered = (): TeamConnectionSettings | null => {
    const parsed = TeamConnectionSettingsSchema.safeParse(prefs.get(TEAM_PREFERENCE));
    return parsed.success ? parsed.data : null;
  };
  const keychain = options.keychain;
  const status = (): TeamStatus => ({
    connected,
    remembered: remembered(),
    passwordKept: typeof prefs.get(TEAM_PASSWORD_PREFERENCE) === 'string',
    keychain: keychain ? { backend: keychain.backend, secure: keychain.secure } : null,
    problem,
    away,
  });

  /** Opens the database once to read the login; throws what opening threw (see `connectionProblem`). */
  const probe = (settings: TeamConnectionSettings, password: string): { login: TeamLogin; url: string } => {
    if (settings.caFile && !chosen.has(settings.caFile) && settings.caFile !== remembered()?.caFile)
      throw new AppError(
        'INVALID_INPUT',
        'Choose the CA certificate with “Choose…” (a typed path is not read)',
      );
    const url = teamDatabaseUrl(settings, password);
    const db = open(url);
    try {
      return {
        url,
        login: {
          login: db.user,
          roles: [...db.roles],
          schemaVersion: db.teamSchemaVersion,
          where: where(settings),
        },
      };
    } finally {
      db.close();
    }
  };
  /** The same, failing with the sentence the form shows. */
  const tried = (settings: TeamConnectionSettings, password: string) => {
    try {
      return probe(settings, password);
    } catch (error) {
      throw connectionProblem(error);
    }
  };

  const switchTo = (url: string | undefined) => {
    try {
      options.reopen(url);
    } catch (error) {
      throw connectionProblem(error);
    }
  };

  return {
    status,
    test: (settings, password) => tried(settings, password).login,
    connect(settings, password) {
      const { login, url } = tried(settings, password);
      switchTo(url);
      connected = login;
      problem = null;
      away = false;
      prefs.set(TEAM_PREFERENCE, settings);
      if (keychain?.secure)
        prefs.set(
          TEAM_PASSWORD_PREFERENCE,
          keychain.protect(Buffer.from(password, 'utf8')).toString('base64'),
        );
      else prefs.delete(TEAM_PASSWORD_PREFERENCE);
      return status();
    },
    disconnect() {
      switchTo(undefined);
      connected = null;
      problem = null;
      away = false;
      prefs.delete(TEAM_PREFERENCE);
      prefs.delete(TEAM_PASSWORD_PREFERENCE);
      return status();
    },
    chosenCaFile: (path) => void chosen.add(path),
    start() {
      const settings = remembered();
      const password = settings ? keptPassword() : null;
      if (settings && password !== null) {
        if (reconnect(settings, password)) return;
      } else if (settings)
        problem = `Enter ${settings.user}'s password to connect to the team database at ${where(settings)}: ${
          keychain?.secure
            ? 'the keychain could not give it back'
            : keychain
              ? `this computer's keychain (${keychain.backend}) does not protect secrets, so the password is asked at each start`
              : 'there is no keychain here, so the password is asked at each start'
        }. Until then this computer's own data is shown.`;
      options.reopen(undefined);
    },
    resume() {
      const settings = remembered();
      const password = settings && away ? keptPassword() : null;
      if (settings && password !== null) reconnect(settings, password);
      return status();
    },
  };

  /**
   * Opens the remembered team database with the kept password and switches to it; false when
   * it cannot (the reason in `problem`). A server that does not answer leaves the app `away`
   * (tried again by team.resume); a refusal (a wrong password, a role removed) does not.
   */
  function reconnect(settings: TeamConnectionSettings, password: string): boolean {
    try {
      const { login, url } = probe(settings, password);
      options.reopen(url);
      connected = login;
      problem = null;
      away = false;
      return true;
    } catch (error) {
      away = unreachable(error);
      const why = connectionProblem(error).message;
      problem = away
        ? `${why} — retrying. This computer's own data is shown until it answers.`
        : `Could not connect to the team database at ${where(settings)} as ${settings.user}: ${why}. This computer's own data is shown; connect again in Settings → Team database.`;
      return false;
    }
  }

  /** The password the keychain keeps, or null (none kept, or the keychain cannot open it). */
  function keptPassword(): string | null {
    const sealed = prefs.get(TEAM_PASSWORD_PREFERENCE);
    if (typeof sealed !== 'string' || !keychain) return null;
    try {
      return keychain.unprotect(Buffer.from(sealed, 'base64')).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** host:port/database, as the window names a team database. */
const where = (settings: TeamConnectionSettings) => `${settings.host}:${settings.port}/${settings.database}`;

/** A server that did not answer (or went away while logging in), as opposed to one that refused. */
function unreachable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'OFFLINE';
}

/** Why a connection cannot be used, as a sentence for the form (never the OFFLINE banner's code). */
export function connectionProblem(error: unknown): AppError {
  if (error instanceof AppError)
    return error.code === 'OFFLINE'
      ? new AppError(
          'INVALID_INPUT',
          error.message.endsWith(NOTHING_SAVED)
            ? error.message.slice(0, -NOTHING_SAVED.length)
            : error.message,
        )
      : error;
  if (error instanceof ConnectionRefused)
    return new AppError('INVALID_INPUT', `This connection cannot be used: ${error.message}`);
  if (error instanceof DatabaseRefusal)
    return new AppError('INVALID_INPUT', `The team database refused: ${error.message}`);
  return new AppError('INVALID_INPUT', error instanceof Error ? error.message : String(error));
}
