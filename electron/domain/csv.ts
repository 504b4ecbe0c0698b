/**
 * CSV for spreadsheets: quoting by csv-stringify, and every cell made safe to open. A
 * spreadsheet runs a cell that starts with = + - @ (and some treat tab, CR, LF and NUL
 * before them the same) as a formula; so does LibreOffice for such a line inside a
 * quoted multi-line cell. Each such line gets a leading apostrophe, which spreadsheets
 * show as text and hide.
 */
import { stringify } from 'csv-stringify/sync';

// Full-width = + - @ too: Apple Numbers reads them as the ASCII ones.
const DANGEROUS_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell that no spreadsheet runs as a formula, on any of its lines. */
export function neutraliseCell(value: string): string {
  // A cell that starts with a line break: its first line is empty, so guard the cell itself.
  const guarded = /^[\r\n]/.test(value) ? `'${value}` : value;
  return guarded
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 && DANGEROUS_START.test(part) ? `'${part}` : part))
    .join('');
}

/** Rows as CSV text (RFC 4180 quoting, CRLF line ends, UTF-8 BOM so spreadsheets read accents). */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const cells = [header, ...rows].map((row) =>
    row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? String(cell) : neutraliseCell(cell))),
  );
  // Any line break inside a cell is quoted (csv-stringify quotes only CRLF otherwise).
  return '\uFEFF' + stringify(cells, { record_delimiter: 'windows', quote_record_delimiter: true });
}
