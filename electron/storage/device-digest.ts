/**
 * The digest of a source's devices that an import records in its audit entry, so that
 * `audit verify` can tell whether the devices are still what the import wrote.
 *
 * Since issue 17 it is the sum (modulo 2^256) of one SHA-256 per device: it does not
 * depend on the order the devices come in, so the import adds up the rows it stages, in
 * the file's order, while reading the file, and the verify adds up the stored rows in
 * whatever order it reads them. The import no longer reads a million rows back, sorted,
 * after writing them. Such a digest starts with `sum256:`; an older one (a hex SHA-256 of
 * the rows in device-id order) is still checked the old way.
 */
import { createHash, hash } from 'node:crypto';
import type { SqlConnection, SqlStatement } from './sql';

/** How an order-independent digest starts. */
export const SUMMED_DIGEST = 'sum256:';

/** A device as its digest covers it: its keys and its record as stored (JSON text). */
type DigestRow = readonly [
  deviceId: string,
  serial: string | null,
  manufacturerKey: string | null,
  data: string,
];

const part = (s: string | null) => (s === null ? '~' : `${s.length}:${s}`);

/** The SHA-256 of one device; its fields length-prefixed, so no two devices give the same text. */
const sha256 = (text: string): Buffer =>
  typeof hash === 'function'
    ? (hash('sha256', text, 'buffer') as unknown as Buffer)
    : createHash('sha256').update(text).digest();

/** A running sum of device digests. */
export interface DigestSum {
  add(deviceId: string, serial: string | null, manufacturerKey: string | null, data: string): void;
  /** The digest of every device added so far. */
  value(): string;
  /** Starts again from nothing. */
  clear(): void;
  /** A sum of its own that starts from this one's. */
  copy(): DigestSum;
}

/** An empty sum. */
export function createDigestSum(from?: Uint32Array): DigestSum {
  // Eight 32-bit words, least significant first.
  const words = from ? Uint32Array.from(from) : new Uint32Array(8);
  return {
    add(deviceId, serial, manufacturerKey, data) {
      const h = sha256(part(deviceId) + part(serial) + part(manufacturerKey) + data);
      let carry = 0;
      for (let i = 0; i < 8; i++) {
        const s = words[i]! + h.readUInt32LE(i * 4) + carry;
        words[i] = s >>> 0;
        carry = s > 0xffffffff ? 1 : 0;
      }
    },
    value() {
      const out = Buffer.alloc(32);
      for (let i = 0; i < 8; i++) out.writeUInt32LE(words[i]!, i * 4);
      return SUMMED_DIGEST + out.toString('hex');
    },
    clear() {
      words.fill(0);
    },
    copy: () => createDigestSum(words),
  };
}

/** Adds every row a statement returns (as arrays: device_id, serial, manufacturer_key, data) to `sum`. */
export function addRows(sum: DigestSum, statement: SqlStatement, ...params: string[]): void {
  statement.setReturnArrays(true);
  for (const r of statement.iterate(...params) as unknown as Iterable<DigestRow>)
    sum.add(r[0], r[1], r[2], r[3]);
}

/**
 * The digest of a source's devices as stored, in the form of `recorded` (the digest its
 * last import recorded): summed, or the older ordered hash.
 */
export function devicesDigest(sqlite: SqlConnection, source: string, recorded: string): string {
  if (recorded.startsWith(SUMMED_DIGEST)) {
    const sum = createDigestSum();
    addRows(
      sum,
      sqlite.prepare('SELECT device_id, serial, manufacturer_key, data FROM devices WHERE source = ?'),
      source,
    );
    return sum.value();
  }
  const ordered = createHash('sha256');
  const rows = sqlite
    .prepare(
      'SELECT device_id, serial, manufacturer_key, data FROM devices WHERE source = ? ORDER BY device_id',
    )
    .iterate(source) as unknown as Iterable<{
    device_id: string;
    serial: string | null;
    manufacturer_key: string | null;
    data: string;
  }>;
  for (const r of rows)
    ordered.update(JSON.stringify([r.device_id, r.serial, r.manufacturer_key, r.data]) + '\n');
  return ordered.digest('hex');
}
