/**
 * The rows of one sheet of an .xlsx inventory, read in batches with bounded memory. The
 * zip is opened with safe-zip; only the parts needed are inflated (the workbook's index,
 * styles, shared strings and the one sheet), each against the limits, and they are given
 * to ExcelJS's streaming reader as a stored zip, so ExcelJS never inflates anything
 * itself. The sheet is streamed; the shared strings and styles are held whole, so they
 * have limits of their own.
 */
import { pipeline, Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import {
  entryStream,
  findEntry,
  openZip,
  readEntry,
  storedZip,
  ZipRefused,
  type StoredPart,
  type Zip,
  type ZipEntry,
  type ZipLimits,
} from './safe-zip';

/** Limits of an inventory workbook: its sheet is streamed, so a large one stays bounded in memory. */
export const XLSX_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 1024 * 1024 * 1024 };
/** The workbook's index and its relationships, and its styles: read whole. */
const MAX_INDEX_BYTES = 16 * 1024 * 1024;
/** The shared strings, which ExcelJS keeps in memory while the sheet is read. */
const MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024;
/** Rows per batch. */
const BATCH_ROWS = 2000;
/** The most sheet XML between two tags: Excel's longest cell (32,767 characters) is far less. */
const MAX_RUN_BYTES = 4 * 1024 * 1024;
/** The most XML one row may take, as for a CSV row. */
const MAX_ROW_BYTES = 4 * 1024 * 1024;
/** The most tags in one row: every one of Excel's 16,384 cells with a value and a formula, twice over. */
const MAX_TAGS_PER_ROW = 200_000;

/** Why a workbook cannot be read: a sentence for the user (a refused zip becomes one too). */
export class XlsxUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxUnreadable';
  }
}

/** Thrown by xlsxRows when `cancelled()` answered true between batches. */
export class XlsxCancelled extends Error {
  constructor() {
    super('Reading the workbook was cancelled');
    this.name = 'XlsxCancelled';
  }
}

/** One row of a sheet: its own 1-based number (as Excel shows it) and its cells' text, index 0 = column A. */
export interface XlsxRow {
  row: number;
  values: string[];
}

/** ExcelJS, loaded on first use: a large module the CLI's other commands never need. */
async function excel(): Promise<typeof ExcelJS> {
  const loaded = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return loaded.default ?? loaded;
}

// ---------------------------------------------------------------------------------------
// The workbook's index: its sheets and where their parts are, read with a few patterns
// (attributes of <sheet> and <Relationship> elements), not by ExcelJS.

interface Sheet {
  name: string;
  hidden: boolean;
  part: string;
}

interface Book {
  /** Worksheets only (not chart or dialog sheets), in the workbook's order. */
  sheets: Sheet[];
  date1904: boolean;
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name]!;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

