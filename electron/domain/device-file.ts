/**
 * Reading an inventory file's bytes into header → text records: encoding (UTF-8 with or
 * without BOM, UTF-16, Windows-1252), format (CSV with a detected delimiter, a JSON array,
 * one JSON object per line, or records wrapped in an API export's object), the header row
 * found below any title rows, limits enforced while reading, and a clear message for
 * anything else. Workbooks (.xlsx) are unpacked elsewhere and their rows go through the
 * same table stage (createTableStage).
 */
import Papa from 'papaparse';
import type { FileEncoding, FileFormat } from './device-api';
import { knownHeaderCount } from './device-formats';
import { createJsonRecordScanner, JsonUnreadable } from './json-records';

/** The largest file an import reads. */
export const MAX_IMPORT_BYTES = 160 * 1024 * 1024;

/** The most columns a file may have (a header wider than this is refused before it is read). */
export const MAX_COLUMNS = 1024;

export interface ParsedFile {
  format: FileFormat;
  encoding: FileEncoding;
  delimiter: string | null;
  headers: string[];
  /** Each record with its row: in a CSV row 1 is the header; in JSON the first object (or line) is 1. */
  records: InventoryRecord[];
  /** Lines of JSON that could not be read, as row errors. */
  badLines: { row: number; reason: string }[];
  /** What the reader noticed about the file as a whole (title rows skipped, a column renamed…). */
  notes: string[];
}

/** A record's cells in the order of the headers (a short row simply ends early). */
export interface InventoryRecord {
  row: number;
  values: string[];
}

export type FileResult = { ok: true; file: ParsedFile } | { ok: false; message: string };

/**
 * What a table's rows are of, for finding its header and for the messages: how many cells
 * of a row are headers the importer knows, and the word for a record ("devices",
 * "vendors"). Devices are the default.
 */
export interface TableKind {
  knownHeaders(cells: readonly string[]): number;
  /** The plural word for a record, in messages ("The file has a header row but no devices"). */
  noun: string;
}

/** The device inventory's table kind. */
export const DEVICE_TABLE: TableKind = { knownHeaders: knownHeaderCount, noun: 'devices' };

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
/** Longer headers are cut (a mapping keys columns by their header). */
const MAX_HEADER = 200;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Rows looked at for the header (title and blank rows above it are skipped) and the delimiter. */
const HEADER_SEARCH_ROWS = 20;

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

/**
 * The delimiter of CSV text: among its first lines (outside quotes), the one that splits
 * the most lines into the same number of columns, then the one with more columns. A
 * title line, or a text cell full of commas, is one line against many.
 */
export function detectDelimiter(text: string): string {
  const perLine = new Map<string, number[]>(DELIMITERS.map((d) => [d, []]));
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  let blank = true;
  const endLine = () => {
    if (!blank) {
      for (const [d, n] of counts) perLine.get(d)!.push(n);
      lines += 1;
    }
    for (const d of DELIMITERS) counts.set(d, 0);
    blank = true;
  };
  const head = text.slice(0, 64 * 1024);
  for (let i = 0; i < head.length && lines < HEADER_SEARCH_ROWS; i++) {
    const ch = head[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) endLine();
    else {
      if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
      if (ch !== ' ' && ch !== '\t') blank = false;
    }
  }
  endLine();
  let best = ',';
  let bestLines = 0;
  let bestWidth = 0;
  for (const [d, ns] of perLine) {
    // The most frequent non-zero count, and on how many lines.
    const freq = new Map<number, number>();
    for (const n of ns) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    for (const [width, lineCount] of freq)
      if (lineCount > bestLines || (lineCount === bestLines && width > bestWidth)) {
        best = d;
        bestLines = lineCount;
        bestWidth = width;
      }
  }
  return best;
}

function cleanHeaders(raw: readonly string[], notes: string[]): string[] {
  const used = new Set<string>();
  const all = new Set(raw);
  return raw.map((h, i) => {
    let name = h.trim().slice(0, MAX_HEADER) || `Column ${i + 1}`;
    if (FORBIDDEN.has(name)) {
      notes.push(`The column "${name}" is not a usable name; it is read as "${name}_"`);
      name = `${name}_`;
    }
    // A repeated name gets the first free "(n)": "A, A, A (2)" reads as A, A (3), A (2)… never losing a column.
    let unique = name;
    for (let n = 2; used.has(unique) || (unique !== name && all.has(unique)); n++) unique = `${name} (${n})`;
    if (unique !== name)
      notes.push(`The column "${name}" appears more than once; a second one is read as "${unique}"`);
    used.add(unique);
    return unique;
  });
}

