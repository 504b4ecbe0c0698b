/**
 * Reading an inventory file's bytes into header → text records: encoding (UTF-8 with or
 * without BOM, UTF-16, Windows-1252), format (CSV with a detected delimiter, a JSON array,
 * or one JSON object per line), and a clear message for anything else.
 */
import Papa from 'papaparse';

/** The largest file an import reads. */
export const MAX_IMPORT_BYTES = 160 * 1024 * 1024;

export interface ParsedFile {
  format: 'csv' | 'json' | 'ndjson';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter: string | null;
  headers: string[];
  /** Each record with its row: in a CSV row 1 is the header; in JSON the first object (or line) is 1. */
  records: InventoryRecord[];
  /** Lines of JSON that could not be read, as row errors. */
  badLines: { row: number; reason: string }[];
  warnings: string[];
}

/** A record's cells in the order of the headers (a short row simply ends early). */
export interface InventoryRecord {
  row: number;
  values: string[];
}

export type FileResult = { ok: true; file: ParsedFile } | { ok: false; message: string };

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
/** Longer headers are cut (a mapping keys columns by their header). */
const MAX_HEADER = 200;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Bytes a reader looks at before it decides the encoding (BOM, UTF-16 without one). */
const SNIFF_BYTES = 4096;
/** Text a reader looks at before it decides the format, the delimiter and the line ending. */
const HEAD_CHARS = 64 * 1024;

/** The encoding of a file from its first bytes, and how many bytes of BOM to skip. */
function sniffEncoding(first: Uint8Array): { encoding: ParsedFile['encoding']; skip: number } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const sample = first.subarray(0, SNIFF_BYTES);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  if (sample.length >= 4 && oddZeros > sample.length / 4 && evenZeros === 0)
    return { encoding: 'utf-16le', skip: 0 };
  if (sample.length >= 4 && evenZeros > sample.length / 4 && oddZeros === 0)
    return { encoding: 'utf-16be', skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/** The line ending of CSV text: the one that ends its first line outside quotes. */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') return '\n';
    else if (!quoted && ch === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  }
  return '\n';
}

/** The delimiter used most on the first line, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function stringOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function cleanHeaders(raw: readonly string[], warnings: string[]): string[] {
  const used = new Set<string>();
  return raw.map((h, i) => {
    let name = h.trim().slice(0, MAX_HEADER) || `Column ${i + 1}`;
    if (FORBIDDEN.has(name)) {
      warnings.push(`The column "${name}" is not a usable name; it is read as "${name}_"`);
      name = `${name}_`;
    }
    // A repeated name gets the first free "(n)": "A, A, A (2)" reads as A, A (3), A (2)… never losing a column.
    let unique = name;
    for (let n = 2; used.has(unique) || (unique !== name && raw.includes(unique)); n++)
      unique = `${name} (${n})`;
    if (unique !== name)
      warnings.push(`The column "${name}" appears more than once; a second one is read as "${unique}"`);
    used.add(unique);
    return unique;
  });
}

/** What a reader learned about a file before its records: format, encoding, columns. */
export type FileFacts = Pick<ParsedFile, 'format' | 'encoding' | 'delimiter' | 'headers' | 'warnings'>;
export type BadLine = ParsedFile['badLines'][number];

/**
 * Where a reader sends what it reads. `start` comes once the columns are known, before any
 * record; it comes again if the file has to be read again from its start (the sink then
 * starts over). Records come in batches, in file order.
 */
export interface InventorySink {
  start(facts: FileFacts): void;
  records(batch: InventoryRecord[], badLines: BadLine[]): void;
}

/** A file that cannot be read, with the message for the user. */
class Unreadable extends Error {}
/** UTF-8 that is not: the file is read again as Windows-1252. */
class NotUtf8 extends Error {}

/**
 * Reads an inventory file a chunk at a time (`chunks()` gives its bytes from the start,
 * and is called again if the file must be read again), sending its records to `sink`:
 * a CSV is never held whole, so a million rows fit in little memory. `size` is checked
 * first; `fileName` helps tell JSON from CSV. JSON is read whole.
 */
export function streamInventory(
  chunks: () => Iterable<Uint8Array>,
  size: number,
  fileName: string,
  sink: InventorySink,
): { ok: true; facts: FileFacts; rows: number } | { ok: false; message: string } {
  if (size > MAX_IMPORT_BYTES)
    return {
      ok: false,
      message: `The file is ${(size / 1024 / 1024).toFixed(0)} MB; an import reads at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files from the same source.`,
    };
  if (size === 0) return { ok: false, message: 'The file is empty.' };
  try {
    try {
      return { ok: true, ...readOnce(chunks(), fileName, sink, null) };
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
      return { ok: true, ...readOnce(chunks(), fileName, sink, 'windows-1252') };
    }
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, message: error.message };
    throw error;
  }
}

