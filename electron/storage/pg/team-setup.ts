/**
 * Preparing a team database and its people: the schema's migrations, the group roles and
 * their grants and policies (`team init`), logins (`team user add`) and the list of them
 * (`team users`). Each takes an open client; the CLI opens it from a URL.
 */
import type { ClientBase } from 'pg';
import { TEAM_SCHEMA } from './connection';
import { grantsSql, groupRole, ROLES_SQL, TEAM_ROLES, type TeamRole } from './roles';
import { scramVerifier } from './scram';
import { AUDIT_SQL, NOTIFY_SQL, SHARING_SQL, STANDINGS_SQL, VERSIONS_SQL } from './schema-team';
import { SBOM_REPLIES_SQL, STANDING_PROVISIONAL_SQL, TABLES_SQL } from './schema-tables';
import { EVIDENCE_SQL, SEALED_EVIDENCE_SQL } from './schema-evidence';
import { COMPAT_SQL } from './schema-compat';

/** A numbered migration of the team schema (numbered apart from SQLite's). */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** The team schema's migrations, in order; each runs once and is recorded in team_schema. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'portfolio tables (as SQLite schema 16)', sql: TABLES_SQL },
  { version: 2, name: 'row versions and who changed each row', sql: VERSIONS_SQL },
  { version: 3, name: 'audit trail appended by the database', sql: AUDIT_SQL },
  { version: 4, name: 'vendor standings dropped by triggers', sql: STANDINGS_SQL },
  { version: 5, name: 'change notices for open windows (LISTEN/NOTIFY)', sql: NOTIFY_SQL },
  // pgmove: evidence files' content, for moving a portfolio in and out.
  { version: 6, name: 'evidence files in the database (size-limited, SHA-256 checked)', sql: EVIDENCE_SQL },
  { version: 7, name: 'SBOM replies through the exchange (as SQLite schema 17)', sql: SBOM_REPLIES_SQL },
  {
    version: 8,
    name: 'standings say whether the score is provisional (as SQLite schema 18)',
    sql: STANDING_PROVISIONAL_SQL,
  },
  {
    version: 9,
    name: "SQLite's rowid, 0/1 comparisons and JSON functions (the repositories' SQL as written)",
    sql: COMPAT_SQL,
  },
  {
    version: 10,
    name: 'evidence files sealed with the team key (encryption on)',
    sql: SEALED_EVIDENCE_SQL,
  },
  {
    version: 11,
    name: "each login's own cached standings; writers take turns on a row only writers can lock",
    sql: SHARING_SQL,
  },
];
export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** A database that cannot be prepared, with the sentence to show (exit 2). */
export class TeamSetupRefused extends Error {}

/** What `team init` did. */
export interface InitReport {
  database: string;
  schema: string;
  schemaVersion: number;
  /** Whether the database already was a team database. */
  alreadyTeam: boolean;
  migrations: { version: number; name: string }[];
  roles: { role: TeamRole; group: string; created: boolean }[];
  tables: number;
  policies: number;
}

/** The objects a database holds outside the system's schemas (and outside ours). */
async function foreignObjects(client: ClientBase): Promise<{ schema: string; objects: number }[]> {
  const r = await client.query<{ schema: string; objects: string }>(
    `SELECT n.nspname AS schema, count(c.oid) AS objects
       FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', $1)
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
      GROUP BY n.nspname`,
    [TEAM_SCHEMA],
  );
  return r.rows
    .map((row) => ({ schema: row.schema, objects: Number(row.objects) }))
    .filter((row) => row.objects > 0 || row.schema !== 'public');
}

