/**
 * `team init`, `team user add` and `team users`: preparing a shared PostgreSQL database for
 * the team edition and its people's logins. They open no data folder; the PostgreSQL
 * client is loaded only when one of them runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { done, failure, usageError, type Outcome } from './outcome';
import type { CliIo } from './io';
import type { CommandSpec, Flags, OptionSpecs } from './spec';
import { TEAM_ROLES, type TeamRole } from '../domain/team-roles';

/** The team database's URL when --database is not given. */
export const DATABASE_URL_ENV = 'VENDOR_RISK_DATABASE_URL';
/** The new login's password when there is no terminal to ask on. */
export const NEW_PASSWORD_ENV = 'VENDOR_RISK_NEW_PASSWORD';
const MIN_PASSWORD = 12;

export const DATABASE_OPTION: OptionSpecs = {
  database: {
    type: 'string',
    value: 'URL',
    description: `postgresql://USER@HOST:PORT/DATABASE[?sslmode=verify-full&sslrootcert=FILE] (else $${DATABASE_URL_ENV}); TLS is required for hosts other than this machine`,
  },
};

/** The team database's URL: --database, else the environment. */
/** The team database's URL (--database, else the environment's), its password asked for when it lacks one. */
export async function databaseUrl(flags: Flags, io: CliIo): Promise<string | undefined> {
  const url = flags.string('database') ?? io.env[DATABASE_URL_ENV];
  return url ? withAskedPassword(url, io) : undefined;
}

/**
 * The URL with the login's password asked for on the terminal when it names none and
 * PostgreSQL's own places have none either (PGPASSWORD, ~/.pgpass or PGPASSFILE): typed,
 * it stays out of the command line, where `ps` shows it to every user of the machine.
 * Without a terminal the URL is used as it is (the server may not ask).
 */
export async function withAskedPassword(url: string, io: CliIo): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // the command reads it again and says why
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol) || !parsed.username || parsed.password) return url;
  if (io.env.PGPASSWORD || !io.askSecret) return url;
  const passFile = io.env.PGPASSFILE || (io.env.HOME ? join(io.env.HOME, '.pgpass') : '');
  if (passFile && existsSync(passFile)) return url;
  const password = await io.askSecret(
    `Password for ${decodeURIComponent(parsed.username)}@${parsed.hostname}: `,
  );
  if (!password) return url;
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
/** The usage error when no team database is named. */
export const missingDatabase = () =>
  usageError(`no team database: give --database postgresql://… or set ${DATABASE_URL_ENV}`);

/** Runs `fn` on a connection, turning refusals (TLS, not ours, not allowed) into exit 2. */
async function onDatabase(
  url: string,
  fn: (
    m: typeof import('../storage/pg/team-setup'),
    client: import('pg').Client,
    where: string,
  ) => Promise<Outcome>,
): Promise<Outcome> {
  const [{ withTeamClient }, setup] = await Promise.all([
    import('../storage/pg/client'),
    import('../storage/pg/team-setup'),
  ]);
  try {
    return await withTeamClient(url, (client, connection) => fn(setup, client, connection.display));
  } catch (error) {
    return failure(error instanceof Error ? error.message : String(error));
  }
}

/** `team init`: schema, roles and policies on an empty database. */
export const teamInit: CommandSpec = {
  words: ['team', 'init'],
  summary: 'Prepare an empty PostgreSQL database for the team edition',
  description:
    'Connects with the database owner’s login (it needs CREATEROLE to make the team’s roles) and creates the ' +
    'schema vendor_risk, the group roles vr_admin, vr_procurement, vr_security, vr_legal and vr_viewer, their ' +
    'grants and row-level security policies. Refuses a database that holds anything else; run again on a team ' +
    'database, it applies only what is missing and states the grants and policies again.',
  args: [],
  options: DATABASE_OPTION,
  examples: [
    'vendor-risk team init --database postgresql://owner@db.example.internal/vendor_risk?sslmode=verify-full',
  ],
  async standalone({ io, flags }) {
    const url = await databaseUrl(flags, io);
    if (!url) return missingDatabase();
    return onDatabase(url, async (setup, client, where) => {
      const r = await setup.initTeamDatabase(client);
      const roles = r.roles.map((x) => `${x.group}${x.created ? ' (created)' : ''}`).join(', ');
      const lines = r.alreadyTeam
        ? [
            `${where} is a team database already (schema ${r.schema}, version ${r.schemaVersion}).`,
            r.migrations.length
              ? `Applied: ${r.migrations.map((m) => `${m.version} ${m.name}`).join('; ')}.`
              : 'Nothing to migrate.',
          ]
        : [
            `Prepared ${where} for the team edition (schema ${r.schema}, version ${r.schemaVersion}).`,
            `Applied: ${r.migrations.map((m) => `${m.version} ${m.name}`).join('; ')}.`,
          ];
      lines.push(
        `Roles: ${roles}.`,
        `Grants and ${r.policies} row-level security policies stated on ${r.tables} tables.`,
        'Next: vendor-risk team user add NAME --role ROLE --database URL',
      );
      return done(lines.join('\n'), r);
    });
  },
};

