/**
 * Zip archives from outside, opened without trusting what they say about themselves. The
 * central directory is checked (limits, names, where each entry's data lies); every entry
 * is inflated here, a piece at a time, against a running byte budget and cut off the
 * moment it passes the size its directory declares; its real size and CRC-32 must equal
 * the declared ones. What passed can be re-packed as a stored (uncompressed) zip, so the
 * zip library that reads it afterwards (ExcelJS's JSZip or unzipper) never inflates
 * anything itself.
 *
 * Every zip the app opens is an .xlsx workbook, so the refusals are sentences about a
 * workbook, meant for the user. Pure computation over bytes in memory and `node:zlib`.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** How much a zip may hold: entries in its directory, and bytes inflated from it in all. */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
}

/** One file of a zip, as its central directory declares it, and where its data starts. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two read). */
  method: number;
  compressedSize: number;
  /** The declared unpacked size: what is inflated must be exactly this many bytes. */
  size: number;
  crc32: number;
  /** Where the entry's (compressed) data starts in the zip's bytes. */
  dataOffset: number;
}

/** A zip whose directory passed the checks, with the bytes still allowed to be inflated from it. */
export interface Zip {
  entries: ZipEntry[];
  bytes: Uint8Array;
  /** Bytes that may be inflated from this zip in all, and still: every read takes from it, so re-reading counts. */
  budget: { limit: number; remaining: number };
}

/** A checked zip, or why it is refused: not a zip at all, over the limits, or anything else. */
export type OpenedZip =
  ({ ok: true } & Zip) | { ok: false; problem: 'not-a-zip' | 'too-large' | 'refused'; message: string };

/** A zip refused while an entry was read; the message is a sentence for the user. */
export class ZipRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipRefused';
  }
}