/** What a reader learned about a file before its records: format, encoding, columns. */
export type FileFacts = Pick<ParsedFile, 'format' | 'encoding' | 'delimiter' | 'headers' | 'notes'> & {
  /** The row the headers are on (1 unless title or blank rows come first). */
  headerRow: number;
};
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
export class Unreadable extends Error {}
/** UTF-8 that is not: the file is read again as Windows-1252. */
class NotUtf8 extends Error {}
/** A JSON file's fields are known once it has been read through: it is read again for its records. */
class JsonFields extends Error {
  constructor(readonly fields: string[]) {
    super('JSON fields collected');
  }
}

const formatNumber = (n: number) => n.toLocaleString('en-US');

/**
 * Reads an inventory file a chunk at a time (`chunks()` gives its bytes from the start,
 * and is called again if the file must be read again), sending its records to `sink`:
 * a CSV is never held whole, so a million rows fit in little memory; a JSON file is read
 * twice (its fields first, then its records), a record at a time. `size` is checked
 * first; `fileName` helps tell JSON from CSV.
 */
export function streamInventory(
  chunks: () => Iterable<Uint8Array>,
  size: number,
  fileName: string,
  sink: InventorySink,
  kind: TableKind = DEVICE_TABLE,
): { ok: true; facts: FileFacts; rows: number } | { ok: false; message: string } {
  if (size > MAX_IMPORT_BYTES)
    return {
      ok: false,
      message: `The file is ${(size / 1024 / 1024).toFixed(0)} MB; an import reads at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files from the same source.`,
    };
  if (size === 0) return { ok: false, message: 'The file is empty.' };
  let forced: 'windows-1252' | null = null;
  let jsonFields: string[] | null = null;
  try {
    for (;;) {
      try {
        return { ok: true, ...readOnce(chunks(), fileName, sink, forced, jsonFields, kind) };
      } catch (error) {
        if (error instanceof NotUtf8 && forced === null) forced = 'windows-1252';
        else if (error instanceof JsonFields && jsonFields === null) jsonFields = error.fields;
        else throw error;
      }
    }
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, message: error.message };
    if (error instanceof JsonUnreadable) return { ok: false, message: error.message };
    throw error;
  }
}

/** Reads a file's bytes whole into its records (tests, and small files). */
export function parseInventoryFile(
  bytes: Uint8Array,
  fileName = '',
  kind: TableKind = DEVICE_TABLE,
): FileResult {
  let file: ParsedFile | null = null;
  const read = streamInventory(
    () => [bytes],
    bytes.length,
    fileName,
    {
      start: (facts) => (file = { ...facts, records: [], badLines: [] }),
      records: (batch, bad) => {
        for (const r of batch) file!.records.push(r);
        file!.badLines.push(...bad);
      },
    },
    kind,
  );
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
  jsonFields: string[] | null,
  kind: TableKind,
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
    const begun = begin(head, fileName, encoding, sink, jsonFields, (n) => (rows += n), kind);
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
  jsonFields: string[] | null,
  counted: (rows: number) => void,
  kind: TableKind,
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
    throw new Unreadable('This is not a CSV or JSON file, nor an .xlsx workbook; it looks like binary data.');
  const trimmed = head.trimStart();
  const jsonByName = /\.(json|jsonl|ndjson)$/i.test(fileName);
  if (trimmed.startsWith('[') || trimmed.startsWith('{') || jsonByName)
    return readJson(encoding, sink, jsonFields, counted, kind);
  return readCsv(head, encoding, sink, counted, kind);
}

/**
 * A JSON record's value as text. An API's nested object stands for its name ({"id": 2,
 * "name": "Core Switch"}, {"value": "active", "label": "Active"}), a list of them for their
 * names; anything else nested is kept as JSON text.
 */
function stringOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  const named = nameOf(v);
  if (named !== null) return named;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object')) {
    const names = v.map(nameOf);
    if (names.every((n) => n !== null)) return names.join(', ');
  }
  return JSON.stringify(v);
}

/** The name an API gives a nested object, if it gives one. */
function nameOf(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  for (const key of ['display', 'name', 'label', 'model', 'value'])
    if (Object.hasOwn(o, key) && typeof o[key] === 'string') return o[key] as string;
  return null;
}

/** Records sent to the sink at a time. */
const BATCH = 2_000;

/**
 * A JSON reader fed text a piece at a time. The first read collects the fields the
 * records have (and throws JsonFields to have the file read again); the second sends each
 * record's values in the order of those fields.
 */
