/**
 * Recognising an inventory's format by its headers, and the column mapping that follows:
 * a known system's export (NetBox, Snipe-IT) by its own meaning of its columns, anything
 * else by the usual spellings. The next format is one new file here, listed in FORMATS.
 */
import { DEVICE_FIELDS, MULTI_COLUMN_FIELDS, type DeviceField } from '../devices';
import type { DeviceFormat } from './format';
import { HEADER_SYNONYMS } from './generic';
import { NETBOX_IMPORT, NETBOX_TABLE } from './netbox';
import { SNIPE_IT, SNIPE_IT_IMPORT } from './snipe-it';

export type { DeviceFormat } from './format';

/** The formats recognised by their headers, most specific first. */
const FORMATS: readonly DeviceFormat[] = [NETBOX_IMPORT, NETBOX_TABLE, SNIPE_IT_IMPORT, SNIPE_IT];

/** A file no known format claims. */
export const GENERIC_FORMAT = { id: 'generic', name: 'Spreadsheet or other export' } as const;

/** A header as compared with the spellings: no accents, case, spaces or punctuation. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The format a file's headers are, or the generic one. */
export function recogniseFormat(headers: readonly string[]): { id: string; name: string } {
  const keys = new Set(headers.map(headerKey));
  const found = FORMATS.find((f) => f.recognise(keys));
  return found ? { id: found.id, name: found.name } : GENERIC_FORMAT;
}

/**
 * Column → field: the recognised format's own meaning of its columns first, then the
 * usual spellings for the rest. Each field takes one column (the first the format names,
 * else the most specific spelling), except location, which takes every column of a place.
 */
export function suggestColumns(headers: readonly string[]): {
  format: { id: string; name: string };
  columns: Record<string, DeviceField | null>;
} {
  const keys = headers.map(headerKey);
  const format = FORMATS.find((f) => f.recognise(new Set(keys)));
  const columns: Record<string, DeviceField | null> = Object.fromEntries(headers.map((h) => [h, null]));
  const decided = new Set<number>();
  const taken = new Set<DeviceField>();
  const give = (i: number, field: DeviceField | null) => {
    decided.add(i);
    if (field === null) return;
    if (taken.has(field) && !MULTI_COLUMN_FIELDS.has(field)) return;
    columns[headers[i]!] = field;
    taken.add(field);
  };
  if (format)
    keys.forEach((k, i) => {
      if (Object.hasOwn(format.columns, k)) give(i, format.columns[k]!);
    });
  const bySpelling = (keys: readonly string[]) => {
    for (const field of DEVICE_FIELDS) {
      if (taken.has(field)) continue;
      for (const synonym of HEADER_SYNONYMS[field]) {
        const matches = keys.flatMap((k, i) => (k === synonym && !decided.has(i) ? [i] : []));
        if (matches.length === 0) continue;
        if (MULTI_COLUMN_FIELDS.has(field)) {
          // Every column of a place, whichever of the spellings it uses.
          keys.forEach((k, i) => {
            if (!decided.has(i) && HEADER_SYNONYMS[field].includes(k)) give(i, field);
          });
        } else give(matches[0]!, field);
        break;
      }
    }
  };
  bySpelling(keys);
  // Then what is left, read without what other systems add ("Last Seen (UTC)", "Device Serial Number").
  bySpelling(headers.map(looseHeaderKey));
  return { format: format ? { id: format.id, name: format.name } : GENERIC_FORMAT, columns };
}

const KNOWN_KEYS = new Set<string>([
  ...Object.values(HEADER_SYNONYMS).flat(),
  ...FORMATS.flatMap((f) => Object.keys(f.columns)),
]);

/** What a header may add after a date field's name: "Last Seen Date", "Cert Expiry UTC". */
const QUALIFIED = /^(.+?)(?:utc|gmt|local|datetime|timestamp|date|time)+$/;
/** Spellings of the date fields (a "Status Date" is no status). */
const DATE_KEYS = new Set(
  (['lastSeen', 'certExpiry', 'lastFirmwareUpdate'] as const).flatMap((f) => HEADER_SYNONYMS[f]),
);
/** What a header may put before a field's name: "Device Serial Number", "Asset Model". */
const PREFIXED = /^(?:device|asset)(.+)$/;

/**
 * A header as another system spells a field we know: without a part in brackets ("Last Seen
 * (UTC)"), a qualifier after it ("Last Seen Date") or a word before it ("Device Serial
 * Number"), when what is left is a spelling we know; else its plain key.
 */
export function looseHeaderKey(header: string): string {
  let key = headerKey(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  const qualified = QUALIFIED.exec(key);
  if (qualified && DATE_KEYS.has(qualified[1]!)) key = qualified[1]!;
  const prefixed = PREFIXED.exec(key);
  if (prefixed && !KNOWN_KEYS.has(key) && KNOWN_KEYS.has(prefixed[1]!)) key = prefixed[1]!;
  return key;
}

/** How many cells of a row are headers we know: the header row is the row with most (title rows have none). */
export function knownHeaderCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.length <= 60 && KNOWN_KEYS.has(looseHeaderKey(c))) n++;
  return n;
}
