/**
 * Reading a table file from outside (a CSV or an .xlsx workbook, or JSON records) a piece
 * at a time into a sink, whatever its rows are of: the device inventory and the vendor
 * list import both read through here. The format is told from the first bytes (and the
 * name); an older .xls is refused with what to do; a workbook's sheet goes through the
 * same table stage as a CSV (header below title rows, limits while reading).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../domain/errors';
import {
  createTableStage,
  DEVICE_TABLE,
  MAX_IMPORT_BYTES,
  streamInventory,
  Unreadable,
  type FileFacts,
  type InventorySink,
  type TableKind,
} from '../domain/device-file';
import { listSheets, xlsxRows, XlsxCancelled, XlsxUnreadable } from '../files/xlsx-rows';

/** The file to import: a path to read from disk, or its bytes. */
export type ImportFile = { fileName: string } & ({ path: string } | { bytes: Uint8Array });

/** A long read's link back to its caller. */
export interface ReadHooks {
  progress(done: number, total: number, message: string): void;
  cancelled(): boolean;
}
type ImportHooks = ReadHooks;

/** What reading a table file found: its facts, how many records, and a workbook's sheets. */
export interface TableRead {
  facts: FileFacts;
  rows: number;
  sheets: string[];
  sheet: string | null;
}

const CANCELLED = 'The import was cancelled; nothing was changed';
/** Bytes read from disk at a time. */
const READ_BYTES = 4 * 1024 * 1024;

/** The compound-file header of an older Excel workbook (.xls). */
const isOldExcel = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
/** "PK\x03\x04": a zip archive, as every .xlsx workbook is. */
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;

/**
 * Reads a table file into `sink`: a workbook (by its bytes or name) through its sheet
 * (`sheet`, or the first visible one), anything else as CSV or JSON text a piece at a
 * time. `maxBytes` (at most the reader's own limit) refuses a larger file before reading.
 */
