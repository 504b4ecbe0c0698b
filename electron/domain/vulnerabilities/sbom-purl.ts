/**
 * The name and version a package URL carries ("pkg:maven/org.webjars.npm/xlsx@0.16.6" →
 * xlsx, 0.16.6), for VEX products named only by their purl.
 */
import type { VexProduct } from './model';

/** The name and version of a purl, or null when the text is not one. */
export function purlParts(purl: string): { type: string; name: string; version: string | null } | null {
  const m = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/+([^?#]+)/.exec(purl.trim());
  if (!m) return null;
  const path = m[2]!;
  const at = path.lastIndexOf('@');
  // An '@' inside the last segment marks the version; one in a namespace ("@angular") does not.
  const slash = path.lastIndexOf('/');
  const hasVersion = at > slash;
  const namePath = hasVersion ? path.slice(0, at) : path;
  const rawName = namePath.slice(namePath.lastIndexOf('/') + 1);
  const name = decode(rawName);
  if (!name) return null;
  return { type: m[1]!.toLowerCase(), name, version: hasVersion ? decode(path.slice(at + 1)) || null : null };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The VEX product a purl names (its name and version taken from it), or null when the text is not a purl. */
export function vexProductOfPurl(purl: string): VexProduct | null {
  const parts = purlParts(purl);
  return parts ? { purl: purl.trim(), cpe: null, name: parts.name, version: parts.version } : null;
}
