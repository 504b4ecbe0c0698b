/**
 * A team database connection as the window's Settings → Team database edits it: host,
 * port, database, login, TLS mode and the team's CA file (never the password, which is
 * kept by the OS keychain or asked for), and what connecting tells about the login.
 */
import { z } from 'zod';
import { isLoopbackHost } from './loopback';

/** The TLS modes the window offers (libpq's names; `allow`/`prefer` only on the command line). */
export const TEAM_TLS_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export const TeamTlsModeSchema = z.enum(TEAM_TLS_MODES);
export type TeamTlsMode = z.infer<typeof TeamTlsModeSchema>;

const NameSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(63, 'PostgreSQL names have at most 63 characters');

/** Where the team database is and who logs in (no password). */
export const TeamConnectionSettingsSchema = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, 'Required')
      .max(255)
      .regex(/^[^\s/?#@]+$/, 'A host name or address, without spaces, slashes or @'),
    port: z.number().int().min(1).max(65535),
    database: NameSchema,
    user: NameSchema,
    tls: TeamTlsModeSchema,
    /** The team's CA certificate (PEM), chosen with the open dialog; null: the system's CAs. */
    caFile: z.string().max(4096).nullable(),
  })
  .strict();
export type TeamConnectionSettings = z.infer<typeof TeamConnectionSettingsSchema>;

/** The login's password, as typed (empty when the server trusts this machine). */
export const TeamPasswordSchema = z.string().max(1024);

/** What the team database says about the login. */
export const TeamLoginSchema = z.object({
  login: z.string(),
  /** Its team roles (admin, procurement, security, legal, viewer); empty: none. */
  roles: z.array(z.string()),
  schemaVersion: z.number().int(),
  /** host:port/database, for the window. */
  where: z.string(),
});
export type TeamLogin = z.infer<typeof TeamLoginSchema>;

/** Whether this app works on a team database, and what is remembered for the next start. */
export const TeamStatusSchema = z.object({
  /** The team database the app works on now; null: this computer's own data. */
  connected: TeamLoginSchema.nullable(),
  /** The connection remembered for the next start (no password). */
  remembered: TeamConnectionSettingsSchema.nullable(),
  /** Whether the password is kept by the OS keychain. */
  passwordKept: z.boolean(),
  /** The OS keychain the app has, and whether it really protects secrets; null: none. */
  keychain: z.object({ backend: z.string(), secure: z.boolean() }).nullable(),
  /** Why the remembered connection is not in use (the password is needed, the server refused…). */
  problem: z.string().nullable(),
  /**
   * The remembered team database could not be reached at start: this computer's own data is
   * shown meanwhile, and `team.resume` tries again (the window does, with a growing pause).
   */
  away: z.boolean(),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export { isLoopbackHost };

/** The TLS mode a host gets unless the person chooses: none on this machine, verify-full elsewhere. */
export function defaultTlsMode(host: string): TeamTlsMode {
  return isLoopbackHost(host) ? 'disable' : 'verify-full';
}

/** The postgresql:// URL of a connection with its password (storage/pg/connection.ts reads it). */
export function teamDatabaseUrl(settings: TeamConnectionSettings, password: string): string {
  const host =
    settings.host.includes(':') && !settings.host.startsWith('[') ? `[${settings.host}]` : settings.host;
  const auth = `${encodeURIComponent(settings.user)}${password ? `:${encodeURIComponent(password)}` : ''}`;
  const params = new URLSearchParams({ sslmode: settings.tls });
  if (settings.caFile && settings.tls !== 'disable') params.set('sslrootcert', settings.caFile);
  return `postgresql://${auth}@${host}:${settings.port}/${encodeURIComponent(settings.database)}?${params}`;
}

/** "dana (procurement)" — the login and its team roles, as the window shows them. */
export function describeLogin(login: Pick<TeamLogin, 'login' | 'roles'>): string {
  return `${login.login} (${login.roles.length ? login.roles.join(', ') : 'no team role'})`;
}

/**
 * Whether the team database has left a query unanswered for a few seconds (the server or the
 * network may be away; the query goes on waiting until it is answered or given up), and how
 * long it had waited when this was told.
 */
export const TeamWaitingSchema = z.object({ waiting: z.boolean(), waitedMs: z.number() });
export type TeamWaiting = z.infer<typeof TeamWaitingSchema>;
