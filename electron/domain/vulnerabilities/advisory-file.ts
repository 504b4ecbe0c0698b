/**
 * One file handed to the advisories import, recognised by its content: a CSAF advisory,
 * the KEV catalog as JSON or CSV, or something else (skipped, with why). A file that is
 * one of these but cannot be read is refused with its first problem.
 */
import type { Advisory, KevCatalog } from './model';
import { readGuardedJson, utf8Text } from './json-guard';
import { CSAF_LIMITS, isCsafDocument, readCsaf, type CsafLimits } from './csaf';
import { isKevCsv, isKevJson, readKevCsv, readKevJson } from './kev';

/** What one file turned out to be. */
export type AdvisoryFileRead =
  | { kind: 'csaf'; advisory: Advisory }
  | { kind: 'kev'; catalog: KevCatalog }
  | { kind: 'skipped'; reason: string }
  | { kind: 'refused'; problem: string };

/** The KEV catalog JSON is larger than any advisory: its own size limit. */
const KEV_MAX_BYTES = 64 * 1024 * 1024;

/** Whether a file's name says it may be an advisory or catalog (folders and zips are walked for these). */
export function isCandidateName(name: string): boolean {
  return /\.(json|csv)$/i.test(name);
}

/** Reads one file's bytes, recognising what it is by its content. */
export function readAdvisoryFile(
  name: string,
  bytes: Uint8Array,
  limits: CsafLimits = CSAF_LIMITS,
): AdvisoryFileRead {
  if (/\.csv$/i.test(name)) {
    if (bytes.byteLength > KEV_MAX_BYTES) return { kind: 'refused', problem: 'the CSV is larger than 64 MB' };
    const text = utf8Text(bytes);
    if (text === null || !isKevCsv(text)) return { kind: 'skipped', reason: 'not a KEV catalog CSV' };
    const read = readKevCsv(text);
    return read.ok ? { kind: 'kev', catalog: read.catalog } : { kind: 'refused', problem: read.problem };
  }
  if (!/\.json$/i.test(name)) return { kind: 'skipped', reason: 'not a JSON or CSV file' };
  // The catalog is one large flat file; an advisory is read under the tighter CSAF limits.
  const head = utf8Text(bytes.subarray(0, 4096)) ?? '';
  const looksKev = /"catalogVersion"|"cveID"/.test(head);
  const json = readGuardedJson(bytes, looksKev ? { ...limits, maxBytes: KEV_MAX_BYTES } : limits);
  if (!json.ok) return { kind: 'refused', problem: json.problem };
  if (isCsafDocument(json.value)) {
    const read = readCsaf(json.value, limits);
    return read.ok ? { kind: 'csaf', advisory: read.advisory } : { kind: 'refused', problem: read.problem };
  }
  if (isKevJson(json.value)) {
    const read = readKevJson(json.value);
    return read.ok ? { kind: 'kev', catalog: read.catalog } : { kind: 'refused', problem: read.problem };
  }
  return { kind: 'skipped', reason: 'not a CSAF advisory or a KEV catalog' };
}

/**
 * Compares two tracking versions: integers ("3" < "10") or dotted/semantic versions
 * ("1.2.0" < "1.10.0"; a pre-release before its release); negative when `a` is older.
 */
export function compareTrackingVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.trim().split(/[-+]/, 2);
    return {
      parts: core.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)),
      pre: pre ?? null,
    };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const p = x.parts[i] ?? 0;
    const q = y.parts[i] ?? 0;
    if (Number.isNaN(p) || Number.isNaN(q)) return a.localeCompare(b, 'en', { numeric: true });
    if (p !== q) return p - q;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre.localeCompare(y.pre, 'en', { numeric: true });
}

/** A catalog's release, as read from a file or as stored. */
type Release = Pick<KevCatalog, 'catalogVersion' | 'dateReleased'>;

/** Whether catalog `a` is a later release than `b` (release date, then version). */
export function newerCatalog(a: Release, b: Release): boolean {
  return a.dateReleased !== b.dateReleased
    ? a.dateReleased > b.dateReleased
    : compareTrackingVersions(a.catalogVersion, b.catalogVersion) > 0;
}

/**
 * Why a catalog read from a file does not replace the stored one, or null when it does: a
 * later release replaces it, and the same release with at least as many entries (a full
 * copy after an excerpt); an older release, or an excerpt of the stored one, would take
 * the knockouts of the entries it lacks away without a word.
 */
export function keepStoredCatalog(
  read: Release & { entries: readonly unknown[] },
  stored: Release & { entries: number },
): string | null {
  if (newerCatalog(stored, read))
    return `an older KEV catalog (${read.catalogVersion}) than the one kept (${stored.catalogVersion} of ${stored.dateReleased})`;
  if (!newerCatalog(read, stored) && read.entries.length < stored.entries)
    return `${read.entries.length} entries of KEV catalog ${read.catalogVersion}, whose kept copy has ${stored.entries}: an excerpt does not replace it`;
  return null;
}