function readJson(
  encoding: ParsedFile['encoding'],
  sink: InventorySink,
  fields: string[] | null,
  counted: (rows: number) => void,
  kind: TableKind,
): { facts: FileFacts; consume: (text: string, last: boolean) => void } {
  const facts: FileFacts = {
    format: 'json',
    encoding,
    delimiter: null,
    headers: [],
    notes: [],
    headerRow: 0,
  };
  if (fields === null) {
    // First read: the union of every record's fields, in order of appearance.
    const seen = new Set<string>();
    const order: string[] = [];
    const scanner = createJsonRecordScanner({
      record(row, value) {
        for (const k in value) {
          if (!Object.hasOwn(value, k) || seen.has(k)) continue;
          if (seen.size >= MAX_COLUMNS)
            throw new Unreadable(
              `The records have more than ${formatNumber(MAX_COLUMNS)} different fields (record ${row}); an import reads at most ${formatNumber(MAX_COLUMNS)} columns.`,
            );
          seen.add(k);
          order.push(k);
        }
      },
      bad() {},
    });
    return {
      facts,
      consume(text, last) {
        scanner.push(text);
        if (!last) return;
        const end = scanner.end();
        if (end.records === 0 && end.bad === 0) throw new Unreadable(`The JSON holds no ${kind.noun}.`);
        throw new JsonFields(order);
      },
    };
  }
  facts.headers = cleanHeaders(fields, facts.notes);
  let batch: InventoryRecord[] = [];
  let bad: BadLine[] = [];
  let started = false;
  let total = 0;
  const flush = () => {
    if (!started) {
      started = true;
      sink.start(facts);
    }
    if (batch.length || bad.length) sink.records(batch, bad);
    total += batch.length + bad.length;
    batch = [];
    bad = [];
  };
  const scanner = createJsonRecordScanner({
    record(row, value) {
      const values = new Array<string>(fields.length);
      for (let i = 0; i < fields.length; i++) {
        const k = fields[i]!;
        values[i] = Object.hasOwn(value, k) ? stringOf(value[k]) : '';
      }
      batch.push({ row, values });
      if (batch.length >= BATCH) flush();
    },
    bad(row, reason) {
      bad.push({ row, reason });
      if (bad.length >= BATCH) flush();
    },
  });
  return {
    facts,
    consume(text, last) {
      scanner.push(text);
      if (!last) return;
      const end = scanner.end();
      facts.format = end.shape === 'lines' ? 'ndjson' : 'json';
      if (end.path !== null) facts.notes.push(`The devices are the records under "${end.path}".`);
      flush();
      counted(total);
    },
  };
}

/**
 * A CSV reader fed text a piece at a time. Papa Parse reads each piece: RFC 4180 quoting
 * with embedded newlines, and quotes inside unquoted values (=HYPERLINK("…"), {"a":1})
 * read as text; a quote that opens a field must close. The row a piece ends in is kept
 * and read with the next piece, as Papa's own streaming does. Rows go through the table
 * stage, which finds the header.
 */
function readCsv(
  head: string,
  encoding: ParsedFile['encoding'],
  sink: InventorySink,
  counted: (rows: number) => void,
  kind: TableKind,
): { facts: FileFacts; consume: (text: string, last: boolean) => void } {
  const delimiter = detectDelimiter(head);
  // The first lines are counted before they are parsed: a line too wide is refused once it ends.
  const guard = wideLineGuard(delimiter);
  let guarding = true;
  const parser = new Papa.Parser({ delimiter, newline: detectNewline(head) });
  const facts: FileFacts = { format: 'csv', encoding, delimiter, headers: [], notes: [], headerRow: 0 };
  const table = createTableStage(facts, sink, kind);
  // Text not parsed yet: the row the last parse ended in, then what came since.
  let pending = '';
  let carried = 0;
  // Rows are numbered as a spreadsheet shows them: blank lines count.
  let row = 0;
  return {
    facts,
    consume(text, last) {
      if (guarding) {
        guard.scan(text, last);
        // Still inside a line too wide to parse: keep counting, hold nothing.
        if (guard.wide()) return;
        if (row > HEADER_SEARCH_ROWS) guarding = false;
      }
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
      const rows: TableRow[] = new Array(result.data.length);
      for (let i = 0; i < result.data.length; i++) {
        const cells = result.data[i]!;
        // A closed row can still be too long (a long quoted value read whole with its piece).
        let length = cells.length;
        for (let j = 0; j < cells.length && length <= MAX_ROW_CHARS; j++) length += cells[j]!.length;
        if (length > MAX_ROW_CHARS)
          throw new Unreadable(
            `The CSV cannot be read: row ${row + 1} is longer than ${MAX_ROW_CHARS / 1024 / 1024} MB; no device takes that much.`,
          );
        rows[i] = { row: ++row, cells };
      }
      // The parser's own arrays: no copy per row (a million rows make that count).
      table.rows(rows);
      if (!last) return;
      counted(table.end());
    },
  };
}

