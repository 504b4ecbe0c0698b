/**
 * A team database opened as the storage's `Database`: the repositories' SQL runs over one
 * blocking connection (blocking-connection.ts), read as PostgreSQL reads it (dialect.ts).
 * Writers take turns as SQLite's do (a transaction-wide advisory lock, so a service's read
 * and write see no colleague's write between them), readers never wait.
 */
import type { TeamWaiting } from '../../domain/team-connection';
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { AppError } from '../../domain/errors';
import { TEAM_ROLES, type TeamRole } from '../../domain/team-roles';
import { createCipher } from '../cipher';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import type { Database } from '../database';
import type { SqlConnection, SqlParams, SqlStatement } from '../sql';
import { openBlockingConnection, DatabaseRefusal, type BlockingConnection } from './blocking-connection';
import { TEAM_SCHEMA } from './connection';
import { toPostgres, type Translated } from './dialect';
import { STALE_ROW_SQLSTATE } from './schema-team';
import { CHANGES_CHANNEL, teamOpenSettings } from './team-open';
import { PG_SCHEMA_VERSION } from './team-setup';
import { teamBackupRefused } from '../storage';

/**
 * Every writing transaction of the portfolio holds the one row of `write_turn` until it
 * ends (SELECT … FOR UPDATE needs the UPDATE right, which viewers lack: none of them can
 * hold it to stop the team's saves). A viewer's own writes (its cached standings, saved
 * filters) take no turn.
 */
const TAKE_TURN = `BEGIN; SELECT 1 FROM ${TEAM_SCHEMA}.write_turn WHERE id = 1 FOR UPDATE`;
/**
 * How long a save waits for its turn, and any statement may run, before the server gives up
 * (a colleague's transaction or a session left open by hand): under the connection's own
 * 60 s, so the server ends the wait rather than leaving it behind.
 */
export const TURN_TIMEOUT_MS = 20_000;
const STATEMENT_TIMEOUT_MS = 55_000;
/** SQLSTATE lock_not_available (lock_timeout), query_canceled (statement_timeout). */
const LOCK_NOT_AVAILABLE = '55P03';
const QUERY_CANCELED = '57014';

export interface TeamDatabase extends Database {
  readonly kind: 'team';
  /** The login this connection runs as (the audit trail's actor). */
  readonly user: string;
  /** The login's team roles (what the window shows, and shows disabled). */
  readonly roles: readonly TeamRole[];
  /** The team schema's version (this build's: an older or newer one is refused). */
  readonly teamSchemaVersion: number;
  /** Colleagues' changes: the table and who changed it, after their commit. */
  onChange(listener: (change: { table: string; op: string; by: string }) => void): void;
}

/**
 * Opens the team database at `url` (a person's own login); refuses one `team init` has not
 * prepared. `onWaiting` hears of a query (the login's too) left unanswered for a few seconds,
 * and of its end; adding one to `stopWaiting` gives that wait up (blocking-connection.ts).
 */
export function openTeamDatabase(
  url: string,
  options: {
    onWaiting?(state: TeamWaiting): void;
    stopWaiting?: Int32Array;
    /** How long a save waits for its turn (TURN_TIMEOUT_MS; shorter in tests). */
    turnTimeoutMs?: number;
  } = {},
): TeamDatabase {
  const { config, listen, display } = teamOpenSettings(url);
  const conn = openBlockingConnection(config, {
    display,
    listen,
    onWaiting: options.onWaiting,
    stopWaiting: options.stopWaiting,
  });
  try {
    return teamDatabase(conn, display, options.turnTimeoutMs ?? TURN_TIMEOUT_MS);
  } catch (error) {
    conn.close();
    throw error;
  }
}

