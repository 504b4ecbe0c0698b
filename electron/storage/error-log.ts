/**
 * The local log of unexpected errors, in the data folder (`logs/errors.log`, one JSON
 * line each): what the window is not shown — the error's own words and its stack — kept
 * for whoever looks into it, under the reference the window was given. Readable by the
 * owner only; the previous megabyte is kept as `errors.1.log`.
 */
import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ERROR_LOG = join('logs', 'errors.log');
const MAX_BYTES = 1024 * 1024;

/** Appends one unexpected error to the data folder's log; never throws (a log must not fail the app). */
export function logInternalError(
  dataDir: string,
  operation: string,
  reference: string,
  error: unknown,
): void {
  try {
    const dir = join(dataDir, 'logs');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, ERROR_LOG);
    try {
      if (statSync(file).size > MAX_BYTES) renameSync(file, join(dir, 'errors.1.log'));
    } catch {
      // No log yet.
    }
    const line = JSON.stringify({
      at: new Date().toISOString(),
      reference,
      operation,
      error: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    appendFileSync(file, `${line}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch {
    // Nowhere to write (a read-only folder): the window still gets its sentence.
  }
}
