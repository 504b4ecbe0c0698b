/**
 * Reading an inventory file's bytes into header → text records: encoding (UTF-8 with or
 * without BOM, UTF-16, Windows-1252), format (CSV with a detected delimiter, a JSON array,
 * or one JSON object per line), and a clear message for anything else.
 */
import Papa from 'papaparse';

/** The largest file an import reads. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

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

function decode(bytes: Uint8Array): { text: string; encoding: ParsedFile['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  if (sample.length >= 4 && oddZeros > sample.length / 4 && evenZeros === 0)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (sample.length >= 4 && evenZeros > sample.length / 4 && oddZeros === 0)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
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

/** Reads a file's bytes; `fileName` helps tell JSON from CSV. */
export function parseInventoryFile(bytes: Uint8Array, fileName = ''): FileResult {
  if (bytes.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      message: `The file is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; an import reads at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files from the same source.`,
    };
  if (bytes.length === 0) return { ok: false, message: 'The file is empty.' };
  const { text, encoding } = decode(bytes);
  if (text.trim() === '') return { ok: false, message: 'The file is empty.' };
  // Text files do not contain NUL or many other control characters.
  let controls = 0;
  const probe = text.slice(0, 8192);
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) controls++;
  }
  if (controls > probe.length / 100 + 1)
    return { ok: false, message: 'This is not a text file (CSV or JSON); it looks like binary data.' };

  const warnings: string[] = [];
  const trimmed = text.trimStart();
  const jsonByName = /\.(json|jsonl|ndjson)$/i.test(fileName);
  if (trimmed.startsWith('[') || (jsonByName && !trimmed.startsWith('{'))) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        message: `The JSON is not valid or not complete: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (!Array.isArray(data))
      return { ok: false, message: 'The JSON must be an array of objects, one per device.' };
    const badLines: ParsedFile['badLines'] = [];
    const objects: { row: number; item: Record<string, unknown> }[] = [];
    data.forEach((item, i) => {
      if (item && typeof item === 'object' && !Array.isArray(item))
        objects.push({ row: i + 1, item: item as Record<string, unknown> });
      else badLines.push({ row: i + 1, reason: 'not an object' });
    });
    return { ok: true, file: fromObjects(objects, 'json', encoding, badLines, warnings) };
  }
  if (trimmed.startsWith('{')) {
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
      return {
        ok: false,
        message: `No line of the file is a JSON object (line ${badLines[0]!.row}: ${badLines[0]!.reason}).`,
      };
    return { ok: true, file: fromObjects(objects, 'ndjson', encoding, badLines, warnings) };
  }

  const delimiter = detectDelimiter(text);
  // Papa Parse: RFC 4180 quoting with embedded newlines, and quotes inside unquoted values
  // (=HYPERLINK("…"), {"a":1}) read as text; a quote that opens a field must close.
  const result = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    delimiter,
  });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError)
    return {
      ok: false,
      message: `The CSV cannot be read: ${quoteError.message.toLowerCase()} (starting in row ${(quoteError.row ?? 0) + 1})`,
    };
  // Blank lines are kept by the parser so that row numbers are the rows a spreadsheet shows.
  const rows = result.data;
  const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
  let headerAt = 0;
  while (headerAt < rows.length && blank(rows[headerAt]!)) headerAt++;
  if (headerAt === rows.length) return { ok: false, message: 'The file is empty.' };
  const headers = cleanHeaders(rows[headerAt]!, warnings);
  const badLines: ParsedFile['badLines'] = [];
  const records: InventoryRecord[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (blank(cells)) continue;
    if (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')) {
      badLines.push({ row: i + 1, reason: `${cells.length} values for ${headers.length} columns` });
      continue;
    }
    // The parser's own array: no copy per row (a million rows make that count).
    records.push({ row: i + 1, values: cells });
  }
  if (records.length + badLines.length === 0)
    return { ok: false, message: 'The file has a header row but no devices.' };
  return { ok: true, file: { format: 'csv', encoding, delimiter, headers, records, badLines, warnings } };
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
