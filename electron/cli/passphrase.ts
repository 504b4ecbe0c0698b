import { readKeyFile } from '../storage/keyfile';
import type { CliIo } from './io';

export const PASSPHRASE_ENV = 'VENDOR_RISK_PASSPHRASE';

/**
 * The passphrase of an encrypted data folder: from VENDOR_RISK_PASSPHRASE, else asked
 * on the terminal when there is one; undefined when the folder has none (or no one to ask).
 */
export async function passphraseFor(dataDir: string, io: CliIo): Promise<string | undefined> {
  const fromEnv = io.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!io.askSecret || !readKeyFile(dataDir)?.passphrase) return undefined;
  return io.askSecret('Passphrase of the encrypted data: ');
}