/** The attributes of every element of that local name (any namespace prefix), decoded. */
function elements(xml: string, local: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  const pattern = new RegExp(
    `<(?:[A-Za-z_][\\w.-]*:)?${local}((?:\\s+[^\\s=/>]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*/?>`,
    'g',
  );
  for (const m of xml.matchAll(pattern)) {
    const attributes = new Map<string, string>();
    for (const a of m[1]!.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attributes.set(a[1]!, decode(a[2] ?? a[3] ?? ''));
    found.push(attributes);
  }
  return found;
}

/** A relationship target of xl/workbook.xml as the zip entry name it points to, or null outside the package. */
function partName(target: string): string | null {
  const segments: string[] = [];
  for (const s of (target.startsWith('/') ? target : `xl/${target}`).split('/')) {
    if (s === '' || s === '.') continue;
    if (s !== '..') segments.push(s);
    else if (segments.pop() === undefined) return null;
  }
  return segments.join('/');
}

function indexPart(zip: Zip, name: string, max: number): string {
  const entry = findEntry(zip, name);
  if (!entry) throw new XlsxUnreadable(`This is not an .xlsx workbook (it has no ${name})`);
  if (entry.size > max)
    throw new XlsxUnreadable(
      `The workbook's ${name} is ${Math.round(entry.size / 1024 / 1024)} MB: far more than any workbook's`,
    );
  return withoutComments(readEntry(zip, entry).toString('utf8'));
}

/** XML text without its comments, in one pass (a comment that never closes runs to the end). */
function withoutComments(xml: string): string {
  let open = xml.indexOf('<!--');
  if (open < 0) return xml;
  const kept: string[] = [];
  let at = 0;
  while (open >= 0) {
    kept.push(xml.slice(at, open));
    const close = xml.indexOf('-->', open + 4);
    if (close < 0) return kept.join('');
    at = close + 3;
    open = xml.indexOf('<!--', at);
  }
  kept.push(xml.slice(at));
  return kept.join('');
}

function readBook(zip: Zip): Book {
  const workbook = indexPart(zip, 'xl/workbook.xml', MAX_INDEX_BYTES);
  const rels = indexPart(zip, 'xl/_rels/workbook.xml.rels', MAX_INDEX_BYTES);
  const relationships = new Map<string, { type: string; part: string | null }>();
  for (const r of elements(rels, 'Relationship'))
    if (r.get('TargetMode') !== 'External')
      relationships.set(r.get('Id') ?? '', {
        type: r.get('Type')?.split('/').pop() ?? '',
        part: partName(r.get('Target') ?? ''),
      });

  const sheets: Sheet[] = [];
  for (const s of elements(workbook, 'sheet')) {
    const rId = [...s].find(([key]) => key.endsWith(':id'))?.[1];
    const rel = rId === undefined ? undefined : relationships.get(rId);
    if (rel?.type !== 'worksheet' || !rel.part) continue;
    const state = s.get('state');
    sheets.push({
      name: s.get('name') ?? '',
      hidden: state === 'hidden' || state === 'veryHidden',
      part: rel.part,
    });
  }

  // Found through the relationships; where there is none, at the usual place (as ExcelJS does).
  const related = (type: string, usual: string, max: number): ZipEntry | null => {
    const rel = [...relationships.values()].find((r) => r.type === type);
    const name = rel?.part ?? usual;
    const entry = findEntry(zip, name) ?? null;
    if (!entry && rel) throw new XlsxUnreadable(`The workbook is damaged: its part ${name} is missing`);
    if (entry && entry.size > max)
      throw new XlsxUnreadable(
        `The workbook's ${name} is ${Math.round(entry.size / 1024 / 1024)} MB (at most ${max / 1024 / 1024} MB)`,
      );
    return entry;
  };
  return {
    sheets,
    date1904: elements(workbook, 'workbookPr').some((p) => ['1', 'true'].includes(p.get('date1904') ?? '')),
    sharedStrings: related('sharedStrings', 'xl/sharedStrings.xml', MAX_SHARED_STRINGS_BYTES),
    styles: related('styles', 'xl/styles.xml', MAX_INDEX_BYTES),
  };
}

function open(bytes: Uint8Array): { zip: Zip; book: Book } {
  const zip = openZip(bytes, XLSX_LIMITS);
  if (!zip.ok) throw new XlsxUnreadable(zip.message);
  try {
    return { zip, book: readBook(zip) };
  } catch (error) {
    throw error instanceof ZipRefused ? new XlsxUnreadable(error.message) : error;
  }
}

/**
 * The workbook's worksheets by name, in the workbook's order (chart sheets left out),
 * hidden ones included and also named in `hidden`; or why it cannot be read.
 */
export async function listSheets(
  bytes: Uint8Array,
): Promise<{ ok: true; sheets: string[]; hidden: string[] } | { ok: false; message: string }> {
  try {
    const { book } = open(bytes);
    return {
      ok: true,
      sheets: book.sheets.map((s) => s.name),
      hidden: book.sheets.filter((s) => s.hidden).map((s) => s.name),
    };
  } catch (error) {
    if (error instanceof XlsxUnreadable) return { ok: false, message: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// The sheet's XML, checked as it streams past: no run of text or tag longer than any cell,
// no row with more tags than Excel's widest. ExcelJS holds a whole cell and a whole row.

const LT = 0x3c;
const ROW = [0x72, 0x6f, 0x77]; // "row"
const END_DATA = [...Buffer.from('/sheetData')];

function sheetGuard(sheet: string): Transform {
  let sinceTag = 0; // bytes since the last '<'
  let tags = 0; // tags in the current row
  let rowBytes = 0; // bytes of the current row
  let rows = 0; // rows begun
  let inData = false; // between the first <row and </sheetData>
  let after = -1; // bytes compared after the last '<', -1 once it can be neither word
  let maybeRow = false;
  let maybeEnd = false;
  const refuse = (what: string) => new XlsxUnreadable(`Sheet "${sheet}" cannot be read: ${what}`);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === LT) {
          if (sinceTag > MAX_RUN_BYTES) return done(refuse('it holds a value far longer than Excel allows'));
          // Checked at each tag: a longer run of text is refused as a cell, just above.
          if (inData && rowBytes > MAX_ROW_BYTES)
            return done(refuse(`its row ${rows} (counting the rows that have values) is longer than 4 MB`));
          sinceTag = 0;
          if (inData && ++tags > MAX_TAGS_PER_ROW)
            return done(refuse('a row holds far more cells than Excel allows'));
          after = 0;
          maybeRow = maybeEnd = true;
          continue;
        }
        sinceTag += 1;
        rowBytes += 1;
        if (after < 0) continue;
        if (maybeRow)
          if (after < 3) maybeRow = b === ROW[after];
          else {
            // "<row" followed by a space, '>' or '/': a row starts.
            if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) {
              tags = 0;
              rowBytes = 0;
              rows += 1;
              inData = true;
            }
            maybeRow = false;
          }
        if (maybeEnd) {
          maybeEnd = b === END_DATA[after];
          if (maybeEnd && after === END_DATA.length - 1) {
            inData = false;
            maybeEnd = false;
          }
        }
        after = maybeRow || maybeEnd ? after + 1 : -1;
      }
      if (sinceTag > MAX_RUN_BYTES) return done(refuse('it holds a value far longer than Excel allows'));
      done(null, chunk);
    },
  });
}

