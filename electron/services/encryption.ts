/**
 * Encryption at rest: turning it on (a new data key, protected by the OS keychain when it
 * is a real one, or by a passphrase), unlocking with the passphrase, and adding one. Data
 * written before is sealed when it is turned on; audit entries recorded before keep what
 * they recorded (rewriting them would break the hash chain).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors';
import { BACKUP_DIR } from '../domain/backups';
import {
  auditStart,
  newKeyFile,
  passphraseWrap,
  signedFrom,
  unlockWithKeychain,
  unlockWithPassphrase,
  type KeyProtector,
} from '../storage/keyfile';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recordAudit, type ServiceContext } from './context';
import type { EncryptionStatus } from '../domain/encryption';

export interface EncryptionOptions {
  /** The OS keychain (the app's Electron safeStorage); the CLI has none. */
  keychain?: KeyProtector;
  /** A passphrase to unlock with at once (the CLI's VENDOR_RISK_PASSPHRASE or prompt). */
  passphrase?: string;
}

/** The encryption service of one data folder; unlocks at once when the keychain or a given passphrase can. */
export function createEncryptionService(ctx: ServiceContext, options: EncryptionOptions = {}) {
  const { storage } = ctx;
  const dataDir = storage.dataDir;
  const keys = storage.keys;
  const readKeyFile = () => keys.read();
  // A team database's key is shared by its team passphrase; each person's keychain is their own.
  const team = storage.kind === 'team';
  let dataKey: Buffer | null = null;

  const file = readKeyFile();
  if (file) {
    dataKey =
      unlockWithKeychain(file, options.keychain) ??
      (options.passphrase !== undefined && file.passphrase
        ? unlockWithPassphrase(file, options.passphrase)
        : null);
    storage.cipher.setKey(dataKey, true);
  }

  /**
   * Makes sure the key file says where signed audit entries start (a folder encrypted by an
   * earlier version starts now): the next entry appended is the first signed one.
   */
  const startSigning = () => {
    const current = readKeyFile();
    // A team database appends its own entries (the chain under its lock, the login as actor):
    // they are not signed with the data key.
    if (!current || !dataKey || team) return;
    // Values sealed by an earlier version, without their place, are sealed again with it.
    storage.resealWithPlaces();
    if (current.audit) return;
    keys.write({ ...current, audit: auditStart(dataKey, storage.audit.head().id + 1) });
  };
  startSigning();

  const plainSnapshots = () => {
    const dir = join(dataDir, BACKUP_DIR);
    const since = team ? undefined : readKeyFile()?.createdAt;
    if (!existsSync(dir) || !since) return 0;
    const stamp = since.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return readdirSync(dir).filter((f) => /^vendor-risk-\d{8}-\d{6}/.test(f) && f.slice(12, 27) < stamp)
      .length;
  };

  const status = (): EncryptionStatus => {
    const current = readKeyFile();
    return {
      enabled: current !== null,
      unlocked: current !== null && dataKey !== null,
      keychain: options.keychain
        ? { backend: options.keychain.backend, secure: options.keychain.secure }
        : null,
      protectedBy: { keychain: Boolean(current?.keychain), passphrase: Boolean(current?.passphrase) },
      plainSnapshots: plainSnapshots(),
    };
  };

  return {
    status,

    /**
     * Turns encryption on: a new data key, kept by the keychain when it is a secure one and
     * by the passphrase when one is given (one of the two is needed), then every sensitive
     * value and evidence file written before is sealed.
     */
    enable(passphrase?: string) {
      if (readKeyFile()) throw new AppError('CONFLICT', 'Encryption is already on for this data folder');
      const keychain = keys.keychain && options.keychain?.secure ? options.keychain : undefined;
      if (!keychain && passphrase === undefined)
        throw new AppError(
          'INVALID_INPUT',
          team
            ? 'A team database is encrypted with a team passphrase: choose one, and give it to the colleagues who may read sealed fields'
            : options.keychain
              ? `This computer's keychain (${options.keychain.backend}) does not really protect secrets: choose a passphrase instead`
              : 'Without the app’s keychain a passphrase is needed',
        );
      const key = randomBytes(32);
      // The key file is written before anything is sealed: no sealed value without its key.
      // Every audit entry from the next one on is signed with the key (the first: this change).
      const created = newKeyFile(key, { keychain, passphrase }, ctx.now());
      keys.write(team ? created : { ...created, audit: auditStart(key, storage.audit.head().id + 1) }, true);
      dataKey = key;
      storage.cipher.setKey(key, true);
      const sealed = storage.sealExisting();
      storage.transaction(() =>
        recordAudit(ctx, 'settings', 'encryption', 'update', null, {
          enabled: true,
          keychain: keychain?.backend ?? null,
          passphrase: passphrase !== undefined,
        }),
      );
      return { ...status(), sealedValues: sealed.values, sealedFiles: sealed.files };
    },

    /** Unlocks with the passphrase; a wrong one changes nothing. */
    unlock(passphrase: string): EncryptionStatus {
      const current = readKeyFile();
      if (!current) throw new AppError('INVALID_INPUT', 'Encryption is not on for this data folder');
      dataKey = unlockWithPassphrase(current, passphrase);
      storage.cipher.setKey(dataKey, true);
      startSigning();
      return status();
    },

    /**
     * What checking the trail needs while unlocked: the audit key and the first signed entry
     * (its signatures), and the data key (sealed values, to compare them with the trail);
     * null when encryption is off, 'locked' while it cannot be checked.
     */
    auditSignatures(): { key: Buffer; from: number; dataKey: Buffer } | null | 'locked' {
      const current = readKeyFile();
      // A team database's entries carry no signatures (startSigning).
      if (!current || team) return null;
      if (!dataKey) return 'locked';
      const from = signedFrom(current, dataKey);
      const key = storage.cipher.auditKey();
      return from === null || !key ? 'locked' : { key, from, dataKey };
    },

    /**
     * The data key that opens sealed values and files, for comparing them with the trail on
     * a team database (whose entries carry no signatures, {@link auditSignatures}): null when
     * encryption is off, 'locked' while this login has not given the team passphrase.
     */
    sealedValuesKey(): Buffer | null | 'locked' {
      if (!readKeyFile()) return null;
      return dataKey ?? 'locked';
    },

    /** Forgets the key until the passphrase is given again (stepping away from the computer). */
    lock(): EncryptionStatus {
      const current = readKeyFile();
      if (!current?.passphrase)
        throw new AppError(
          'INVALID_INPUT',
          'Add a passphrase first: without one, locked data could not be opened again',
        );
      dataKey = null;
      storage.cipher.setKey(null, true);
      return status();
    },

    /** Adds (or replaces) the passphrase that also opens the data (for the command line, or another computer). */
    setPassphrase(passphrase: string): EncryptionStatus {
      const current = readKeyFile();
      if (!current) throw new AppError('INVALID_INPUT', 'Encryption is not on for this data folder');
      if (!dataKey) throw new AppError('LOCKED', 'Unlock the data first');
      keys.write({ ...current, passphrase: passphraseWrap(dataKey, passphrase) });
      storage.transaction(() =>
        recordAudit(ctx, 'settings', 'encryption', 'update', null, {
          passphrase: current.passphrase ? 'replaced' : 'added',
        }),
      );
      return status();
    },
  };
}

export type EncryptionService = ReturnType<typeof createEncryptionService>;