function teamDatabase(conn: BlockingConnection, display: string, turnTimeoutMs: number): TeamDatabase {
  const { version, user, roles } = openingState(conn, display);
  if (version > PG_SCHEMA_VERSION)
    throw new AppError(
      'DATA_TOO_NEW',
      `The team database at ${display} was prepared by a newer version of Vendor Risk Desk (team schema ${version}); update this app`,
    );
  if (version < PG_SCHEMA_VERSION)
    throw new AppError(
      'INVALID_INPUT',
      `The team database at ${display} is at team schema ${version}; its owner updates it with \`vendor-risk team init\``,
    );
  const who = `${user} is ${roles.length ? `in the ${roles.join(' and ')} role${roles.length > 1 ? 's' : ''}` : 'in no team role'}`;
  const teamError = (error: unknown) => asAppError(error, who, turnTimeoutMs, () => turnHolders(conn, user));
  // A login in a writing role (or the owner, in none) takes the write turn; a viewer cannot.
  const writes = roles.length === 0 || roles.some((r) => r !== 'viewer');
  conn.query(`SET lock_timeout = ${turnTimeoutMs}; SET statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
  // Read when a statement first needs one (an INSERT OR REPLACE): a command that only reads
  // never asks (on a new server backend that catalog read was about 6 of opening's 14 ms).
  let keys: Map<string, string[]> | undefined;
  const sql = teamSql(conn, (table) => (keys ??= primaryKeys(conn)).get(table), teamError);

  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    const savepoint = `sp${depth}`;
    const outer = depth === 0;
    if (!outer) conn.query(`SAVEPOINT ${savepoint}`);
    else
      try {
        conn.query(writes ? TAKE_TURN : 'BEGIN');
      } catch (error) {
        // No turn within the time (or no server): the transaction never began.
        try {
          conn.query('ROLLBACK');
        } catch {
          // The connection is gone: nothing is open on the server.
        }
        throw teamError(error);
      }
    depth += 1;
    const undo = () => {
      try {
        conn.query(outer ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
      } catch {
        // The connection is gone: the server rolled the transaction back itself.
      }
    };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      depth -= 1;
      undo();
      throw teamError(error);
    }
    // Counted down once, whether or not the commit goes through.
    depth -= 1;
    try {
      conn.query(outer ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
    } catch (error) {
      undo();
      throw teamError(error);
    }
    return result;
  };
  const serverOnly = (what: string) => () => {
    throw new AppError('INVALID_INPUT', teamBackupRefused(what));
  };
  const listeners: ((change: { table: string; op: string; by: string }) => void)[] = [];
  conn.onNotice((channel, payload) => {
    if (channel !== CHANGES_CHANNEL) return;
    try {
      const change = JSON.parse(payload) as { table: string; op: string; by: string };
      for (const l of listeners) l(change);
    } catch {
      // A notice we did not write.
    }
  });
  return {
    kind: 'team',
    user,
    roles,
    teamSchemaVersion: version,
    sql,
    path: display,
    // Sensitive fields are sealed once an admin turns encryption on with a team passphrase
    // (services/encryption.ts, the key record in settings): a colleague's turning it on is seen here too.
    cipher: createCipher(() => conn.query("SELECT 1 FROM settings WHERE key = 'encryption'").rowCount > 0),
    transaction,
    leavingCheckpoint: (fn) => fn(),
    schemaVersion: () => LATEST_SCHEMA_VERSION,
    backupTo: async () => serverOnly('A backup')(),
    restoreFrom: async () => serverOnly('Restoring a backup')(),
    tightened: [],
    onChange: (listener) => listeners.push(listener),
    close: () => conn.close(),
  };
}

/**
 * What opening needs to know, in one round trip: the team schema's version (or a refusal
 * naming what to do), the login, and its team roles (named when the database refuses it something).
 */
function openingState(
  conn: BlockingConnection,
  display: string,
): { version: number; user: string; roles: TeamRole[] } {
  let row: { version: number; user: string; roles: string[] };
  try {
    row = conn.query(
      `SELECT (SELECT max(version) FROM ${TEAM_SCHEMA}.team_schema) AS version,
              session_user::text AS user,
              ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = session_user)
                       AND g.rolname LIKE 'vr\\_%' ORDER BY 1) AS roles`,
    ).rows[0] as typeof row;
  } catch (error) {
    // 42P01 undefined_table, 3F000 invalid_schema_name: `team init` has not run here.
    if (error instanceof DatabaseRefusal && (error.code === '42P01' || error.code === '3F000'))
      throw new AppError(
        'INVALID_INPUT',
        `${display} is not a team database yet: its owner prepares it with \`vendor-risk team init --database URL\``,
      );
    throw error;
  }
  const roles = row.roles
    .map((r) => r.slice(3))
    .filter((r): r is TeamRole => (TEAM_ROLES as readonly string[]).includes(r));
  return { version: Number(row.version), user: row.user, roles };
}

