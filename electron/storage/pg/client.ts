/**
 * Opening a connection to a team database from a URL (connection.ts decides TLS), and
 * the errors a person can act on. Loaded only by what uses the team database, so solo
 * commands never load the PostgreSQL client.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { teamConnection, withSystemCas, type TeamConnection } from './connection';

/** Connects, runs `fn` with the client and always closes it. */
export async function withTeamClient<T>(
  url: string,
  fn: (client: pg.Client, connection: TeamConnection) => Promise<T>,
): Promise<T> {
  const connection = teamConnection(url, (path) => readFileSync(path, 'utf8'));
  const client = new pg.Client(withSystemCas(connection.config));
  // A server that goes away mid-command surfaces as the failed query; this keeps it from crashing the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to ${connection.display}: ${connectMessage(error)}`, { cause: error });
  }
  try {
    return await fn(client, connection);
  } catch (error) {
    throw new Error(await refusalMessage(client, error), { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database error as a sentence; a refused privilege names the login's team roles. */
async function refusalMessage(client: pg.Client, error: unknown): Promise<string> {
  const code = (error as { code?: string }).code;
  if (code !== '42501') return messageOf(error);
  const roles = await client
    .query<{ name: string; groups: string | null }>(
      `SELECT session_user::text AS name, string_agg(g.rolname::text, ', ') AS groups
         FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
        WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = session_user) AND g.rolname LIKE 'vr\\_%'`,
    )
    .then((r) => r.rows[0])
    .catch(() => undefined);
  const who = roles ? ` (${roles.name} is in ${roles.groups ?? 'no team role'})` : '';
  return `the database refused: ${messageOf(error)}${who}`;
}

const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/** Why a connection failed, in words that say what to do about a certificate. */
function connectMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code && UNTRUSTED_CERTIFICATE.has(code))
    return `the server's certificate is not signed by a CA this machine trusts (${code}): give the team's CA with sslrootcert=FILE`;
  return messageOf(error);
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return messageOf(error.errors[0]);
  return error instanceof Error
    ? error.message || String((error as { code?: string }).code ?? error)
    : String(error);
}
