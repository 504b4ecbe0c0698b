/**
 * The service suite over a team database (vitest project `pg-services`): this setup file
 * prepares one template database per test file with `team init`, and `openApp`
 * (test/unit/helpers.ts) then gives each test its own copy, connected as a login named for
 * the test's actor ("Unit Tester"), in the admin role. The same test files run on SQLite in
 * the `unit` project.
 */
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { initTeamDatabase } from '../../electron/storage/pg/team-setup';
import {
  openBlockingConnection,
  type BlockingConnection,
} from '../../electron/storage/pg/blocking-connection';
import { TEAM_SCHEMA } from '../../electron/storage/pg/connection';
import { toPostgres } from '../../electron/storage/pg/dialect';
import { uniqueName, urlWith } from './support';
import '../unit/helpers';

const PASSWORD = 'team suite password 1';

const server = inject('pgUrl');
if (!server) throw new Error(`the pg-services project needs PostgreSQL: ${inject('pgSkipReason')}`);
const template = uniqueName('vrtpl');
let owner: BlockingConnection;
const logins = new Set<string>();

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const client = new pg.Client({ connectionString: urlWith(server, { database: template }) });
  await client.connect();
  await initTeamDatabase(client);
  await client.end();
  owner = openBlockingConnection({ connectionString: server }, { display: 'the test server' });
});

afterAll(() => {
  owner?.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  owner?.close();
});

/** Makes a login named as the test's actor (once per server), in the admin role. */
function ensureLogin(actor: string): void {
  // Logins are the server's: made once, kept between files (named as the tests' actors,
  // which `team user add` would refuse: the suite's names have capitals and spaces).
  if (logins.has(actor)) return;
  const exists = owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [actor]).rowCount;
  if (!exists)
    owner.query(
      `CREATE ROLE ${pg.escapeIdentifier(actor)} LOGIN PASSWORD ${pg.escapeLiteral(PASSWORD)} IN ROLE vr_admin`,
    );
  logins.add(actor);
}

globalThis.vendorRiskTeamBackend = {
  database(actor, cleanups) {
    ensureLogin(actor);
    const name = uniqueName('vrt');
    owner.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    cleanups.push(() => owner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    return urlWith(server, { user: actor, password: PASSWORD, database: name });
  },
  as(url, actor) {
    ensureLogin(actor);
    return urlWith(url, { user: actor, password: PASSWORD });
  },
  // Someone with the server's owner login changing the database behind the app's back: its
  // triggers off (no change notice, no standings kept up), read as the repositories' SQL is.
  behindTheBack(url, sql, params = []) {
    const database = new URL(url).pathname.slice(1);
    const conn = openBlockingConnection(
      { connectionString: urlWith(server, { database }) },
      { display: 'the test server' },
    );
    try {
      conn.query(`SET session_replication_role = replica; SET search_path TO ${TEAM_SCHEMA}`);
      // SQLite's json_set(doc, '$.key', 'text'), which the tests use to edit a stored record.
      const spelled = sql.replace(
        /json_set\((\w+), '\$\.(\w+)', ('(?:[^']|'')*')\)/g,
        "jsonb_set($1::jsonb, '{$2}', to_jsonb($3::text))::text",
      );
      const translated = toPostgres(spelled, () => undefined);
      return conn.query(
        translated.text,
        params.length ? translated.params.map((p) => params[p as number]) : undefined,
      ).rows as Record<string, unknown>[];
    } finally {
      conn.close();
    }
  },
};