// ---------------------------------------------------------------------------------------
// Cells as text.

const pad = (n: number) => String(n).padStart(2, '0');
/** A date as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ when it has a time (to the nearest second). */
function dateText(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) return '';
  const d = new Date(Math.round(time / 1000) * 1000);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** Whether a number format shows a date or time (ExcelJS's own test, which it applies to plain values). */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * A number as the sheet shows it where the format only fixes its decimals ("0.00": 4.1 is
 * "4.10", a firmware version that is not 4.1); any other format gives the number as stored.
 */
function numberText(value: number, format: string | undefined): string {
  const fixed = format && /^0(?:\.(0{1,15}))?$/.exec(format.trim());
  return fixed ? value.toFixed(fixed[1]?.length ?? 0) : String(value);
}

function cellText(value: unknown, format: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // A plain value with a date format comes as a Date already; a formula's result does not.
    if (isDateFormat(format))
      return dateText(new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)));
    return numberText(value, format);
  }
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[])
        .map((run) => (typeof run.text === 'string' ? run.text : ''))
        .join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, format, date1904);
    if ('error' in v) return '';
    if ('text' in v) return cellText(v.text, undefined, date1904);
  }
  return '';
}

/** A row's text by column (ExcelJS itself refuses a cell past column XFD, Excel's last). */
function rowValues(row: ExcelJS.Row, date1904: boolean): string[] {
  const values: string[] = [];
  row.eachCell((cell, column) => {
    values[column - 1] = cellText(cell.value, cell.numFmt, date1904);
  });
  let end = values.length;
  while (end > 0 && !values[end - 1]) end -= 1;
  values.length = end;
  for (let i = 0; i < end; i++) values[i] ??= '';
  return values;
}

// ---------------------------------------------------------------------------------------