/** Reads a file's bytes whole into its records (tests, and small files). */
export function parseInventoryFile(bytes: Uint8Array, fileName = ''): FileResult {
  let file: ParsedFile | null = null;
  const read = streamInventory(() => [bytes], bytes.length, fileName, {
    start: (facts) => (file = { ...facts, records: [], badLines: [] }),
    records: (batch, bad) => {
      for (const r of batch) file!.records.push(r);
      file!.badLines.push(...bad);
    },
  });
  return read.ok ? { ok: true, file: file! } : read;
}

/** A CSV row longer than this is not a device (it is a quote that never closes). */
const MAX_ROW_CHARS = 4 * 1024 * 1024;

/** The largest piece of text the CSV parser is given at once. */
const PIECE_BYTES = 32 * 1024;

function readOnce(
  source: Iterable<Uint8Array>,
  fileName: string,
  sink: InventorySink,
  forced: 'windows-1252' | null,
): { facts: FileFacts; rows: number } {
  let decoder: TextDecoder | null = null;
  let encoding: ParsedFile['encoding'] = 'utf-8';
  const sniffed: Uint8Array[] = [];
  let sniffedBytes = 0;
  let head = '';
  let blankHead = true;
  let consumer: ((text: string, last: boolean) => void) | null = null;
  let facts: FileFacts | null = null;
  let rows = 0;

  const decode = (bytes: Uint8Array, last: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream: !last });
    } catch {
      throw new NotUtf8();
    }
  };
  const text = (t: string, last: boolean) => {
    if (consumer) return consumer(t, last);
    head += t;
    if (blankHead && t.trim() !== '') blankHead = false;
    // Leading blank text does not decide anything: wait for more (or the end).
    if ((head.length < HEAD_CHARS || blankHead) && !last) return;
    const begun = begin(head, fileName, encoding, sink, (n) => (rows += n));
    facts = begun.facts;
    consumer = begun.consume;
    const all = head;
    head = '';
    consumer(all, last);
  };
  const bytes = (b: Uint8Array, last: boolean) => {
    if (!decoder) {
      // The first bytes decide the encoding.
      if (b.length) sniffed.push(b);
      sniffedBytes += b.length;
      if (sniffedBytes < SNIFF_BYTES && !last) return;
      const first = sniffed.length === 1 ? sniffed[0]! : concat(sniffed);
      sniffed.length = 0;
      const found = sniffEncoding(first);
      encoding = forced ?? found.encoding;
      // UTF-8 with a BOM says what it is: a bad byte in it is replaced, not a reason to read it as Windows-1252.
      decoder = new TextDecoder(encoding, {
        fatal: encoding === 'utf-8' && found.skip === 0,
        ignoreBOM: true,
      });
      return text(decode(first.subarray(found.skip), last), last);
    }
    text(decode(b, last), last);
  };
  for (const chunk of source)
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) bytes(chunk.subarray(at, at + PIECE_BYTES), false);
  bytes(new Uint8Array(0), true);
  if (!facts) throw new Unreadable('The file is empty.');
  return { facts, rows };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Looks at the start of a file's text (format, binary data, delimiter, line ending) and
 * returns what reads the rest. `counted` is told how many rows were read.
 */
function begin(
  head: string,
  fileName: string,
  encoding: ParsedFile['encoding'],
  sink: InventorySink,
  counted: (rows: number) => void,
): { facts: FileFacts; consume: (text: string, last: boolean) => void } {
  if (head.trim() === '') throw new Unreadable('The file is empty.');
  // Text files do not contain NUL or many other control characters.
  let controls = 0;
  const probe = head.slice(0, 8192);
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) controls++;
  }
  if (controls > probe.length / 100 + 1)
    throw new Unreadable('This is not a text file (CSV or JSON); it looks like binary data.');
  const trimmed = head.trimStart();
  const jsonByName = /\.(json|jsonl|ndjson)$/i.test(fileName);
  if (trimmed.startsWith('[') || trimmed.startsWith('{') || jsonByName) {
    // JSON is read whole (the size limit bounds it).
    const parts: string[] = [];
    const facts = { format: 'json', encoding, delimiter: null, headers: [], warnings: [] } as FileFacts;
    return {
      facts,
      consume: (text, last) => {
        parts.push(text);
        if (!last) return;
        const file = readJson(parts.join(''), trimmed.startsWith('{') ? 'ndjson' : 'json', encoding);
        facts.format = file.format;
        facts.headers = file.headers;
        facts.warnings = file.warnings;
        sink.start(facts);
        sink.records(file.records, file.badLines);
        counted(file.records.length + file.badLines.length);
      },
    };
  }
  return readCsv(head, encoding, sink, counted);
}

