/**
 * Reading an SBOM or VEX file's JSON as hostile input: the text's size and nesting are
 * checked before JSON.parse sees it (a deep file would otherwise overflow its recursion),
 * every string's length and every list's length after, each with the path of the first
 * value past a limit. The readers (cyclonedx.ts, spdx.ts, openvex.ts) take values through
 * the small accessors here, which name the path of the first value of the wrong kind.
 */

/** The largest file read, in characters of text. */
export const MAX_SBOM_CHARS = 50 * 1024 * 1024;
/** The deepest nesting of arrays and objects accepted. */
export const MAX_SBOM_DEPTH = 64;
/** The longest string value (or property name) accepted. */
export const MAX_SBOM_STRING = 64 * 1024;
/** The most components (CycloneDX, nested ones included) or packages (SPDX) read. */
export const MAX_SBOM_COMPONENTS = 50_000;
/** The most VEX statements read from one file. */
export const MAX_VEX_STATEMENTS = 50_000;
/** The most entries of any one array (products of a statement, refs of a package, …). */
export const MAX_SBOM_ARRAY = 200_000;

/** A file that cannot be read as an SBOM or VEX; the message names the first problem and where. */
export class SbomUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SbomUnreadable';
  }
}

/** Throws the first problem found. */
export function refuse(message: string): never {
  throw new SbomUnreadable(message);
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * Parses a file's text after checking its size and depth, then checks the length of every
 * string and array. A UTF-8 BOM is dropped.
 */
export function parseLimitedJson(text: string): Json {
  if (text.length > MAX_SBOM_CHARS) refuse(`The file is larger than ${MAX_SBOM_CHARS / (1024 * 1024)} MB.`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) refuse('The file is empty.');
  checkDepth(body);
  let value: Json;
  try {
    value = JSON.parse(body) as Json;
  } catch (error) {
    refuse(
      `The JSON is not valid or not complete: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  checkSizes(value);
  return value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Refuses text whose arrays and objects nest deeper than the limit (strings skipped). */
function checkDepth(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_SBOM_DEPTH)
        refuse(`The JSON is nested more than ${MAX_SBOM_DEPTH} levels deep (at character ${i + 1}).`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Refuses the first string or array past its limit, by path; no recursion, paths spelled only for a refusal. */
function checkSizes(root: Json): void {
  // Every value visited: its parent's index here and its key there, so a path is built only when needed.
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  const stack: { value: Json; at: number }[] = [{ value: root, at: 0 }];
  const pathOf = (at: number): string => {
    const parts: (string | number)[] = [];
    for (let i = at; i > 0; i = parents[i]!) parts.push(keys[i]!);
    return parts.reverse().join('.');
  };
  const visit = (value: Json, parent: number, key: string | number) => {
    parents.push(parent);
    keys.push(key);
    stack.push({ value, at: parents.length - 1 });
  };
  while (stack.length) {
    const { value, at } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > MAX_SBOM_STRING)
        refuse(
          `${where(pathOf(at))}: a text of ${value.length} characters is longer than ${MAX_SBOM_STRING}.`,
        );
    } else if (Array.isArray(value)) {
      if (value.length > MAX_SBOM_ARRAY)
        refuse(`${where(pathOf(at))}: a list of ${value.length} entries is longer than ${MAX_SBOM_ARRAY}.`);
      for (let i = value.length - 1; i >= 0; i--) visit(value[i]!, at, i);
    } else if (value !== null && typeof value === 'object') {
      const names = Object.keys(value);
      for (let i = names.length - 1; i >= 0; i--) {
        const key = names[i]!;
        if (key.length > MAX_SBOM_STRING)
          refuse(`${where(pathOf(at))}: a property name is longer than ${MAX_SBOM_STRING} characters.`);
        visit(value[key]!, at, key);
      }
    }
  }
}

/** A path one step further ("components.3.name"). */
export function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** A path as a message starts with it: the path, or "The file" at the top. */
export function where(path: string): string {
  return path || 'The file';
}

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object's property as an object, or null when absent; anything else is refused. */
export function optObject(parent: JsonObject, key: string, path: string): JsonObject | null {
  const v = parent[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) refuse(`${join(path, key)}: expected an object.`);
  return v;
}

/** An object's property as an array, or [] when absent; anything else is refused. */
export function optArray(parent: JsonObject, key: string, path: string): Json[] {
  const v = parent[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) refuse(`${join(path, key)}: expected a list.`);
  return v;
}

/** An object's property as a string, or null when absent or blank; anything else is refused. */
export function optString(parent: JsonObject, key: string, path: string): string | null {
  const v = parent[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') refuse(`${join(path, key)}: expected a text.`);
  return v.trim() || null;
}

/** An object's property as a non-blank string; absent, blank or anything else is refused. */
export function reqString(parent: JsonObject, key: string, path: string): string {
  const v = optString(parent, key, path);
  if (v === null) refuse(`${join(path, key)}: missing.`);
  return v;
}

/** An array entry as an object; anything else is refused. */
export function entryObject(value: Json, path: string): JsonObject {
  if (!isObject(value)) refuse(`${path}: expected an object.`);
  return value;
}

/** The date part of an ISO date-time ("2022-03-03T11:00:00Z" → "2022-03-03"), or null. */
export function isoDate(value: string | null): string | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(mo) - 1 ? m[0] : null;
}

const CVE = /^CVE-\d{4}-\d{4,}$/i;

/** A CVE id upper-cased, when the text is one. */
export function cveOf(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t && CVE.test(t) ? t.toUpperCase() : null;
}
