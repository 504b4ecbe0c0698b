/**
 * Firmware version comparison as vendors write versions ("V4.5 SP1", "SV2.80", "R410.1",
 * "V5.5.800 build 210628", "15.2(6)E0a", "1.0.0-rc.1", "2.4a"), and affected ranges as
 * advisories write them: `vers:` strings and the vendors' own phrasings ("< V2.0",
 * "V4.5 SP1 and earlier", "All versions", "prior to V3.0", "from V2.0 before V2.3").
 */

/** A version read into comparable pieces: numbers, and words ranked by what they mean. */
export type Version = readonly (number | string)[];

/** Words that mark a version before its release: 1.0-rc.1 < 1.0. */
const PRE_RELEASE = new Set(['alpha', 'beta', 'rc', 'pre', 'preview', 'dev', 'snapshot', 'cr', 'ea']);
/** Words that join a version to what follows it in one piece ("V4.5 SP1", "3.2 build 7"). */
const JOINED = /(?<=[0-9a-z)])\s+(sp|service pack|build|update|upd|patch|hf|hotfix|rev|revision)\s*(?=\d)/gi;
/** What vendors put before the number ("V2.0", "SV2.80", "R410.1", "FW 1.2", "Version 3"). */
const PREFIX = /^(?:firmware|version|ver|rev|fw|sv|v|r)\s*\.?\s*(?=\d)/i;

/**
 * Reads a version, or null when it does not start with a number once the vendor's prefix
 * is taken off ("The first 5 digits of serial No." is no version).
 */
export function parseVersion(text: string): Version | null {
  const s = text.trim().replace(JOINED, '-$1').replace(PREFIX, '').toLowerCase();
  if (!/^\d/.test(s) || s.length > 100) return null;
  const parts: (number | string)[] = [];
  for (const m of s.matchAll(/\d+|[a-z]+/g)) {
    const t = m[0];
    parts.push(/^\d/.test(t) ? Number(t) : t);
  }
  return parts;
}

/** -1 pre-release word, 1 any other word; a number ranks 2 (4.5 build 3 < 4.5.1). */
const rank = (p: number | string) => (typeof p === 'number' ? 2 : PRE_RELEASE.has(p) ? -1 : 1);

/** Compares two read versions: negative when a is older, 0 when the same, positive when newer. */
export function compareParsed(a: Version, b: Version): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) {
      // One ended: what the other has left makes it older (a pre-release), the same (zeros)
      // or newer (anything else): 7.5.3.0 = 7.5.3, 1.0-rc1 < 1.0 < 1.0 SP1.
      const rest = x === undefined ? b.slice(i) : a.slice(i);
      const sign = x === undefined ? -1 : 1;
      if (rest.every((p) => p === 0)) return 0;
      const first = rest.find((p) => p !== 0)!;
      return rank(first) < 0 ? -sign : sign;
    }
    if (x === y) continue;
    const rx = rank(x);
    const ry = rank(y);
    if (rx !== ry) return rx - ry;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Compares two version strings; null when either is not a version. */
export function compareVersions(a: string, b: string): number | null {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x && y ? compareParsed(x, y) : null;
}

type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';
interface Constraint {
  op: Op;
  version: Version;
  text: string;
}
interface Interval {
  lower: Constraint | null;
  upper: Constraint | null;
}

/** A range read: every version, or intervals and exclusions. */
export type VersionRange =
  | { kind: 'all'; text: string }
  | { kind: 'intervals'; text: string; intervals: Interval[]; excluded: Version[] };

/** The vendor's words for a comparison, rewritten as one ("prior to V3.0" → "<V3.0"). */
const PHRASES: [RegExp, string][] = [
  [/\b(?:all\s+)?versions?\s+(?=[<>=!]|prior|before|earlier|below|from|up|through|starting|since)/g, ' '],
  [/\b(?:prior\s+to|before|earlier\s+than|lower\s+than|less\s+than|below|older\s+than)\s*/g, '<'],
  [/\b(?:later\s+than|greater\s+than|newer\s+than|after|above|higher\s+than)\s*/g, '>'],
  [/\b(?:from|starting\s+(?:with|from|at)|since)\s*/g, '>='],
  [/\b(?:up\s+to(?:\s+and\s+including)?|through|until)\s*/g, '<='],
  [/\s*\b(?:and|or)\s+(?:earlier|prior|older|below|lower|before)\b/g, ' ~le'],
  [/\s*\b(?:and|or)\s+(?:later|newer|above|higher|after)\b/g, ' ~ge'],
];

