/**
 * Reading a parsed CSAF document field by field: each accessor names the JSON path of what
 * it read, so the first problem found is refused with where it is
 * ("vulnerabilities[2].cve: "CVE-22-1" is not a CVE id").
 */

/** A CSAF document that cannot be read; the message names the path and the problem. */
export class CsafProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsafProblem';
  }
}

/** A parsed JSON object. */
export type Obj = Record<string, unknown>;

/** Refuses the document at `path`. */
export function refuse(path: string, message: string): never {
  throw new CsafProblem(`${path}: ${message}`);
}

/** Whether a value is a plain JSON object. */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path`; refused when it is missing or not an object. */
export function obj(value: unknown, path: string): Obj {
  if (!isObj(value)) refuse(path, value === undefined ? 'missing' : 'not an object');
  return value;
}

/** The object at `path`, or undefined when absent; refused when it is something else. */
export function optObj(value: unknown, path: string): Obj | undefined {
  return value === undefined || value === null ? undefined : obj(value, path);
}

/** The array at `path`, empty when absent; refused when it is something else. */
export function arr(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(path, 'not a list');
  return value;
}

/** The non-empty string at `path`; refused when missing, empty or not a string. */
export function str(value: unknown, path: string): string {
  if (typeof value !== 'string') refuse(path, value === undefined ? 'missing' : 'not text');
  if (!value.trim()) refuse(path, 'empty');
  return value.trim();
}

/** The string at `path`, or null when absent or empty; refused when it is not a string. */
export function optStr(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') refuse(path, 'not text');
  return value.trim() || null;
}

/** The strings of a list at `path` (product ids, say), each non-empty. */
export function strings(value: unknown, path: string): string[] {
  return arr(value, path).map((v, i) => str(v, `${path}[${i}]`));
}

/** The date (YYYY-MM-DD) of an ISO date-time at `path`; refused when it is not one. */
export function isoDate(value: unknown, path: string): string {
  const text = str(value, path);
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
  if (!match || Number.isNaN(Date.parse(match[1]!))) refuse(path, `"${shorten(text)}" is not an ISO date`);
  return match[1]!;
}

/** The optional date of an ISO date-time at `path`. */
export function optIsoDate(value: unknown, path: string): string | null {
  return value === undefined || value === null ? null : isoDate(value, path);
}

/** A value as it can be quoted in a message: one line, not too long. */
export function shorten(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