/** One part of a stored zip: its name, exact size and CRC-32, and its bytes as a fresh stream. */
export interface StoredPart {
  name: string;
  size: number;
  crc32: number;
  data: () => Readable;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Pieces in which an entry's data is inflated and re-packed. */
const PIECE = 64 * 1024;
/** 1980-01-01, the earliest date a zip can hold: the re-pack's entries carry no real date. */
const DOS_DATE = (1 << 5) | 1;
const UTF8_NAME = 0x0800;

const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
/** A part name as it can be shown in a message: no control characters, not too long. */
const shown = (name: string) => {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
};
const mismatch = (entry: ZipEntry, detail: string) =>
  new ZipRefused(
    `The workbook's zip directory does not match its contents (part ${shown(entry.name)} ${detail})`,
  );
const overBudget = (zip: Zip) =>
  new ZipRefused(`This workbook unpacks to more than the ${megabytes(zip.budget.limit)} allowed`);
const damaged = (entry: ZipEntry, error: unknown) =>
  new ZipRefused(
    `The workbook is damaged: part ${shown(entry.name)} cannot be unpacked (${error instanceof Error ? error.message : String(error)})`,
  );

/** A name that could leave the folder it is unpacked into, or is no name at all. */
function unsafeName(name: string): boolean {
  return (
    name === '' ||
    name.includes('\0') ||
    /^[\\/]/.test(name) ||
    /^[a-zA-Z]:/.test(name) ||
    name.split(/[\\/]/).some((segment) => segment === '..')
  );
}

/**
 * Reads and checks a zip's central directory: something that is not a zip, more entries
 * than allowed, declared sizes over the total allowed, ZIP64, an archive split over
 * several files, encryption, compression other than stored or deflate, names with `..`
 * or absolute paths, names given twice, a local header missing where the directory points,
 * data lying outside the file or overlapping another entry's: each refused with a sentence.
 */
export function openZip(bytes: Uint8Array, limits: ZipLimits): OpenedZip {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const refused = (message: string): OpenedZip => ({ ok: false, problem: 'refused', message });
  const notZip: OpenedZip = {
    ok: false,
    problem: 'not-a-zip',
    message: 'This is not a readable .xlsx workbook (not a zip archive)',
  };
  const broken = (what: string) => refused(`This workbook's zip archive is damaged (${what})`);
  if (buf.length < 22) return notZip;

  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === END_OF_DIRECTORY && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      end = i;
      break;
    }
  if (end < 0) return notZip;
  const disk = buf.readUInt16LE(end + 4);
  const directoryDisk = buf.readUInt16LE(end + 6);
  const entriesHere = buf.readUInt16LE(end + 8);
  const count = buf.readUInt16LE(end + 10);
  const directorySize = buf.readUInt32LE(end + 12);
  const directoryOffset = buf.readUInt32LE(end + 16);
  if (
    (end >= 20 && buf.readUInt32LE(end - 20) === ZIP64_LOCATOR) ||
    count === 0xffff ||
    directorySize === 0xffffffff ||
    directoryOffset === 0xffffffff
  )
    return refused('This workbook is a ZIP64 archive, which is not read: save it again from Excel');
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== count)
    return refused('This workbook is one part of a zip archive split over several files');
  if (count > limits.maxEntries)
    return {
      ok: false,
      problem: 'too-large',
      message: `This workbook has ${count} parts (at most ${limits.maxEntries})`,
    };
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > end) return broken('its directory lies outside the file');

  // First the directory as declared: the limits are checked before anything else is looked at.
  const entries: (ZipEntry & { headerOffset: number; flags: number })[] = [];
  let declared = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directoryEnd || buf.readUInt32LE(at) !== DIRECTORY_HEADER)
      return broken('its directory ends early');
    const flags = buf.readUInt16LE(at + 8);
    const nameLength = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (next > directoryEnd) return broken('its directory ends early');
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const headerOffset = buf.readUInt32LE(at + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || headerOffset === 0xffffffff)
      return refused('This workbook is a ZIP64 archive, which is not read: save it again from Excel');
    if (buf.readUInt16LE(at + 34) !== 0)
      return refused('This workbook is one part of a zip archive split over several files');
    entries.push({
      name: buf.toString(flags & UTF8_NAME ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      compressedSize,
      size,
      crc32: buf.readUInt32LE(at + 16),
      dataOffset: 0,
      headerOffset,
      flags,
    });
    declared += size;
    at = next;
  }
  if (declared > limits.maxTotalBytes)
    return {
      ok: false,
      problem: 'too-large',
      message: `This workbook unpacks to ${megabytes(declared)} in ${count} parts (at most ${megabytes(limits.maxTotalBytes)})`,
    };

  const names = new Set<string>();
  for (const entry of entries) {
    const name = shown(entry.name);
    if (entry.flags & 0x2041)
      return refused(`This workbook is encrypted (part ${name}): save it without a password`);
    if (entry.method !== 0 && entry.method !== 8)
      return refused(
        `This workbook's part ${name} is compressed in a way that is not read (method ${entry.method})`,
      );
    if (unsafeName(entry.name)) return refused(`This workbook holds a part with an unsafe name (${name})`);
    if (names.has(entry.name)) return refused(`This workbook holds the part ${name} twice`);
    names.add(entry.name);
    const header = entry.headerOffset;
    if (header + 30 > directoryOffset || buf.readUInt32LE(header) !== LOCAL_HEADER)
      return broken(`part ${name} is not where its directory says`);
    entry.dataOffset = header + 30 + buf.readUInt16LE(header + 26) + buf.readUInt16LE(header + 28);
    if (entry.dataOffset + entry.compressedSize > directoryOffset)
      return broken(`the data of part ${name} lies outside the file`);
    if (entry.method === 0 && entry.compressedSize !== entry.size)
      return refused(mismatch(entry, 'is stored uncompressed with two different sizes').message);
  }
  const byPlace = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 1; i < byPlace.length; i++) {
    const before = byPlace[i - 1]!;
    if (byPlace[i]!.headerOffset < before.dataOffset + before.compressedSize)
      return broken(`parts ${shown(before.name)} and ${shown(byPlace[i]!.name)} overlap`);
  }
  return {
    ok: true,
    entries: entries.map(({ name, method, compressedSize, size, crc32, dataOffset }) => ({
      name,
      method,
      compressedSize,
      size,
      crc32,
      dataOffset,
    })),
    bytes,
    budget: { limit: limits.maxTotalBytes, remaining: limits.maxTotalBytes },
  };
}

/** The entry of that exact name, if the zip has one. */
export function findEntry(zip: Zip, name: string): ZipEntry | undefined {
  return zip.entries.find((e) => e.name === name);
}

const compressed = (zip: Zip, entry: ZipEntry) =>
  Buffer.from(zip.bytes.buffer, zip.bytes.byteOffset + entry.dataOffset, entry.compressedSize);

/**
 * One entry's bytes, all at once (for small parts): never more than its declared size or
 * the zip's remaining budget is inflated, and its size and CRC-32 must be the declared
 * ones. A stored entry's bytes are a view of the zip's. Throws ZipRefused.
 */
