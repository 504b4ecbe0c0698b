/**
 * A vendor list from another tool, read into vendors: the mapping (columns by their
 * spellings, values placed on our words, under the user's choices), and each row read
 * with what could not be read said. A row with no name is refused with its row number;
 * a value we cannot place is a warning and the field takes its default; a name repeated
 * in the file is imported once (its later rows named). The schemas are in
 * vendor-import-api.ts (re-exported here). Pure; docs/vendor-import.md.
 */
import type { z } from 'zod';
import { AppError } from './errors';
import type { RowProblem } from './device-rows';
import { assignField, matchColumns } from './column-match';
import type { VendorInput } from './vendor';
import {
  placeByWords,
  splitValues,
  VENDOR_HEADER_SYNONYMS,
  VENDOR_IMPORT_FIELDS,
  VENDOR_VALUE_FIELDS,
  type VendorImportField,
  type VendorValueField,
  type VendorValues,
} from './vendor-import-words';
import {
  VendorMappingSchema,
  type VendorImportPreview,
  type VendorMapping,
  type VendorValueCountSchema,
} from './vendor-import-api';

export * from './vendor-import-api';

/**
 * The mapping a file is read with: its columns by their spellings, under the user's
 * choices (a column the file does not have is refused); values placed by the user stay.
 */
export function resolveVendorMapping(
  headers: readonly string[],
  chosen: VendorMapping | null,
): VendorMapping {
  let columns = matchColumns(headers, VENDOR_IMPORT_FIELDS, VENDOR_HEADER_SYNONYMS);
  const unknown = Object.keys(chosen?.columns ?? {}).filter((h) => !headers.includes(h));
  if (unknown.length)
    throw new AppError(
      'INVALID_INPUT',
      `The mapping names ${unknown.length === 1 ? 'a column' : 'columns'} the file does not have: ${unknown
        .slice(0, 5)
        .map((h) => `"${h}"`)
        .join(', ')}`,
    );
  for (const [h, field] of Object.entries(chosen?.columns ?? {})) columns = assignField(columns, h, field);
  return VendorMappingSchema.parse({ columns, values: chosen?.values ?? {} });
}

/** The sentence for a file of which nothing can be imported. */
export function nothingToImportVendors(p: Pick<VendorImportPreview, 'counts' | 'mapping'>): string {
  if (!Object.values(p.mapping.columns).includes('name'))
    return 'No column holds the vendor names: choose which column is the name.';
  return `No row of the file can be imported (${p.counts.errors} ${p.counts.errors === 1 ? 'row' : 'rows'} refused).`;
}

const LIMITS = { name: 200, services: 2000, owner: 200, notes: 20000 } as const;
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/&+-]*$/u;
/** Problems and distinct values kept for the preview; beyond, they are counted. */
const MAX_KEPT = 1000;
const MAX_VALUES = 500;
/** What spreadsheets write where a name is missing: no name. */
const NO_NAME = new Set(['#n/a', '#na', 'n/a', '-', '—', '#ref!', '#value!', 'null', 'undefined']);

/** The vendors read from a file, and what could not be read. */
export interface VendorRows {
  vendors: { row: number; input: VendorInput; given: Set<VendorImportField> }[];
  errors: RowProblem[];
  errorsTotal: number;
  warnings: RowProblem[];
  warningsTotal: number;
  warnedRows: number;
  duplicates: { name: string; rows: [number, number] }[];
  duplicatesTotal: number;
  values: z.output<typeof VendorValueCountSchema>[];
}