/** "V2.0 to V2.3", "2.0 - 2.3", "from 2.0 through 2.3": both ends included. */
const BETWEEN = /^(?:from\s+)?(\S*\d\S*)\s+(?:to|through|thru|-|–|up\s+to)\s+(\S*\d\S*)$/;

/**
 * Reads an affected range, or null when it cannot be read (the match is then "version
 * unknown", never "not affected"). A bare version means that version only.
 */
export function parseRange(text: string): VersionRange | null {
  const raw = text.trim();
  if (!raw || raw.length > 500) return null;
  let s = raw.toLowerCase();
  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/.exec(s);
  if (vers) s = vers[2]!.trim();
  if (/^(?:\*|all|all\s+versions?|any|alle\s+versionen)$/.test(s)) return { kind: 'all', text: raw };
  if (!vers) {
    // "V4.5 SP1" and "3.2 build 7" are one version each.
    s = s.replace(JOINED, '-$1').replace(/^(?:all\s+)?versions?\s+(?=\S*\d)/, '');
    const between = BETWEEN.exec(s);
    if (between) s = `>=${between[1]} <=${between[2]}`;
    else for (const [re, to] of PHRASES) s = s.replace(re, to);
  }
  const pieces = s
    .split(vers ? /\|/ : /\||,|;|\band\b|&|\s+(?=[<>!=])/)
    .map((p) => p.trim())
    .filter(Boolean);
  const constraints: Constraint[] = [];
  for (const piece of pieces) {
    // "V4.5 ~le" (and earlier), or "<= V4.5", or a bare version.
    const m = /^(<=|>=|!=|<|>|==|=)?\s*([^\s~]+)\s*(~le|~ge)?$/.exec(piece);
    if (!m) return null;
    const version = parseVersion(m[2]!);
    if (!version) return null;
    const op = (m[3] === '~le' ? '<=' : m[3] === '~ge' ? '>=' : m[1] === '==' ? '=' : (m[1] ?? '=')) as Op;
    constraints.push({ op, version, text: m[2]! });
  }
  if (constraints.length === 0) return null;
  // As `vers:` reads its constraints: a lower bound pairs with the upper bound after it.
  const intervals: Interval[] = [];
  const excluded: Version[] = [];
  let lower: Constraint | null = null;
  for (const c of constraints) {
    if (c.op === '!=') excluded.push(c.version);
    else if (c.op === '=') intervals.push({ lower: { ...c, op: '>=' }, upper: { ...c, op: '<=' } });
    else if (c.op === '>' || c.op === '>=') {
      if (lower) intervals.push({ lower, upper: null });
      lower = c;
    } else {
      intervals.push({ lower, upper: c });
      lower = null;
    }
  }
  if (lower) intervals.push({ lower, upper: null });
  return { kind: 'intervals', text: raw, intervals, excluded };
}

/** Whether a read version falls in a read range. */
export function inRange(v: Version, range: VersionRange): boolean {
  if (range.kind === 'all') return true;
  if (range.excluded.some((x) => compareParsed(v, x) === 0)) return false;
  return range.intervals.some(({ lower, upper }) => {
    if (lower) {
      const c = compareParsed(v, lower.version);
      if (c < 0 || (c === 0 && lower.op === '>')) return false;
    }
    if (upper) {
      const c = compareParsed(v, upper.version);
      if (c > 0 || (c === 0 && upper.op === '<')) return false;
    }
    return true;
  });
}

/** Whether a firmware version is in a range: yes, no, or unknown when either cannot be read. */
export function versionInRange(firmware: string | null, range: string | null): 'yes' | 'no' | 'unknown' {
  if (range === null) return 'unknown';
  const r = parseRange(range);
  if (!r) return 'unknown';
  if (r.kind === 'all') return 'yes';
  if (firmware === null) return 'unknown';
  const v = parseVersion(firmware);
  if (!v) return 'unknown';
  return inRange(v, r) ? 'yes' : 'no';
}
