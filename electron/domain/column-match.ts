/**
 * Matching a file's columns to an import's fields by the spellings other tools and
 * people use for them, from a table of header synonyms per field (compared by headerKey:
 * no accents, case, spaces or punctuation). The device inventory has its own table and
 * known formats (device-formats/); any other import uses this. Pure.
 */
import { headerKey } from './device-formats';

/** Header spellings of each field, most specific first (as headerKey gives them). */
export type HeaderSynonyms<F extends string> = Record<F, readonly string[]>;

/**
 * Column → field: each field, in the order given, takes the first column with its most
 * specific spelling that no field took before; every other column maps to null.
 */
export function matchColumns<F extends string>(
  headers: readonly string[],
  fields: readonly F[],
  synonyms: HeaderSynonyms<F>,
): Record<string, F | null> {
  const keys = headers.map(headerKey);
  const columns: Record<string, F | null> = Object.fromEntries(headers.map((h) => [h, null]));
  const used = new Set<number>();
  for (const field of fields)
    for (const synonym of synonyms[field]) {
      const at = keys.findIndex((k, i) => k === synonym && !used.has(i));
      if (at < 0) continue;
      used.add(at);
      columns[headers[at]!] = field;
      break;
    }
  return columns;
}

/**
 * Gives `field` to `header`, taking it from any other column (a field reads one column);
 * null leaves the column unread.
 */
export function assignField<F extends string>(
  columns: Record<string, F | null>,
  header: string,
  field: F | null,
): Record<string, F | null> {
  const out: Record<string, F | null> = {};
  for (const [column, f] of Object.entries(columns))
    out[column] = column === header ? field : field !== null && f === field ? null : f;
  if (!Object.hasOwn(out, header)) out[header] = field;
  return out;
}

/** How many cells of a row are spellings of a field (the header row is the row with most). */
export function headerCounter<F extends string>(
  synonyms: HeaderSynonyms<F>,
): (cells: readonly string[]) => number {
  const known = new Set(Object.values<readonly string[]>(synonyms).flat());
  return (cells) => {
    let n = 0;
    for (const c of cells) if (c.length <= 60 && known.has(headerKey(c))) n++;
    return n;
  };
}