/** `team user add NAME --role ROLE`: a person's login. */
export const teamUserAdd: CommandSpec = {
  words: ['team', 'user', 'add'],
  summary: 'Create a person’s login in one of the team’s roles',
  description:
    `Creates a PostgreSQL login named NAME in the role's group (${TEAM_ROLES.join(', ')}). The password comes ` +
    `from ${NEW_PASSWORD_ENV} or is asked twice on the terminal (at least ${MIN_PASSWORD} characters); it is ` +
    'never printed, and reaches the server only as a SCRAM-SHA-256 verifier. Needs the owner’s (or a CREATEROLE) login.',
  args: ['NAME'],
  options: {
    ...DATABASE_OPTION,
    role: { type: 'string', value: 'ROLE', description: `One of ${TEAM_ROLES.join(', ')}` },
  },
  examples: [
    `${NEW_PASSWORD_ENV}=… vendor-risk team user add dana --role legal --database postgresql://owner@localhost/vendor_risk`,
  ],
  check(_args, flags) {
    const role = flags.string('role');
    if (!role) return `missing --role (${TEAM_ROLES.join(', ')})`;
    if (!(TEAM_ROLES as readonly string[]).includes(role))
      return `unknown role '${role}' (${TEAM_ROLES.join(', ')})`;
    return undefined;
  },
  async standalone({ io, args, flags }) {
    const url = await databaseUrl(flags, io);
    if (!url) return missingDatabase();
    const name = args[0]!;
    const role = flags.string('role') as TeamRole;
    let password = io.env[NEW_PASSWORD_ENV];
    if (!password) {
      if (!io.askSecret) return failure(`no password: set ${NEW_PASSWORD_ENV} (no terminal to ask on)`);
      password = await io.askSecret(`Password for ${name}: `);
      if ((await io.askSecret('The same password again: ')) !== password)
        return failure('the two passwords differ; no login was created');
    }
    if (password.length < MIN_PASSWORD)
      return failure(`the password is too short: at least ${MIN_PASSWORD} characters`);
    const secret = password;
    return onDatabase(url, async (setup, client, where) => {
      const user = await setup.addTeamUser(client, name, role, secret);
      return done(
        `Created the login ${user.name} in the role ${user.role} (${user.group}) on ${where}.`,
        user,
      );
    });
  },
};

/** `team users`: the logins and their roles. */
export const teamUsers: CommandSpec = {
  words: ['team', 'users'],
  summary: 'List the team database’s logins and their roles',
  description:
    'Lists every login that is a member of one of the team’s roles. Any login of the database may list them.',
  args: [],
  options: DATABASE_OPTION,
  examples: ['vendor-risk team users --json'],
  async standalone({ io, flags }) {
    const url = await databaseUrl(flags, io);
    if (!url) return missingDatabase();
    return onDatabase(url, async (setup, client, where) => {
      const users = await setup.listTeamUsers(client);
      const width = Math.max(4, ...users.map((u) => u.name.length));
      const text = users.length
        ? [
            `${'NAME'.padEnd(width)}  ROLES`,
            ...users.map(
              (u) => `${u.name.padEnd(width)}  ${u.roles.join(', ')}${u.canLogin ? '' : ' (cannot log in)'}`,
            ),
          ].join('\n')
        : `No logins on ${where} yet: vendor-risk team user add NAME --role ROLE`;
      return done(text, { users });
    });
  },
};