/** Whether the database holds our schema, with its migrations table. */
async function teamSchemaState(client: ClientBase): Promise<'none' | 'ours' | 'foreign'> {
  const r = await client.query<{ schema: boolean; table: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema,
            to_regclass($2) IS NOT NULL AS table`,
    [TEAM_SCHEMA, `${TEAM_SCHEMA}.team_schema`],
  );
  const row = r.rows[0]!;
  return row.table ? 'ours' : row.schema ? 'foreign' : 'none';
}

/**
 * Prepares the database the client is connected to (as its owner): refuses one that holds
 * anything else, and on one it prepared before applies only what is missing and states
 * the grants and policies again. All of it in one transaction.
 */
export async function initTeamDatabase(client: ClientBase): Promise<InitReport> {
  const state = await teamSchemaState(client);
  if (state === 'foreign')
    throw new TeamSetupRefused(
      `the database has a schema named ${TEAM_SCHEMA} that is not a team database: nothing was changed`,
    );
  if (state === 'none') {
    const foreign = await foreignObjects(client);
    if (foreign.length)
      throw new TeamSetupRefused(
        `the database is not empty (${foreign.map((f) => `schema ${f.schema}: ${f.objects} tables or other objects`).join('; ')}) ` +
          'and is not a team database: use an empty database; nothing was changed',
      );
  }
  const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  await client.query('BEGIN');
  try {
    // One init at a time per server: roles are the whole server's.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('vendor-risk team init'))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${TEAM_SCHEMA}`);
    await client.query(`SET LOCAL search_path = ${TEAM_SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS team_schema (
      version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM team_schema')).rows.map((r) => r.version),
    );
    const newest = Math.max(0, ...applied);
    if (newest > PG_SCHEMA_VERSION)
      throw new TeamSetupRefused(
        `the team database is at schema ${newest}, newer than this version knows (${PG_SCHEMA_VERSION}): update the app`,
      );
    const migrations: InitReport['migrations'] = [];
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO team_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
      migrations.push({ version: m.version, name: m.name });
    }
    const existing = new Set(
      (
        await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY ($1)', [
          TEAM_ROLES.map(groupRole),
        ])
      ).rows.map((r) => r.rolname),
    );
    await client.query(ROLES_SQL);
    await client.query(grantsSql(database));
    const counts = (
      await client.query<{ tables: string; policies: string }>(
        `SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = $1) AS tables,
                (SELECT count(*) FROM pg_policies WHERE schemaname = $1) AS policies`,
        [TEAM_SCHEMA],
      )
    ).rows[0]!;
    await client.query('COMMIT');
    return {
      database,
      schema: TEAM_SCHEMA,
      schemaVersion: PG_SCHEMA_VERSION,
      alreadyTeam: state === 'ours',
      migrations,
      roles: TEAM_ROLES.map((role) => ({
        role,
        group: groupRole(role),
        created: !existing.has(groupRole(role)),
      })),
      tables: Number(counts.tables),
      policies: Number(counts.policies),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A login name we create: plain, so it reads the same in psql, logs and the audit trail. */
export const LOGIN_NAME = /^[a-z][a-z0-9_.-]{0,62}$/;

/** Creates a person's login in a role's group; the password travels only as a SCRAM verifier. */
export async function addTeamUser(
  client: ClientBase,
  name: string,
  role: TeamRole,
  password: string,
): Promise<{ name: string; role: TeamRole; group: string }> {
  if (!LOGIN_NAME.test(name) || name.startsWith('pg_') || name.startsWith('vr_'))
    throw new TeamSetupRefused(
      `'${name}' cannot be a login name: lower-case letters, digits, _ . - (starting with a letter, not pg_ or vr_)`,
    );
  if ((await teamSchemaState(client)) !== 'ours')
    throw new TeamSetupRefused('this is not a team database: run `vendor-risk team init` first');
  const group = groupRole(role);
  const found = await client.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname = ANY ($1)',
    [[name, group]],
  );
  const names = new Set(found.rows.map((r) => r.rolname));
  if (!names.has(group))
    throw new TeamSetupRefused(`the role ${group} is missing: run \`vendor-risk team init\` again`);
  if (names.has(name)) throw new TeamSetupRefused(`a login named ${name} exists already`);
  // The verifier holds only base64, '$' and ':'; the name was checked above and is quoted.
  await client.query(`CREATE ROLE "${name}" LOGIN PASSWORD '${scramVerifier(password)}' IN ROLE ${group}`);
  return { name, role, group };
}

/** A login of the team and its roles. */
export interface TeamUser {
  name: string;
  roles: TeamRole[];
  /** Whether the login may connect now (not disabled, not expired). */
  canLogin: boolean;
}

/** The logins that are members of a team role, by name: disabled and expired ones too (they cannot log in). */
export async function listTeamUsers(client: ClientBase): Promise<TeamUser[]> {
  const r = await client.query<{ name: string; groups: string[]; can_login: boolean }>(
    `SELECT u.rolname::text AS name, array_agg(g.rolname::text ORDER BY g.rolname) AS groups,
            u.rolcanlogin AND (u.rolvaliduntil IS NULL OR u.rolvaliduntil > now()) AS can_login
       FROM pg_roles u
       JOIN pg_auth_members m ON m.member = u.oid
       JOIN pg_roles g ON g.oid = m.roleid
      WHERE g.rolname = ANY ($1)
      GROUP BY u.rolname, u.rolcanlogin, u.rolvaliduntil
      ORDER BY u.rolname`,
    [TEAM_ROLES.map(groupRole)],
  );
  return r.rows.map((row) => ({
    name: row.name,
    roles: TEAM_ROLES.filter((role) => row.groups.includes(groupRole(role))),
    canLogin: row.can_login,
  }));
}