/**
 * A counter of the columns of a file's first lines, outside quotes, fed text as it comes:
 * a line wider than an import reads is refused with its column count once the line ends,
 * before the parser ever reads it whole (300,000 columns on one line cost seconds and a
 * gigabyte). Only the count is kept, never the line.
 */
function wideLineGuard(delimiter: string): { scan(text: string, last: boolean): void; wide(): boolean } {
  let quoted = false;
  let line = 1;
  let columns = 1;
  let done = false;
  const d = delimiter.charCodeAt(0);
  const refuse = () => {
    throw new Unreadable(
      `Row ${line} has ${formatNumber(columns)} columns; an import reads at most ${formatNumber(MAX_COLUMNS)}. Is this the right file?`,
    );
  };
  return {
    scan(text, last) {
      for (let i = 0; i < text.length && !done; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (quoted) continue;
        else if (c === d) columns += 1;
        else if (c === 10 || c === 13) {
          if (columns > MAX_COLUMNS) refuse();
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          line += 1;
          columns = 1;
          if (line > HEADER_SEARCH_ROWS) done = true;
        }
      }
      if (last && columns > MAX_COLUMNS) refuse();
    },
    wide: () => columns > MAX_COLUMNS,
  };
}

/** A row of a table (CSV or sheet): its number as a spreadsheet shows it, and its cells. */
export interface TableRow {
  row: number;
  cells: readonly string[];
}

const isBlank = (cells: readonly string[]) => {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
};
const filled = (cells: readonly string[]) => {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
};

/**
 * The header among a file's first non-blank rows: of those at least half as wide as the
 * widest (a title row has one cell, or a few), the one with the most headers we know;
 * when none has any, the first of them with two cells or more.
 */
export function findHeaderRow(
  rows: readonly TableRow[],
  known: TableKind['knownHeaders'] = knownHeaderCount,
): number {
  const widths = rows.map((r) => filled(r.cells));
  const widest = Math.max(...widths);
  const wideEnough = (i: number) => widths[i]! >= Math.max(1, Math.ceil(widest / 2));
  let best = -1;
  let bestScore = 0;
  rows.forEach((r, i) => {
    if (!wideEnough(i)) return;
    const score = known(r.cells);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (best >= 0) return best;
  const wide = rows.findIndex((_, i) => wideEnough(i) && widths[i]! >= 2);
  return wide >= 0 ? wide : 0;
}

/**
 * The stage every table goes through (CSV rows, a sheet's rows): blank rows are skipped,
 * the header is found among the first rows (title rows above it are skipped and said so),
 * a header wider than MAX_COLUMNS is refused, and records go to the sink in batches.
 * `end` returns how many records there were.
 */
export function createTableStage(
  facts: FileFacts,
  sink: InventorySink,
  kind: TableKind = DEVICE_TABLE,
): { rows(batch: readonly TableRow[]): void; end(): number } {
  let started = false;
  const waiting: TableRow[] = [];
  let records = 0;
  const startWith = (rows: readonly TableRow[]): readonly TableRow[] => {
    const at = findHeaderRow(rows, kind.knownHeaders);
    const header = rows[at]!;
    if (header.cells.length > MAX_COLUMNS)
      throw new Unreadable(
        `The header (row ${header.row}) has ${formatNumber(header.cells.length)} columns; an import reads at most ${formatNumber(MAX_COLUMNS)}.`,
      );
    if (at > 0)
      facts.notes.push(
        `${at === 1 ? `Row ${rows[0]!.row} is` : `Rows ${rows[0]!.row}–${rows[at - 1]!.row} are`} above the header (row ${header.row}) and ${at === 1 ? 'was' : 'were'} skipped.`,
      );
    facts.headers = cleanHeaders(header.cells, facts.notes);
    facts.headerRow = header.row;
    started = true;
    sink.start(facts);
    return rows.slice(at + 1);
  };
  const send = (rows: readonly TableRow[]) => {
    const batch: InventoryRecord[] = [];
    for (const r of rows) if (!isBlank(r.cells)) batch.push({ row: r.row, values: r.cells as string[] });
    records += batch.length;
    if (batch.length) sink.records(batch, []);
  };
  return {
    rows(batch) {
      if (started) return send(batch);
      for (const r of batch) if (!isBlank(r.cells)) waiting.push(r);
      if (waiting.length < HEADER_SEARCH_ROWS) return;
      send(startWith(waiting));
      waiting.length = 0;
    },
    end() {
      if (!started) {
        if (waiting.length === 0) throw new Unreadable('The file is empty.');
        send(startWith(waiting));
        waiting.length = 0;
      }
      if (records === 0) throw new Unreadable(`The file has a header row but no ${kind.noun}.`);
      return records;
    },
  };
}
