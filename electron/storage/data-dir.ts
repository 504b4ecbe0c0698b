import { resolve } from 'node:path';

export const DATA_DIR_ENV = 'VENDOR_RISK_DATA_DIR';

/** The data folder: the CLI's --data-dir, else VENDOR_RISK_DATA_DIR, else the platform default. */
export function resolveDataDir(options: { flag?: string; env: NodeJS.ProcessEnv; fallback: string }): string {
  const chosen = options.flag?.trim() || options.env[DATA_DIR_ENV]?.trim() || options.fallback;
  return resolve(chosen);
}