const xml = (body: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`, 'utf8');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const made = (name: string, data: Buffer): StoredPart => ({
  name,
  size: data.length,
  crc32: zlib.crc32(data),
  data: () => Readable.from([data]),
});

/**
 * The stored zip ExcelJS reads, in the order its streaming reader needs to read the sheet
 * as it comes (never through a temporary file): a workbook index of the one sheet, at
 * the path ExcelJS recognises; styles; shared strings (empty when the workbook has none);
 * the sheet.
 */
function repack(zip: Zip, book: Book, sheet: Sheet, entry: ZipEntry): Readable {
  const fromZip = (name: string, e: ZipEntry, wrap?: (s: Readable) => Readable): StoredPart => ({
    name,
    size: e.size,
    crc32: e.crc32,
    data: () => (wrap ? wrap(entryStream(zip, e)) : entryStream(zip, e)),
  });
  const parts: StoredPart[] = [
    made(
      'xl/_rels/workbook.xml.rels',
      xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    ),
    made(
      'xl/workbook.xml',
      xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${RELS}">${book.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    ),
  ];
  if (book.styles) parts.push(fromZip('xl/styles.xml', book.styles));
  parts.push(
    book.sharedStrings
      ? fromZip('xl/sharedStrings.xml', book.sharedStrings)
      : made('xl/sharedStrings.xml', xml(`<sst xmlns="${MAIN}" count="0" uniqueCount="0"/>`)),
  );
  parts.push(
    fromZip('xl/worksheets/sheet1.xml', entry, (s) => pipeline(s, sheetGuard(sheet.name), () => {})),
  );
  return storedZip(parts);
}

function chooseSheet(book: Book, name: string | null): Sheet {
  if (name === null) {
    const first = book.sheets.find((s) => !s.hidden) ?? book.sheets[0];
    if (!first) throw new XlsxUnreadable('The workbook has no worksheets');
    return first;
  }
  const found =
    book.sheets.find((s) => s.name === name) ??
    book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!found)
    throw new XlsxUnreadable(
      `The workbook has no sheet "${name}" (it has: ${book.sheets.map((s) => s.name).join(', ')})`,
    );
  return found;
}

/**
 * The rows of a sheet (`null`: the first sheet that is not hidden), in batches of up to
 * 2,000, in order. Each row is numbered as Excel shows it and its values are text: strings
 * as they are, numbers as `String(n)`, booleans 'true'/'false', rich text joined, a
 * formula's cached result ('' without one), errors '', date-formatted cells YYYY-MM-DD (or
 * YYYY-MM-DDTHH:MM:SSZ with a time), hyperlinks their text; '' for a gap, trailing empty
 * cells dropped, rows with no value left out. Throws XlsxUnreadable (with a sentence) for
 * a workbook that cannot be read, even after some batches (a zip whose directory lies is
 * found out at the sheet's end), so nothing read is kept until the end; XlsxCancelled
 * when `cancelled()` answers true between batches.
 */
export async function* xlsxRows(
  bytes: Uint8Array,
  sheet: string | null,
  cancelled: () => boolean,
): AsyncGenerator<XlsxRow[]> {
  const { zip, book } = open(bytes);
  const chosen = chooseSheet(book, sheet);
  const entry = findEntry(zip, chosen.part);
  if (!entry)
    throw new XlsxUnreadable(`The workbook is damaged: sheet "${chosen.name}" has no part ${chosen.part}`);
  if (cancelled()) throw new XlsxCancelled();

  const input = repack(zip, book, chosen, entry);
  // A failing part stops the zip stream, which ExcelJS's zip reader never hears of (pipe
  // does not pass errors on): every wait on ExcelJS also ends on that error. (Not by racing
  // one never-settled promise: each race would stay attached to it, and keep its row.)
  let failure: unknown = null;
  let waiting: ((error: unknown) => void) | null = null;
  input.on('error', (error) => {
    failure ??= error;
    waiting?.(error);
  });
  const next = <T>(it: AsyncIterator<T>) =>
    new Promise<IteratorResult<T>>((resolve, reject) => {
      if (failure !== null) return reject(failure);
      waiting = reject;
      it.next().then(resolve, reject);
    }).finally(() => (waiting = null));

  try {
    const ExcelJS = await excel();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    const worksheets = reader[Symbol.asyncIterator]();
    const worksheet = await next(worksheets);
    if (worksheet.done) throw new XlsxUnreadable(`Sheet "${chosen.name}" cannot be read`);
    const rows = worksheet.value[Symbol.asyncIterator]();
    let batch: XlsxRow[] = [];
    let previous = 0;
    for (let r = await next(rows); !r.done; r = await next(rows)) {
      const number = Number.isInteger(r.value.number) && r.value.number > 0 ? r.value.number : previous + 1;
      previous = number;
      const values = rowValues(r.value, book.date1904);
      if (values.length) batch.push({ row: number, values });
      if (batch.length >= BATCH_ROWS) {
        if (cancelled()) throw new XlsxCancelled();
        yield batch;
        batch = [];
        if (cancelled()) throw new XlsxCancelled();
      }
    }
    // The rest of the zip, so the sheet's size and checksum are checked before the last batch.
    while (!(await next(worksheets)).done);
    if (cancelled()) throw new XlsxCancelled();
    if (batch.length) yield batch;
  } catch (error) {
    if (error instanceof XlsxUnreadable || error instanceof XlsxCancelled) throw error;
    if (error instanceof ZipRefused) throw new XlsxUnreadable(error.message);
    const why = error instanceof Error ? error.message : String(error);
    throw new XlsxUnreadable(`Sheet "${chosen.name}" cannot be read (${why.slice(0, 160)})`);
  } finally {
    input.destroy();
  }
}
