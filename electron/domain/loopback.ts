/**
 * Which hosts are this machine. Apart from team-connection.ts (and without zod) because the
 * CLI reads a team database URL before it loads the rest of the program
 * (storage/pg/team-open.ts).
 */

/** Whether a host is this machine (a Unix socket folder counts): the only hosts allowed without TLS. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h.startsWith('/') || h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
