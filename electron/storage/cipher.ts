/**
 * Encryption at rest of sensitive free text and evidence files: AES-256-GCM under one
 * data key. A sealed text is `vrenc:1:` + base64(iv ‖ tag ‖ ciphertext), so it can sit in
 * the same TEXT column as plain text written before encryption was turned on; sealed
 * files start with a magic header. Without the key, sealing is off (plain text in, plain
 * text out) and opening a sealed value says the data is locked.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../domain/errors';

const TEXT_PREFIX = 'vrenc:1:';
const FILE_MAGIC = Buffer.from('VRENC1\n');
const IV = 12;
const TAG = 16;

/** What a sealed value reads as while the data is locked. */
export const LOCKED_TEXT = '[encrypted: unlock to read]';

/** The KDF parameters a passphrase is stretched with (scrypt at OWASP's N = 2^17; about 0.4 s and 128 MB). */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export function isSealed(value: string): boolean {
  return value.startsWith(TEXT_PREFIX);
}

/** Whether a file's bytes are sealed (start with the sealed-file header). */
export function isSealedFile(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, FILE_MAGIC.length)).equals(
    FILE_MAGIC,
  );
}

/** AES-256-GCM of bytes: iv ‖ tag ‖ ciphertext. */
export function encryptBytes(key: Buffer, plain: Uint8Array): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The bytes of `encryptBytes`; throws when the key is wrong or the data was changed. */
export function decryptBytes(key: Buffer, sealed: Uint8Array): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < IV + TAG) throw new Error('The sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV), { authTagLength: TAG });
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
  seal(text: string): string;
  /** Plain text as it is; sealed text opened (a placeholder while locked). */
  open(text: string): string;
  /** Opens when it can; a sealed value stays as it is while locked (for search). */
  tryOpen(text: string): string;
  sealFile(bytes: Uint8Array): Uint8Array;
  openFile(bytes: Uint8Array): Uint8Array;
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
  const open = (text: string): string => {
    if (!isSealed(text)) return text;
    // Locked: shown as a placeholder (lists and scores still work); writing is refused (seal).
    if (!key) return LOCKED_TEXT;
    try {
      return decryptBytes(key, Buffer.from(text.slice(TEXT_PREFIX.length), 'base64')).toString('utf8');
    } catch {
      throw new AppError(
        'DATA_DAMAGED',
        'An encrypted value could not be opened: the key does not fit or the value was changed',
      );
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
    seal(text) {
      if (text === '' || isSealed(text)) return text;
      // The placeholder of a locked value is never written back as if it were the value.
      if (text.includes(LOCKED_TEXT)) throw locked();
      if (!key) {
        if (on()) throw locked();
        return text;
      }
      return TEXT_PREFIX + encryptBytes(key, Buffer.from(text, 'utf8')).toString('base64');
    },
    open,
    tryOpen(text) {
      if (isSealed(text) && !key) return text;
      try {
        return open(text);
      } catch {
        return text;
      }
    },
    sealFile(bytes) {
      if (key) return Buffer.concat([FILE_MAGIC, encryptBytes(key, bytes)]);
      if (on()) throw locked();
      return bytes;
    },
    openFile(bytes) {
      if (!isSealedFile(bytes)) return bytes;
      if (!key) throw locked();
      return decryptBytes(key, Buffer.from(bytes).subarray(FILE_MAGIC.length));
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
const SENSITIVE_KEYS = new Set(['notes', 'note', 'text', 'value', 'waiver', 'comment']);
/** Marks a sealed value that was not a string (a contract value object). */
const JSON_MARK = '\u0001json:';

/** A record with its sensitive fields sealed (when encryption is on), at any depth. */
export function sealFields(cipher: Cipher, value: unknown): unknown {
  // While locked, cipher.seal refuses (nothing sensitive is written in the clear).
  if (!cipher.enabled || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => sealFields(cipher, v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SENSITIVE_KEYS.has(k) && v !== null && v !== undefined && v !== '')
      out[k] = cipher.seal(typeof v === 'string' ? v : JSON_MARK + JSON.stringify(v));
    else out[k] = sealFields(cipher, v);
  }
  return out;
}

/** A record with its sealed fields opened (left sealed while locked). */
export function openFields(cipher: Cipher, value: unknown): unknown {
  if (typeof value === 'string') {
    if (!isSealed(value)) return value;
    const opened = cipher.tryOpen(value);
    return opened.startsWith(JSON_MARK) ? (JSON.parse(opened.slice(JSON_MARK.length)) as unknown) : opened;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => openFields(cipher, v));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openFields(cipher, v)]));
}