export function readEntry(zip: Zip, entry: ZipEntry): Buffer {
  const allowed = Math.min(entry.size, zip.budget.remaining);
  const tooMuch = () =>
    entry.size <= zip.budget.remaining
      ? mismatch(entry, `unpacks to more than the ${entry.size} bytes it declares`)
      : overBudget(zip);
  let out: Buffer;
  if (entry.method === 0) {
    if (entry.size > zip.budget.remaining) throw overBudget(zip);
    out = compressed(zip, entry);
  } else {
    try {
      out = zlib.inflateRawSync(compressed(zip, entry), { maxOutputLength: allowed + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooMuch();
      throw damaged(entry, error);
    }
    if (out.length > allowed) throw tooMuch();
  }
  if (out.length !== entry.size)
    throw mismatch(entry, `unpacks to ${out.length} bytes, not the ${entry.size} it declares`);
  if (zlib.crc32(out) !== entry.crc32) throw mismatch(entry, 'has another checksum than it declares');
  zip.budget.remaining -= out.length;
  return out;
}

/** The inflated pieces of an entry, checked as they come (see entryStream). */
async function* inflated(zip: Zip, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = compressed(zip, entry);
  const pieces = function* () {
    for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE);
  };
  const input = Readable.from(pieces(), { objectMode: false });
  const inflater = entry.method === 8 ? zlib.createInflateRaw({ chunkSize: PIECE }) : null;
  let produced = 0;
  let crc = 0;
  try {
    for await (const piece of (inflater ? input.pipe(inflater) : input) as AsyncIterable<Buffer>) {
      produced += piece.length;
      if (produced > entry.size)
        throw mismatch(entry, `unpacks to more than the ${entry.size} bytes it declares`);
      if (piece.length > zip.budget.remaining) throw overBudget(zip);
      zip.budget.remaining -= piece.length;
      crc = zlib.crc32(piece, crc);
      yield piece;
    }
  } catch (error) {
    throw error instanceof ZipRefused ? error : damaged(entry, error);
  } finally {
    input.destroy();
    inflater?.destroy();
  }
  if (produced !== entry.size)
    throw mismatch(entry, `unpacks to ${produced} bytes, not the ${entry.size} it declares`);
  if (crc !== entry.crc32) throw mismatch(entry, 'has another checksum than it declares');
}

/**
 * One entry as a stream, inflated a piece at a time as it is read, taking from the zip's
 * budget. It errors with ZipRefused the moment it passes the declared size or the budget,
 * when the compressed data ends early or is not deflate, and at its end when the size or
 * CRC-32 differs from the declared ones (so what was read before that must be thrown away).
 */
export function entryStream(zip: Zip, entry: ZipEntry): Readable {
  return Readable.from(inflated(zip, entry), { objectMode: false });
}

async function* storedPieces(parts: readonly StoredPart[]): AsyncGenerator<Buffer> {
  if (parts.length > 0xffff) throw new Error('A stored zip holds at most 65,535 parts');
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(UTF8_NAME, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(part.crc32 >>> 0, 14);
    local.writeUInt32LE(part.size, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    name.copy(local, 30);
    if (offset + local.length + part.size > 0xffffffff) throw new Error('A stored zip holds less than 4 GB');
    yield local;

    let written = 0;
    const data = part.data();
    try {
      for await (const piece of data as AsyncIterable<Buffer>) {
        written += piece.length;
        if (written > part.size) break;
        yield piece;
      }
    } finally {
      data.destroy();
    }
    if (written !== part.size)
      throw new ZipRefused(
        `The workbook's zip directory does not match its contents (part ${shown(part.name)} is not ${part.size} bytes)`,
      );

    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(DIRECTORY_HEADER, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(UTF8_NAME, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(part.crc32 >>> 0, 16);
    central.writeUInt32LE(part.size, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    directory.push(central);
    offset += local.length + part.size;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  yield* directory;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  yield end;
}

/**
 * A zip of the given parts stored uncompressed (method 0), in that order, with the given
 * sizes and CRC-32s, streamed without gathering the parts' data: a reader of it inflates
 * nothing. A part whose data is not its given size errors the stream with ZipRefused, and
 * an error of a part's stream errors the zip's.
 */
export function storedZip(parts: readonly StoredPart[]): Readable {
  return Readable.from(storedPieces(parts), { objectMode: false });
}
