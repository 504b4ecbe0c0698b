/**
 * Encryption at rest of sensitive free text and evidence files: AES-256-GCM under one
 * data key. A sealed text is `vrenc:2:` + base64(iv ‖ tag ‖ ciphertext), so it can sit in
 * the same TEXT column as plain text written before encryption was turned on; sealed
 * files start with a magic header. Each value is bound to its place — table, record and
 * field, as associated data — so a value moved onto another record does not open there
 * (`vrenc:1:` values, sealed before, open anywhere until they are sealed again: resealBound).
 * Without the key, sealing is off (plain text in, plain text out) and opening a sealed
 * value says the data is locked.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../domain/errors';

const TEXT_PREFIX = 'vrenc:2:';
const FILE_MAGIC = Buffer.from('VRENC2\n');
/** Sealed by earlier versions, without a place: opened anywhere, sealed again with one. */
const OLD_TEXT_PREFIX = 'vrenc:1:';
const OLD_FILE_MAGIC = Buffer.from('VRENC1\n');
const IV = 12;
const TAG = 16;

/** How many bytes sealing adds to a file (its header, IV and tag): a sealed file is this much longer. */
export const SEALED_FILE_OVERHEAD = FILE_MAGIC.length + IV + TAG;
/** The headers a sealed file starts with (this version's and the earlier one's), as hex. */
export const SEALED_FILE_HEADERS_HEX = [FILE_MAGIC.toString('hex'), OLD_FILE_MAGIC.toString('hex')] as const;

/** What a sealed value reads as while the data is locked. */
export const LOCKED_TEXT = '[encrypted: unlock to read]';

/** The KDF parameters a passphrase is stretched with (scrypt at OWASP's N = 2^17; about 0.4 s and 128 MB). */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export function isSealed(value: string): boolean {
  return value.startsWith(TEXT_PREFIX) || value.startsWith(OLD_TEXT_PREFIX);
}

/** Whether a value was sealed without its place (by an earlier version): to be sealed again. */
export function isSealedWithoutPlace(value: string): boolean {
  return value.startsWith(OLD_TEXT_PREFIX);
}

const startsWith = (bytes: Uint8Array, magic: Buffer) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, magic.length)).equals(magic);

/** Whether a file's bytes are sealed (start with a sealed-file header). */
export function isSealedFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, FILE_MAGIC) || startsWith(bytes, OLD_FILE_MAGIC);
}

/** Whether a file was sealed without its place (by an earlier version). */
export function isSealedFileWithoutPlace(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLD_FILE_MAGIC);
}

/** AES-256-GCM of bytes: iv ‖ tag ‖ ciphertext; `place`, when given, is bound to them as associated data. */
export function encryptBytes(key: Buffer, plain: Uint8Array, place?: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (place !== undefined) cipher.setAAD(Buffer.from(place, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The bytes of `encryptBytes`; throws when the key or the place is wrong or the data was changed. */
export function decryptBytes(key: Buffer, sealed: Uint8Array, place?: string): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < IV + TAG) throw new Error('The sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV), { authTagLength: TAG });
  if (place !== undefined) decipher.setAAD(Buffer.from(place, 'utf8'));
  decipher.setAuthTag(buf.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(buf.subarray(IV + TAG)), decipher.final()]);
}

/** The key audit entries are signed with: derived from the data key, never the data key itself. */
export function auditKeyOf(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, 'vendor-risk-desk', 'audit chain signatures v1', 32));
}

/** Signs an audit entry's hash (HMAC-SHA-256, hex) with the audit key. */
export function signWith(auditKey: Buffer): (hash: string) => string {
  return (hash) => createHmac('sha256', auditKey).update(hash).digest('hex');
}

/** A key from a passphrase and salt (scrypt). */
export function keyFromPassphrase(
  passphrase: string,
  salt: Buffer,
  params: { N: number; r: number; p: number } = SCRYPT,
): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r });
}

/** Seals and opens sensitive values with the data key once it is known. */
export interface Cipher {
  /** Whether new sensitive values are sealed (encryption is on and unlocked). */
  readonly active: boolean;
  /** Whether encryption is on for this data folder (unlocked or not). */
  readonly enabled: boolean;
  /** Encryption on or off for this data folder, and its key once unlocked. */
  setKey(key: Buffer | null, enabled: boolean): void;
  /** Seals a value for its place ("vendors/<id>/notes": table, record, field). */
  seal(text: string, place: string): string;
  /** Plain text as it is; sealed text opened at its place (a placeholder while locked). */
  open(text: string, place: string): string;
  /** Opens when it can; a sealed value stays as it is while locked or elsewhere (for search). */
  tryOpen(text: string, place: string): string;
  sealFile(bytes: Uint8Array, place: string): Uint8Array;
  openFile(bytes: Uint8Array, place: string): Uint8Array;
  /**
   * An audit entry's hash signed with the key (null when encryption is off); refused while
   * locked, so no entry is appended that a forger could have written too.
   */
  sign(hash: string): string | null;
  /** The key audit entries are signed with, while unlocked (for the check in the data worker). */
  auditKey(): Buffer | null;
}