export async function readTableFile(
  file: ImportFile,
  options: {
    sheet: string | null;
    sink: InventorySink;
    hooks: ReadHooks;
    kind?: TableKind;
    maxBytes?: number;
  },
): Promise<TableRead> {
  const { sink, hooks } = options;
  const kind = options.kind ?? DEVICE_TABLE;
  const cancelled = () => {
    if (hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
  };
  const size = 'bytes' in file ? file.bytes.length : fstatSize(file.path);
  if (options.maxBytes !== undefined && size > options.maxBytes)
    throw new AppError(
      'INVALID_INPUT',
      `The file is ${(size / 1024 / 1024).toFixed(1)} MB; this import reads at most ${options.maxBytes / 1024 / 1024} MB. Split it into smaller files.`,
    );
  const whole = 'bytes' in file ? file.bytes : readHead(file.path, 4);
  if (isOldExcel(whole) || /\.xls$/i.test(file.fileName))
    throw new AppError(
      'INVALID_INPUT',
      'This is an older Excel workbook (.xls) or one protected by a password; save it as .xlsx without a password, or as CSV, and import that.',
    );
  if (isZip(whole) || /\.xlsx$/i.test(file.fileName))
    return readWorkbook(file, size, options.sheet, sink, hooks, kind);
  let done = 0;
  const chunks = function* (): Iterable<Uint8Array> {
    done = 0;
    for (const chunk of 'bytes' in file ? piecesOf(file.bytes) : readPieces(file.path)) {
      cancelled();
      done += chunk.length;
      yield chunk;
      hooks.progress(done, size, 'Reading and checking rows');
    }
  };
  const result = streamInventory(chunks, size, file.fileName, sink, kind);
  if (!result.ok) throw new AppError('INVALID_INPUT', result.message);
  return { ...result, sheets: [], sheet: null };
}

/** The largest workbook an import opens (it is read whole: a zip's directory is at its end). */
const MAX_WORKBOOK_BYTES = MAX_IMPORT_BYTES;

/** Reads a workbook's sheet through the same table stage as a CSV. */
async function readWorkbook(
  file: ImportFile,
  size: number,
  sheet: string | null,
  sink: InventorySink,
  hooks: ImportHooks,
  kind: TableKind,
): Promise<TableRead> {
  if (size > MAX_WORKBOOK_BYTES)
    throw new AppError(
      'INVALID_INPUT',
      `The workbook is ${(size / 1024 / 1024).toFixed(0)} MB; an import reads at most ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB. Save the sheet as CSV, or split it.`,
    );
  const bytes = 'bytes' in file ? file.bytes : readWhole(file.path);
  const listed = await listSheets(bytes);
  if (!listed.ok) throw new AppError('INVALID_INPUT', listed.message);
  if (listed.sheets.length === 0) throw new AppError('INVALID_INPUT', 'The workbook has no sheets.');
  // The first visible sheet, or the one asked for (its case need not match).
  const chosen =
    sheet === null
      ? (listed.sheets.find((s) => !listed.hidden.includes(s)) ?? listed.sheets[0]!)
      : (listed.sheets.find((s) => s === sheet) ??
        listed.sheets.find((s) => s.toLowerCase() === sheet.toLowerCase()));
  if (chosen === undefined)
    throw new AppError(
      'INVALID_INPUT',
      `The workbook has no sheet "${sheet}" (it has: ${listed.sheets.join(', ')})`,
    );
  const facts: FileFacts = {
    format: 'xlsx',
    encoding: 'utf-8',
    delimiter: null,
    headers: [],
    notes: [],
    headerRow: 0,
  };
  const table = createTableStage(facts, sink, kind);
  let rows = 0;
  try {
    for await (const batch of xlsxRows(bytes, chosen, hooks.cancelled)) {
      table.rows(batch.map((r) => ({ row: r.row, cells: r.values })));
      rows = batch.length ? batch[batch.length - 1]!.row : rows;
      hooks.progress(0, 1, `Reading and checking rows (row ${rows.toLocaleString('en-US')})`);
    }
    if (hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
    return { facts, rows: table.end(), sheets: listed.sheets, sheet: chosen };
  } catch (error) {
    if (error instanceof XlsxCancelled) throw new AppError('CANCELLED', CANCELLED);
    if (error instanceof XlsxUnreadable || error instanceof Unreadable)
      throw new AppError('INVALID_INPUT', `Sheet "${chosen}": ${error.message}`);
    throw error;
  }
}

function* piecesOf(bytes: Uint8Array): Iterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += READ_BYTES) yield bytes.subarray(at, at + READ_BYTES);
}

function fstatSize(path: string): number {
  const fd = openFile(path);
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/** The refusal of a path that is not a saved file (a pipe, a device, a folder). */
export function notASavedFile(path: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `${path} is not a file (an import reads a saved CSV, JSON or Excel file)`,
  );
}

/** Opens a regular file for reading (a pipe or a device would have no size, or never end). */
function openFile(path: string): number {
  let fd: number;
  try {
    // Without waiting: a named pipe put where the file was would otherwise block the open itself.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
      code === 'ENOENT' ? `There is no file ${path}` : `The file ${path} cannot be read (${code ?? 'error'})`,
    );
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw notASavedFile(path);
  }
  return fd;
}

/** The first `n` bytes of a file (to tell a workbook from text). */
function readHead(path: string, n: number): Uint8Array {
  const fd = openFile(path);
  try {
    const buffer = Buffer.alloc(n);
    return buffer.subarray(0, readSync(fd, buffer, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** A whole file (a workbook, within the size limit). */
function readWhole(path: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const piece of readPieces(path)) parts.push(piece);
  return Buffer.concat(parts);
}

function* readPieces(path: string): Iterable<Uint8Array> {
  const fd = openFile(path);
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      const n = readSync(fd, buffer, 0, READ_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
