/**
 * What opening a team database asks of its connection's thread: where to log in (the URL
 * read by connection.ts, certificate files read from disk) and the channel to listen on.
 * Also built on its own as `pg-open.js` (vite.pg-open.config.mts), which the CLI loads before
 * the rest of the program to send these to a thread it starts early: the login then happens
 * while the program loads (bin/vendor-risk.cjs). So it stays small: no zod, no TLS module
 * unless a certificate must be verified.
 */
import { readFileSync } from 'node:fs';
import type { ClientConfig } from 'pg';
import { teamConnection, withSystemCas } from './connection';

/** The channel colleagues' committed changes are announced on (schema-team.ts sends them). */
export const CHANGES_CHANNEL = 'vendor_risk_changes';

/** A team database connection's settings: pg's config, the channels to listen on, and the URL without its password. */
export interface TeamOpenSettings {
  config: ClientConfig;
  listen: string[];
  display: string;
}

/** The settings for `url`; throws `ConnectionRefused` for a URL that cannot be used. */
export function teamOpenSettings(url: string): TeamOpenSettings {
  const connection = teamConnection(url, (path) => readFileSync(path, 'utf8'));
  return { config: withSystemCas(connection.config), listen: [CHANGES_CHANNEL], display: connection.display };
}
