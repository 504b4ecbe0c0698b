/**
 * The first fixed version a remediation names, from the vendor's words ("Update to V2.0 or
 * later version", "Fixed in firmware version 2.26.2.4", "Firmware SV4.10 includes a fix")
 * or, failing that, from the versions of the products the advisory lists as fixed.
 */
import type { AdvisoryProduct } from './model';

/** A version as vendors write it: an optional letter prefix, digits, dotted or dashed parts. */
const VERSION = String.raw`((?:[A-Za-z]{1,2})?\d+(?:[._-][A-Za-z0-9]+)*(?:\s+SP\d+)?)`;

const PATTERNS: readonly RegExp[] = [
  // "Update to V2.0 or later version", "Upgrade firmware to version 4.2", "update to versions V5.001 and later"
  new RegExp(
    String.raw`\b(?:update|upgrade|migrate)\b[^.;:]{0,40}?\bto\s+(?:the\s+)?(?:(?:firmware|software)\s+)?(?:versions?\s+)?${VERSION}`,
    'i',
  ),
  // "Fixed in firmware version 2.26.2.4", "fixed in V3.1"
  new RegExp(String.raw`\bfixed\s+in\s+(?:(?:firmware|software)\s+)?(?:versions?\s+)?${VERSION}`, 'i'),
  // "Firmware SV4.10 includes a fix", "Version V2021 available", "version 1.4 or later"
  new RegExp(
    String.raw`\b(?:firmware|software|version|release)\s+${VERSION}\s+(?:or\s+later|and\s+later|or\s+newer|and\s+newer|includes|contains|fixes|resolves|is\s+available|available)`,
    'i',
  ),
  // "V2.4 or later"
  new RegExp(String.raw`${VERSION}\s+(?:or|and)\s+(?:later|newer|higher|above)`, 'i'),
];

/** The version the remediation's words name as the fix, or null. */
export function fixedVersionFromText(details: string): string | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(details);
    if (match?.[1] && /\d/.test(match[1])) return match[1].replace(/\s+/g, ' ');
  }
  return null;
}

/**
 * The fixed version of a remediation for `productIds`: from its words when they are for one
 * product, else the version of a product the vulnerability lists as fixed that is one of
 * them or has the same vendor and name as one of them.
 */
export function fixedVersionOf(
  details: string,
  productIds: readonly string[],
  fixedIds: readonly string[],
  byId: ReadonlyMap<string, AdvisoryProduct>,
): string | null {
  const named = new Set<string>();
  for (const id of productIds) {
    const p = byId.get(id);
    if (p) named.add(`${p.vendor}\u0000${p.name}`);
  }
  // The words of a remediation for several products ("CT50: update to 4.01; CT60: release
  // 84.00.11") name the first product's version, not necessarily this one's.
  const fromText = named.size <= 1 ? fixedVersionFromText(details) : null;
  if (fromText) return fromText;
  if (!fixedIds.length) return null;
  for (const id of fixedIds) {
    const p = byId.get(id);
    if (p?.version && (productIds.includes(id) || named.has(`${p.vendor}\u0000${p.name}`))) return p.version;
  }
  return null;
}
