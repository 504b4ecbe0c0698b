/**
 * How a team database URL becomes a node-postgres connection: the URL is read here, not by
 * pg's own parser, so that the TLS mode means what libpq says it means (pg's parser treats
 * `require` as `verify-full`) and so that TLS is required for every host off this machine.
 */
import type { ClientConfig } from 'pg';
import { isLoopbackHost } from '../../domain/loopback';

/** The schema every team table lives in; connections search it first. */
export const TEAM_SCHEMA = 'vendor_risk';

/**
 * How long the server lets a session wait for its client in the middle of a transaction
 * before it ends the session and rolls the transaction back. A client gone mid-save (a
 * network that dropped, "Stop waiting" while the server was only slow) would otherwise keep
 * its transaction, and the team's writers' lock with it, until the server noticed, which
 * with default TCP settings takes hours: every colleague's save would wait. The app never
 * leaves a transaction waiting on purpose: its statements follow one another.
 */
export const IDLE_IN_TRANSACTION_MS = 30_000;

/** libpq's TLS modes, as `sslmode=` in the URL. */
export const TLS_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** A URL that cannot be used, with the sentence to show (exit 2 on the command line). */
export class ConnectionRefused extends Error {}

/** A team database connection: pg's config and what a person should see of it. */
export interface TeamConnection {
  config: ClientConfig;
  host: string;
  port: number;
  database: string;
  user: string | undefined;
  tls: TlsMode;
  /** The URL without its password, for messages. */
  display: string;
}

// The rule lives in the domain, where the window's Settings read it too.
export { isLoopbackHost };

/**
 * Reads a `postgresql://user:password@host:port/database?sslmode=…&sslrootcert=…` URL.
 * Without sslmode, a loopback host connects plainly and any other host with verify-full;
 * a non-loopback host with disable, allow or prefer is refused. `readFile` reads the
 * sslrootcert / sslcert / sslkey files named in the URL.
 */
export function teamConnection(
  url: string,
  readFile: (path: string) => string = () => {
    throw new ConnectionRefused('certificate files cannot be read here');
  },
): TeamConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectionRefused('the database URL is not a URL (postgresql://user@host:5432/database)');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:')
    throw new ConnectionRefused(`the database URL must start with postgresql:// (not ${parsed.protocol}//)`);
  const params = parsed.searchParams;
  const host = params.get('host') ?? (decodeURIComponent(parsed.hostname) || 'localhost');
  const port = Number(params.get('port') ?? (parsed.port || 5432));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConnectionRefused(`the database URL's port is not a port: ${parsed.port}`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new ConnectionRefused('the database URL names no database (…/DATABASE at its end)');
  const user = parsed.username ? decodeURIComponent(parsed.username) : (params.get('user') ?? undefined);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const loopback = isLoopbackHost(host);

  const given = params.get('sslmode');
  if (given !== null && !(TLS_MODES as readonly string[]).includes(given))
    throw new ConnectionRefused(`unknown sslmode '${given}' (one of ${TLS_MODES.join(', ')})`);
  const tls: TlsMode = (given as TlsMode | null) ?? (loopback ? 'disable' : 'verify-full');
  if (!loopback && (tls === 'disable' || tls === 'allow' || tls === 'prefer'))
    throw new ConnectionRefused(
      `TLS is required for ${host} (not this machine): use sslmode=verify-full (or require), not ${tls}`,
    );

  const file = (name: string) => {
    const path = params.get(name);
    return path ? readFile(path) : undefined;
  };
  let ssl: ClientConfig['ssl'] = false;
  if (tls === 'require') ssl = { rejectUnauthorized: false };
  else if (tls === 'verify-ca' || tls === 'verify-full') {
    const ca = file('sslrootcert');
    ssl = {
      rejectUnauthorized: true,
      ...(ca === undefined ? {} : { ca }),
      ...(tls === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
    };
  }
  if (ssl) {
    const cert = file('sslcert');
    const key = file('sslkey');
    if (cert !== undefined) ssl = { ...ssl, cert };
    if (key !== undefined) ssl = { ...ssl, key };
  }

  const display = `postgresql://${user ? `${user}@` : ''}${host.startsWith('/') ? '' : host}:${port}/${database}`;
  return {
    config: {
      host,
      port,
      database,
      user,
      password,
      ssl,
      application_name: 'vendor-risk',
      options: `-c search_path=${TEAM_SCHEMA} -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
      connectionTimeoutMillis: 10_000,
    },
    host,
    port,
    database,
    user,
    tls,
    display,
  };
}

/**
 * Verifying without sslrootcert trusts the CAs Node carries and the operating system's own
 * (where a company's internal CA is usually installed), as libpq trusts the system's store.
 */
export function withSystemCas(config: ClientConfig): ClientConfig {
  const ssl = config.ssl;
  if (typeof ssl !== 'object' || !ssl.rejectUnauthorized || ssl.ca !== undefined) return config;
  // Node's TLS module is loaded here, not on import: a connection on this machine (and the
  // CLI's start-up, which reads the URL early: team-open.ts) never needs it.
  const { getCACertificates } = process.getBuiltinModule('node:tls');
  let system: string[] = [];
  try {
    system = getCACertificates('system');
  } catch {
    // An older Node without the system store: its bundled CAs only.
  }
  return { ...config, ssl: { ...ssl, ca: [...getCACertificates('default'), ...system] } };
}
