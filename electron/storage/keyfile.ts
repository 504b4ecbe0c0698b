/**
 * The data key's file (`encryption.json` in the data folder). The data key itself is
 * never stored in the clear: it is kept protected by the OS keychain (Electron's
 * safeStorage, in the app) and/or sealed under a key derived from a passphrase (scrypt),
 * which the command line and computers without a real keychain use.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import { auditKeyOf, decryptBytes, encryptBytes, keyFromPassphrase, SCRYPT, signWith } from './cipher';

export const KEY_FILE = 'encryption.json';
const CHECK = 'vendor-risk-desk data key';

export const KeyFileSchema = z.object({
  format: z.literal('vendor-risk-keys/1'),
  createdAt: z.string(),
  /** The check text sealed with the data key: tells a wrong key from a right one. */
  check: z.string(),
  /** The data key protected by the OS keychain (base64), or null. */
  keychain: z.string().nullable(),
  /** The data key sealed under a passphrase-derived key, or null. */
  passphrase: z
    .object({
      salt: z.string(),
      sealed: z.string(),
      /** The scrypt parameters used (recorded, so they can change for new passphrases). */
      kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() }).optional(),
    })
    .nullable(),
  /**
   * From which audit entry on every entry is signed with the audit key, with that number
   * itself signed: no one without the key can move where the signatures start.
   */
  audit: z.object({ from: z.number().int().min(1), mac: z.string() }).optional(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** The OS keychain, as the app offers it (Electron's safeStorage); the CLI has none. */
export interface KeyProtector {
  /** Whether the keychain really protects secrets (false on Linux's basic_text). */
  readonly secure: boolean;
  /** The keychain's name, e.g. "gnome_libsecret", "kwallet6", "basic_text", "Keychain", "DPAPI". */
  readonly backend: string;
  protect(secret: Buffer): Buffer;
  unprotect(sealed: Buffer): Buffer;
}

/**
 * Where the key file is kept: the data folder's `encryption.json`, or a team database's
 * settings row `encryption` (storage/pg/team-key-store.ts), where the team passphrase wraps it.
 */
export interface KeyStore {
  /** The key file, or null when encryption was never turned on. */
  read(): KeyFile | null;
  /** Writes it; `create` refuses when one exists (two people turning encryption on at once). */
  write(file: KeyFile, create?: boolean): void;
  /** Whether a keychain may protect the key (a team's key is shared: only its passphrase does). */
  readonly keychain: boolean;
}

/** The data folder's key file as a {@link KeyStore}. */
export function folderKeyStore(dataDir: string): KeyStore {
  return {
    read: () => readKeyFile(dataDir),
    write: (file, create) => writeKeyFile(dataDir, file, create),
    keychain: true,
  };
}

/** The key file, or null when encryption was never turned on here. */
export function readKeyFile(dataDir: string): KeyFile | null {
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) return null;
  try {
    return KeyFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new AppError(
      'DATA_DAMAGED',
      `The encryption key file ${path} is damaged (${(error as Error).message.slice(0, 120)}); restore it from a backup of the data folder`,
    );
  }
}

/**
 * Writes the key file atomically (a temporary file renamed into place). A new one
 * (`create`) is refused when one exists: two processes turning encryption on at once
 * must not make two keys.
 */
export function writeKeyFile(dataDir: string, file: KeyFile, create = false): void {
  const path = join(dataDir, KEY_FILE);
  const text = JSON.stringify(file, null, 2);
  if (create) {
    try {
      writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
    } catch {
      throw new AppError(
        'CONFLICT',
        'Encryption was just turned on for this data folder by another window or command',
      );
    }
    return;
  }
  writeFileSync(`${path}.part`, text, { mode: 0o600 });
  renameSync(`${path}.part`, path);
}

/** The key file's record of where signed audit entries start, signed with the audit key. */
export function auditStart(dataKey: Buffer, from: number): NonNullable<KeyFile['audit']> {
  return { from, mac: signWith(auditKeyOf(dataKey))(`audit-from:${from}`) };
}

/**
 * Where signed audit entries start, checked with the key: null when the file records none
 * yet (encryption turned on by an earlier version); a record changed without the key is
 * damage, never a reason to check less.
 */
export function signedFrom(file: KeyFile, dataKey: Buffer): number | null {
  if (!file.audit) return null;
  if (auditStart(dataKey, file.audit.from).mac !== file.audit.mac)
    throw new AppError(
      'DATA_DAMAGED',
      "The key file's record of where signed audit entries start was changed outside the app",
    );
  return file.audit.from;
}

/** A new key file for a new data key, protected by the keychain and/or a passphrase. */
export function newKeyFile(
  dataKey: Buffer,
  protect: { keychain?: KeyProtector; passphrase?: string },
  now: Date,
): KeyFile {
  return {
    format: 'vendor-risk-keys/1',
    createdAt: now.toISOString(),
    check: encryptBytes(dataKey, Buffer.from(CHECK)).toString('base64'),
    keychain: protect.keychain ? protect.keychain.protect(dataKey).toString('base64') : null,
    passphrase: protect.passphrase ? passphraseWrap(dataKey, protect.passphrase) : null,
  };
}

/** The data key sealed under a passphrase (a fresh salt each time). */
export function passphraseWrap(dataKey: Buffer, passphrase: string): KeyFile['passphrase'] {
  const salt = randomBytes(16);
  return {
    salt: salt.toString('base64'),
    sealed: encryptBytes(keyFromPassphrase(passphrase, salt, SCRYPT), dataKey).toString('base64'),
    kdf: { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p },
  };
}

function checked(file: KeyFile, key: Buffer): Buffer {
  try {
    if (decryptBytes(key, Buffer.from(file.check, 'base64')).toString() === CHECK) return key;
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('DATA_DAMAGED', 'The data key does not match this data folder');
}

/** The data key from the passphrase; a wrong passphrase is a clear error. */
export function unlockWithPassphrase(file: KeyFile, passphrase: string): Buffer {
  if (!file.passphrase)
    throw new AppError(
      'INVALID_INPUT',
      'This data folder has no passphrase; it opens with the app’s keychain',
    );
  let key: Buffer;
  try {
    key = decryptBytes(
      // Files from before the parameters were recorded used N = 2^15.
      keyFromPassphrase(
        passphrase,
        Buffer.from(file.passphrase.salt, 'base64'),
        file.passphrase.kdf ?? { N: 2 ** 15, r: 8, p: 1 },
      ),
      Buffer.from(file.passphrase.sealed, 'base64'),
    );
  } catch {
    throw new AppError('INVALID_INPUT', 'Wrong passphrase: the data stays locked and nothing was changed');
  }
  return checked(file, key);
}

/** The data key from the OS keychain, or null when the keychain cannot give it. */
export function unlockWithKeychain(file: KeyFile, keychain: KeyProtector | undefined): Buffer | null {
  if (!file.keychain || !keychain) return null;
  try {
    return checked(file, keychain.unprotect(Buffer.from(file.keychain, 'base64')));
  } catch {
    return null;
  }
}