/**
 * A cipher with no key yet (encryption off until setKey). `enabledOnDisk` tells whether
 * another process turned encryption on meanwhile: writes then stop until this one knows the key.
 */
export function createCipher(enabledOnDisk: () => boolean = () => false): Cipher {
  let key: Buffer | null = null;
  let enabled = false;
  /** Encryption is on here, or was turned on by another process since this one started. */
  const on = () => enabled || (enabled = enabledOnDisk());
  const locked = () =>
    new AppError(
      'LOCKED',
      'The data is encrypted and locked: unlock it with your passphrase (in the app, or VENDOR_RISK_PASSPHRASE for the command line)',
    );
  const notHere = (place: string) =>
    new AppError(
      'DATA_DAMAGED',
      `An encrypted value could not be opened where it is (${place}): it was moved there from another record or field, or changed, outside the app`,
    );
  const open = (text: string, place: string): string => {
    if (!isSealed(text)) return text;
    // Locked: shown as a placeholder (lists and scores still work); writing is refused (seal).
    if (!key) return LOCKED_TEXT;
    const old = text.startsWith(OLD_TEXT_PREFIX);
    try {
      return decryptBytes(
        key,
        Buffer.from(text.slice((old ? OLD_TEXT_PREFIX : TEXT_PREFIX).length), 'base64'),
        old ? undefined : place,
      ).toString('utf8');
    } catch {
      throw notHere(place);
    }
  };
  let signer: { key: Buffer; sign: (hash: string) => string } | null = null;
  const signerOf = (k: Buffer) => {
    if (signer?.key !== k) signer = { key: k, sign: signWith(auditKeyOf(k)) };
    return signer;
  };
  return {
    get active() {
      return key !== null;
    },
    get enabled() {
      return enabled;
    },
    setKey(next, on) {
      key = next;
      enabled = on;
    },
    seal(text, place) {
      if (text === '') return text;
      if (isSealed(text)) {
        if (!isSealedWithoutPlace(text)) return text;
        // A value sealed without its place is sealed again with it.
        text = open(text, place);
      }
      // The placeholder of a locked value is never written back as if it were the value.
      if (text.includes(LOCKED_TEXT)) throw locked();
      if (!key) {
        if (on()) throw locked();
        return text;
      }
      return TEXT_PREFIX + encryptBytes(key, Buffer.from(text, 'utf8'), place).toString('base64');
    },
    open,
    tryOpen(text, place) {
      if (isSealed(text) && !key) return text;
      try {
        return open(text, place);
      } catch {
        return text;
      }
    },
    sealFile(bytes, place) {
      if (key) return Buffer.concat([FILE_MAGIC, encryptBytes(key, bytes, place)]);
      if (on()) throw locked();
      return bytes;
    },
    openFile(bytes, place) {
      if (!isSealedFile(bytes)) return bytes;
      if (!key) throw locked();
      const old = isSealedFileWithoutPlace(bytes);
      try {
        return decryptBytes(key, Buffer.from(bytes).subarray(FILE_MAGIC.length), old ? undefined : place);
      } catch {
        throw notHere(place);
      }
    },
    sign(hash) {
      if (key) return signerOf(key).sign(hash);
      if (on()) throw locked();
      return null;
    },
    auditKey: () => (key ? auditKeyOf(key) : null),
  };
}

/** Fields of audit records that hold sensitive free text (notes, contract values, comments, waivers). */
export const SENSITIVE_KEYS = new Set(['notes', 'note', 'text', 'value', 'waiver', 'comment']);
/** Marks a sealed value that was not a string (a contract value object). */
const JSON_MARK = '\u0001json:';

/**
 * A record with its sensitive fields sealed (when encryption is on), at any depth, each
 * bound to `place` and its path in the record ("audit_log/12/after.notes").
 */
export function sealFields(cipher: Cipher, value: unknown, place: string): unknown {
  // While locked, cipher.seal refuses (nothing sensitive is written in the clear).
  if (!cipher.enabled || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => sealFields(cipher, v, `${place}.${i}`));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SENSITIVE_KEYS.has(k) && v !== null && v !== undefined && v !== '')
      out[k] = cipher.seal(typeof v === 'string' ? v : JSON_MARK + JSON.stringify(v), `${place}.${k}`);
    else out[k] = sealFields(cipher, v, `${place}.${k}`);
  }
  return out;
}

/** A record with its sealed fields opened at their places (left sealed while locked). */
export function openFields(cipher: Cipher, value: unknown, place: string): unknown {
  if (typeof value === 'string') {
    if (!isSealed(value)) return value;
    const opened = cipher.tryOpen(value, place);
    return opened.startsWith(JSON_MARK) ? (JSON.parse(opened.slice(JSON_MARK.length)) as unknown) : opened;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => openFields(cipher, v, `${place}.${i}`));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, openFields(cipher, v, `${place}.${k}`)]),
  );
}
