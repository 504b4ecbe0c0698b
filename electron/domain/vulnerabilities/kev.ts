/**
 * CISA's Known Exploited Vulnerabilities catalog, from its JSON (catalogVersion,
 * dateReleased, vulnerabilities[]) or its CSV (CISA's header names, one row per CVE), read
 * into the shared KevCatalog shape. The CSV carries no catalog version or date: the newest
 * dateAdded stands for both. The first problem refuses the whole catalog, with the entry.
 */
import Papa from 'papaparse';
import { CveIdSchema, type KevCatalog, type KevEntry } from './model';
import { isObj, shorten } from './csaf-fields';

/** The most entries a catalog may hold (the real one has under two thousand). */
export const MAX_KEV_ENTRIES = 100_000;

/** The catalog, or the first problem. */
export type KevRead = { ok: true; catalog: KevCatalog } | { ok: false; problem: string };

/** The CSV columns read, by CISA's names. */
const COLUMNS = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'requiredAction',
  'dueDate',
  'knownRansomwareCampaignUse',
] as const;
type Column = (typeof COLUMNS)[number];

/** Whether a parsed JSON value is the KEV catalog (a list of vulnerabilities with cveID). */
export function isKevJson(value: unknown): boolean {
  if (!isObj(value) || !Array.isArray(value.vulnerabilities)) return false;
  const first: unknown = value.vulnerabilities[0];
  return 'catalogVersion' in value || (isObj(first) && 'cveID' in first);
}

/** Whether text is the KEV catalog as CSV (its header names the catalog's columns). */
export function isKevCsv(text: string): boolean {
  const header = text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)"?cveID"?(,|$)/.test(header) && /(^|,)"?vendorProject"?(,|$)/.test(header);
}

/** Reads the catalog's JSON. */
export function readKevJson(value: unknown): KevRead {
  if (!isObj(value)) return { ok: false, problem: 'not a KEV catalog (not an object)' };
  const list = value.vulnerabilities;
  if (!Array.isArray(list)) return { ok: false, problem: 'vulnerabilities: missing or not a list' };
  if (list.length > MAX_KEV_ENTRIES)
    return { ok: false, problem: `vulnerabilities: ${list.length} entries (at most ${MAX_KEV_ENTRIES})` };
  const catalogVersion = typeof value.catalogVersion === 'string' ? value.catalogVersion.trim() : '';
  if (!catalogVersion) return { ok: false, problem: 'catalogVersion: missing' };
  const released = dateOf(value.dateReleased);
  if (!released) return { ok: false, problem: 'dateReleased: missing or not an ISO date' };
  const entries: KevEntry[] = [];
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const read = isObj(item)
      ? entryOf((c) => item[c], `vulnerabilities[${i}]`)
      : { problem: `vulnerabilities[${i}]: not an object` };
    if ('problem' in read) return { ok: false, problem: read.problem };
    entries.push(read.entry);
  }
  return { ok: true, catalog: { catalogVersion, dateReleased: released, entries: unique(entries) } };
}

/** Reads the catalog's CSV. */
export function readKevCsv(text: string): KevRead {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header) return { ok: false, problem: 'the CSV is empty' };
  const at = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = COLUMNS.filter((c) => c !== 'dueDate' && !at.has(c));
  if (missing.length) return { ok: false, problem: `the CSV has no column ${missing.join(', ')}` };
  if (rows.length > MAX_KEV_ENTRIES)
    return { ok: false, problem: `the CSV has ${rows.length} rows (at most ${MAX_KEV_ENTRIES})` };
  const entries: KevEntry[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const read = entryOf((c) => (at.has(c) ? row[at.get(c)!] : undefined), `row ${i + 2}`);
    if ('problem' in read) return { ok: false, problem: read.problem };
    entries.push(read.entry);
  }
  if (!entries.length) return { ok: false, problem: 'the CSV has no entries' };
  const newest = entries.reduce((d, e) => (e.dateAdded > d ? e.dateAdded : d), entries[0]!.dateAdded);
  return {
    ok: true,
    catalog: { catalogVersion: newest.replaceAll('-', '.'), dateReleased: newest, entries: unique(entries) },
  };
}

/** One entry from its fields, or the problem at `where`. */
function entryOf(field: (c: Column) => unknown, where: string): { entry: KevEntry } | { problem: string } {
  const text = (c: Column) => {
    const v = field(c);
    return typeof v === 'string' ? v.trim() : '';
  };
  const cve = text('cveID').toUpperCase();
  if (!CveIdSchema.safeParse(cve).success)
    return { problem: `${where}: cveID "${shorten(text('cveID'))}" is not a CVE id` };
  const dateAdded = dateOf(text('dateAdded'));
  if (!dateAdded)
    return { problem: `${where} (${cve}): dateAdded "${shorten(text('dateAdded'))}" is not a date` };
  const due = text('dueDate');
  const dueDate = due ? dateOf(due) : null;
  if (due && !dueDate) return { problem: `${where} (${cve}): dueDate "${shorten(due)}" is not a date` };
  return {
    entry: {
      cve,
      vendor: text('vendorProject'),
      product: text('product'),
      name: text('vulnerabilityName'),
      dateAdded,
      dueDate,
      ransomware: text('knownRansomwareCampaignUse').toLowerCase() === 'known',
      requiredAction: text('requiredAction'),
    },
  };
}

/** The date of an ISO date or date-time, or null. */
function dateOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  return match && !Number.isNaN(Date.parse(match[1]!)) ? match[1]! : null;
}

/** The entries with each CVE once (the first kept). */
function unique(entries: KevEntry[]): KevEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.cve) && Boolean(seen.add(e.cve)));
}
