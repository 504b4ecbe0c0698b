/**
 * A device's manufacturer and an advisory's vendor as one key: case, punctuation and legal
 * suffixes off ("Siemens AG" = "Siemens", "Digi International, Inc." = "Digi
 * International"), and the brands a maker sells under ("Allen-Bradley" is Rockwell
 * Automation). "Schneider" names "Schneider Electric": one key may be the first words of the other.
 */
import { normaliseName } from './product-name';

const LEGAL =
  /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|se|sa|sas|spa|bv|nv|ab|as|oy|kk|plc|pty|kg|group|holding|holdings)\b/g;

/** Brands and former names, by key, with the maker's key. */
const ALIASES: Record<string, string> = {
  'allen bradley': 'rockwell automation',
  'hangzhou hikvision digital technology': 'hikvision',
  'hikvision digital technology': 'hikvision',
  'schneider electric se': 'schneider electric',
  telemecanique: 'schneider electric',
  'ge digital': 'general electric',
  ge: 'general electric',
  'emerson electric': 'emerson',
  'honeywell international': 'honeywell',
  'mitsubishi electric': 'mitsubishi electric',
  'zebra technologies': 'zebra',
  'phoenix contact electronics': 'phoenix contact',
  'axis communications': 'axis',
  'moxa technologies': 'moxa',
};

/** A maker's name as a key ("Siemens AG" → "siemens"); '' when nothing is left. */
export function vendorKey(name: string): string {
  const core = normaliseName(name).replace(LEGAL, ' ').replace(/\s+/g, ' ').trim();
  return ALIASES[core] ?? core;
}

/** The first word of a key: what the matcher indexes vendors by. */
export const vendorBucket = (key: string): string => key.split(' ', 1)[0] ?? '';

/**
 * Whether two makers' keys name the same maker: equal, or one the first words of the
 * other ("schneider" and "schneider electric").
 */
export function sameVendor(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(`${short} `);
}