/** Reads records (cells in the order of `headers`) into vendors with `mapping`. */
export function readVendorRows(
  headers: readonly string[],
  mapping: VendorMapping,
  records: Iterable<{ row: number; values: readonly string[] }>,
): VendorRows {
  const at = new Map<VendorImportField, number>();
  headers.forEach((h, i) => {
    const f = mapping.columns[h];
    if (f) at.set(f, i);
  });
  const out: VendorRows = {
    vendors: [],
    errors: [],
    errorsTotal: 0,
    warnings: [],
    warningsTotal: 0,
    warnedRows: 0,
    duplicates: [],
    duplicatesTotal: 0,
    values: [],
  };
  const seen = new Map<string, number>();
  const counts = new Map<string, z.output<typeof VendorValueCountSchema>>();
  const column = (f: VendorImportField) => headers[at.get(f)!]!;
  for (const record of records) {
    const cell = (f: VendorImportField) => {
      const i = at.get(f);
      return i === undefined ? '' : (record.values[i] ?? '').trim();
    };
    let warned = false;
    const warn = (f: VendorImportField, value: string, reason: string) => {
      warned = true;
      out.warningsTotal += 1;
      if (out.warnings.length < MAX_KEPT)
        out.warnings.push({ row: record.row, column: column(f), value: value.slice(0, 200), reason });
    };
    const text = (f: keyof typeof LIMITS) => {
      const v = cell(f);
      if (v.length <= LIMITS[f]) return v;
      warn(f, v, `longer than ${LIMITS[f].toLocaleString('en-US')} characters; cut`);
      return v.slice(0, LIMITS[f]);
    };
    const name = text('name').replace(/\s+/g, ' ');
    if (!at.has('name') || name === '' || NO_NAME.has(name.toLowerCase())) {
      out.errorsTotal += 1;
      if (out.errors.length < MAX_KEPT)
        out.errors.push({
          row: record.row,
          column: at.has('name') ? column('name') : '',
          value: name,
          reason: at.has('name') ? 'No vendor name' : 'No column holds the vendor name',
        });
      continue;
    }
    const key = name.normalize('NFC').toLocaleLowerCase('en');
    const first = seen.get(key);
    if (first !== undefined) {
      out.duplicatesTotal += 1;
      if (out.duplicates.length < MAX_KEPT) out.duplicates.push({ name, rows: [first, record.row] });
      continue;
    }
    seen.set(key, record.row);
    const place = <F extends VendorValueField>(f: F, value: string): VendorValues[F] | null => {
      const k = `${f}\u0000${value}`;
      const c = counts.get(k);
      if (c) {
        c.count += 1;
        return c.placed as VendorValues[F] | null;
      }
      const mine = mapping.values[f] as Record<string, VendorValues[F]>;
      const chosen = Object.hasOwn(mine, value) ? mine[value]! : null;
      const placed = chosen ?? placeByWords(f, value);
      // Past the limit of distinct values, a value is placed each time and not listed.
      if (counts.size < MAX_VALUES * VENDOR_VALUE_FIELDS.length)
        counts.set(k, {
          field: f,
          value,
          count: 1,
          placed,
          by: chosen ? 'mapping' : placed ? 'words' : null,
        });
      return placed;
    };
    // The fields the row gives a value for (what a re-import may change).
    const given = new Set<VendorImportField>(VENDOR_IMPORT_FIELDS.filter((f) => cell(f) !== ''));
    const one = <F extends 'category' | 'criticality' | 'status'>(f: F, fallback: VendorValues[F]) => {
      const v = cell(f);
      if (v === '') return fallback;
      const placed = place(f, v);
      if (placed === null) {
        warn(f, v, `not a ${f} we know; read as "${fallback}"`);
        given.delete(f);
      }
      return placed ?? fallback;
    };
    const dataTouched: VendorValues['dataTouched'][] = [];
    for (const part of splitValues(cell('dataTouched'))) {
      const kind = place('dataTouched', part);
      if (kind === null) warn('dataTouched', part, 'not a kind of data we know; left out');
      else if (!dataTouched.includes(kind)) dataTouched.push(kind);
    }
    // "None" beside real kinds says nothing.
    const data = dataTouched.length > 1 ? dataTouched.filter((d) => d !== 'none') : dataTouched;
    if (data.length === 0) given.delete('dataTouched');
    const tags: string[] = [];
    for (const raw of cell('tags').split(/[;,|\n\r]+/)) {
      const tag = raw.trim().replace(/^#/, '').slice(0, 40).trim();
      if (!tag) continue;
      if (!TAG_PATTERN.test(tag))
        warn('tags', tag, 'a tag starts with a letter or digit and has no special characters; left out');
      else if (tags.length >= 20) warn('tags', tag, 'at most 20 tags; left out');
      else if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
    }
    if (tags.length === 0) given.delete('tags');
    // Valid by construction (each value is read above within the vendor rules): a schema
    // parse per row would be much of an import's time. A unit test holds rows to the schema.
    const input: VendorInput = {
      name,
      category: one('category', 'other'),
      criticality: one('criticality', 'medium'),
      status: one('status', 'active'),
      dataTouched: data,
      services: text('services'),
      owner: text('owner'),
      tags,
      notes: text('notes'),
    };
    if (warned) out.warnedRows += 1;
    out.vendors.push({ row: record.row, input, given });
  }
  out.values = [...counts.values()].sort(
    (a, b) => a.field.localeCompare(b.field) || b.count - a.count || a.value.localeCompare(b.value),
  );
  return out;
}