function readJson(text: string, format: 'json' | 'ndjson', encoding: ParsedFile['encoding']): ParsedFile {
  const warnings: string[] = [];
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Unreadable(
        `The JSON is not valid or not complete: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!Array.isArray(data)) throw new Unreadable('The JSON must be an array of objects, one per device.');
    const badLines: ParsedFile['badLines'] = [];
    const objects: { row: number; item: Record<string, unknown> }[] = [];
    data.forEach((item, i) => {
      if (item && typeof item === 'object' && !Array.isArray(item))
        objects.push({ row: i + 1, item: item as Record<string, unknown> });
      else badLines.push({ row: i + 1, reason: 'not an object' });
    });
    return fromObjects(objects, 'json', encoding, badLines, warnings);
  }
  const objects: { row: number; item: Record<string, unknown> }[] = [];
  const badLines: ParsedFile['badLines'] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const item = JSON.parse(line) as unknown;
      if (item && typeof item === 'object' && !Array.isArray(item))
        objects.push({ row: i + 1, item: item as Record<string, unknown> });
      else badLines.push({ row: i + 1, reason: 'not an object' });
    } catch (error) {
      badLines.push({
        row: i + 1,
        reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  });
  if (objects.length === 0 && badLines.length)
    throw new Unreadable(
      `No line of the file is a JSON object (line ${badLines[0]!.row}: ${badLines[0]!.reason}).`,
    );
  return fromObjects(objects, 'ndjson', encoding, badLines, warnings);
}

/**
 * A CSV reader fed text a piece at a time. Papa Parse reads each piece: RFC 4180 quoting
 * with embedded newlines, and quotes inside unquoted values (=HYPERLINK("…"), {"a":1})
 * read as text; a quote that opens a field must close. The row a piece ends in is kept
 * and read with the next piece, as Papa's own streaming does.
 */
function readCsv(
  head: string,
  encoding: ParsedFile['encoding'],
  sink: InventorySink,
  counted: (rows: number) => void,
): { facts: FileFacts; consume: (text: string, last: boolean) => void } {
  const delimiter = detectDelimiter(head);
  const parser = new Papa.Parser({ delimiter, newline: detectNewline(head) });
  const facts: FileFacts = { format: 'csv', encoding, delimiter, headers: [], warnings: [] };
  let started = false;
  // Text not parsed yet: the row the last parse ended in, then what came since.
  let pending = '';
  let carried = 0;
  // Rows are numbered as a spreadsheet shows them: blank lines count, the header is row 1 (or later).
  let row = 0;
  let records = 0;
  const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
  return {
    facts,
    consume(text, last) {
      pending += text;
      // A row still open after a parse (a long quoted value, or a quote never closed) is not
      // parsed again for every piece: only once as much new text has come as it holds, so a
      // file is read in time proportional to its size. A row longer than any inventory row
      // is given up on with the parser's own message.
      if (!last && pending.length < carried * 2) return;
      const input = pending;
      const result = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
      // A piece can end inside a row (even just after a closing quote, before the line break):
      // that row is read again with the next piece, so what the parser says about it now does not count.
      const quoteError = result.errors.find(
        (e) => e.type === 'Quotes' && (last || (e.row ?? 0) < result.data.length),
      );
      if (quoteError)
        throw new Unreadable(
          `The CSV cannot be read: ${quoteError.message.toLowerCase()} (starting in row ${row + (quoteError.row ?? 0) + 1})`,
        );
      pending = last ? '' : input.substring(result.meta.cursor);
      carried = pending.length;
      if (carried > MAX_ROW_CHARS)
        throw new Unreadable(
          `The CSV cannot be read: row ${row + result.data.length + 1} goes on for more than ${MAX_ROW_CHARS / 1024 / 1024} MB (a quote that never closes?)`,
        );
      const batch: InventoryRecord[] = [];
      const bad: BadLine[] = [];
      for (const cells of result.data) {
        row += 1;
        if (blank(cells)) continue;
        if (!started) {
          facts.headers = cleanHeaders(cells, facts.warnings);
          started = true;
          sink.start(facts);
          continue;
        }
        if (
          cells.length > facts.headers.length &&
          cells.slice(facts.headers.length).some((c) => c.trim() !== '')
        ) {
          bad.push({ row, reason: `${cells.length} values for ${facts.headers.length} columns` });
          continue;
        }
        // The parser's own array: no copy per row (a million rows make that count).
        batch.push({ row, values: cells });
      }
      records += batch.length + bad.length;
      if (batch.length || bad.length) sink.records(batch, bad);
      if (!last) return;
      if (!started) throw new Unreadable('The file is empty.');
      if (records === 0) throw new Unreadable('The file has a header row but no devices.');
      counted(records);
    },
  };
}

function fromObjects(
  objects: readonly { row: number; item: Record<string, unknown> }[],
  format: 'json' | 'ndjson',
  encoding: ParsedFile['encoding'],
  badLines: ParsedFile['badLines'],
  warnings: string[],
): ParsedFile {
  const keys: string[] = [];
  const known = new Set<string>();
  for (const { item } of objects)
    for (const k of Object.keys(item))
      if (!known.has(k)) {
        known.add(k);
        keys.push(k);
      }
  const headers = cleanHeaders(keys, warnings);
  const records = objects.map(({ row, item }) => ({
    row,
    values: keys.map((k) => stringOf(Object.prototype.hasOwnProperty.call(item, k) ? item[k] : '')),
  }));
  return { format, encoding, delimiter: null, headers, records, badLines, warnings };
}
