/**
 * A device's manufacturer and an advisory's vendor as one key, and whether two keys name
 * the same maker. Case, punctuation and legal forms are dropped ("Siemens AG" = "Siemens",
 * "Digi International, Inc." = "Digi International"); a short table names the brands and
 * former names a maker sells under ("Allen-Bradley" is Rockwell Automation). One name may
 * add to the other only words that describe any maker (Electric, Automation, Technologies,
 * Systems, International, a region…): "Schneider" = "Schneider Electric", "Cisco" = "Cisco
 * Systems", but "Siemens" ≠ "Siemens Energy" — a word of its own names another company.
 */
import { normaliseName } from './product-name';

/** Legal forms, in any country's spelling: never part of who the maker is. */
const LEGAL =
  /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|lp|gmbh|mbh|ag|aktiengesellschaft|se|sa|sas|sarl|srl|spa|bv|nv|ab|as|asa|aps|oy|oyj|kk|kabushiki|kaisha|plc|pty|kg|group|holding|holdings)\b/g;

/**
 * Words that describe any maker's trade or region, which its companies add to its name
 * ("Schneider Electric Systems USA"). Deliberately short: no word that names a separate
 * company of a known maker ("Energy", "Healthineers", "Mobility", "Healthcare", "Vernova",
 * "Heavy", "Motors") belongs here.
 */
const DESCRIPTORS = new Set([
  'electric',
  'electrical',
  'electronic',
  'electronics',
  'automation',
  'technology',
  'technologies',
  'systems',
  'international',
  'industries',
  'industry',
  'industrial',
  'communications',
  'networks',
  'solutions',
  'digital',
  'software',
  'controls',
  'products',
  'usa',
  'us',
  'america',
  'americas',
  'north',
  'europe',
  'global',
]);

/** Brands and former names, with the maker they belong to (both read as keys). */
const ALIAS_NAMES: readonly [string, string][] = [
  ['Allen-Bradley', 'Rockwell Automation'],
  ['Hangzhou Hikvision Digital Technology', 'Hikvision'],
  ['Hikvision Digital Technology', 'Hikvision'],
  ['Telemecanique', 'Schneider Electric'],
  ['GE', 'General Electric'],
  ['GE Digital', 'General Electric'],
];

const core = (name: string) => normaliseName(name).replace(LEGAL, ' ').replace(/\s+/g, ' ').trim();
const ALIASES = new Map(ALIAS_NAMES.map(([brand, maker]) => [core(brand), core(maker)]));

/** A maker's name as a key ("Siemens AG" → "siemens"); '' when nothing is left. */
export function vendorKey(name: string): string {
  const key = core(name);
  return ALIASES.get(key) ?? key;
}

/** The first word of a key: what the matcher indexes vendors by. */
export const vendorBucket = (key: string): string => key.split(' ', 1)[0] ?? '';

/**
 * Whether two makers' keys name the same maker: equal, or one the other followed only by
 * descriptive words ("schneider" and "schneider electric"; not "siemens" and "siemens
 * energy", nor "johnson controls" and "johnson electric").
 */
export function sameVendor(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (!long.startsWith(`${short} `)) return false;
  return long
    .slice(short.length + 1)
    .split(' ')
    .every((w) => DESCRIPTORS.has(w));
}