/** Each team table's primary key columns, in order (INSERT OR REPLACE becomes an upsert on them). */
function primaryKeys(conn: BlockingConnection): Map<string, string[]> {
  const rows = conn.query(
    `SELECT c.relname AS table_name, a.attname::text AS column_name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, pos) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = $1
      ORDER BY c.relname, k.pos`,
    [TEAM_SCHEMA],
  ).rows as { table_name: string; column_name: string }[];
  const keys = new Map<string, string[]>();
  for (const { table_name, column_name } of rows)
    keys.set(table_name, [...(keys.get(table_name) ?? []), column_name]);
  return keys;
}

/** A refusal as the error a person can act on: a stale save, a role's limit (naming the login's roles). */
function asAppError(error: unknown, who: string, turnTimeoutMs: number, holders: () => string): unknown {
  if (!(error instanceof DatabaseRefusal)) return error;
  if (error.code === STALE_ROW_SQLSTATE) return new AppError('CONFLICT', error.message);
  if (error.code === LOCK_NOT_AVAILABLE)
    return new AppError(
      'CONFLICT',
      `Another save has held the team database for ${Math.round(turnTimeoutMs / 1000)} s or more${holders()}; nothing was saved — try again in a moment`,
    );
  if (error.code === QUERY_CANCELED)
    return new AppError(
      'CONFLICT',
      `The team database gave up a request after ${STATEMENT_TIMEOUT_MS / 1000} s; nothing was saved — try again`,
    );
  if (error.code === '42501' || error.code === '42P17')
    return new AppError('INVALID_INPUT', `The team database refused: ${error.message} (${who})`);
  return error;
}

/** " (held by pat)": the other logins holding or waiting for the write turn, when the server says. */
function turnHolders(conn: BlockingConnection, user: string): string {
  try {
    const rows = conn.query(
      `SELECT DISTINCT a.usename::text AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.relation = '${TEAM_SCHEMA}.write_turn'::regclass AND l.granted AND l.pid <> pg_backend_pid()
        ORDER BY 1`,
    ).rows as { name: string }[];
    const names = rows.map((r) => r.name).filter((n) => n !== user);
    return names.length ? ` (by ${names.join(', ')})` : '';
  } catch {
    return '';
  }
}

/** The SQL connection the repositories use, over PostgreSQL. */
function teamSql(
  conn: BlockingConnection,
  keyOf: (table: string) => readonly string[] | undefined,
  teamError: (error: unknown) => unknown,
): SqlConnection {
  const translate = (text: string): Translated => toPostgres(text, keyOf);
  return {
    prepare(text): SqlStatement {
      let translated: Translated | null = null;
      let arrays = false;
      const run = (params: SqlParams) => {
        translated ??= translate(text);
        try {
          return conn.query(translated.text, valuesFor(translated, params), { arrays });
        } catch (error) {
          throw teamError(error);
        }
      };
      const all = (...params: SqlParams) => run(params).rows as Record<string, SQLOutputValue>[];
      return {
        all,
        get: (...params) => all(...params)[0],
        run: (...params) => ({ changes: run(params).rowCount, lastInsertRowid: 0 }),
        iterate: (...params) => all(...params)[Symbol.iterator](),
        setReturnArrays(enabled) {
          arrays = enabled;
        },
        // Values are picked by name from the object given: the others are never sent.
        setAllowUnknownNamedParameters: () => undefined,
      };
    },
    exec(text) {
      try {
        conn.query(translate(text).text);
      } catch (error) {
        throw teamError(error);
      }
    },
  };
}

/** The values in the translated statement's order, from SQLite-style positional or named ones. */
function valuesFor(translated: Translated, params: SqlParams): unknown[] {
  const first = params[0];
  const named =
    first !== null && typeof first === 'object' && !(first instanceof Uint8Array)
      ? (first as Record<string, SQLInputValue>)
      : undefined;
  const positional = named ? params.slice(1) : params;
  return translated.params.map((source) => {
    const value =
      typeof source === 'number' ? positional[source] : (named?.[source] ?? named?.[source.slice(1)]);
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value);
    if (typeof value === 'bigint') return value.toString();
    return value ?? null;
  });
}
