/**
 * "VSAQON", the JSON dialect of Google VSAQ templates. VSAQ's own loader
 * (vsaq.utils.vsaqonToJson) applies three regex replacements before JSON.parse:
 * it joins `"…" +\n "…"` string concatenations, turns `\xNN` escapes into `\u00NN`,
 * and drops whole-line `//` comments. The regexes also fire inside strings; this
 * scanner applies the same rules but knows where strings are, so text that merely
 * looks like a rule (a URL with `//`, an escaped backslash before `x`) is left alone.
 * Pure: no I/O, no eval.
 */
import { locateJsonError } from './json-locate';

/** Larger templates are refused: the biggest VSAQ template is about 120 kB. */
export const MAX_VSAQON_CHARS = 5_000_000;

/** A problem in the text, with the 1-based line and column in the original text. */
export class VsaqonError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'VsaqonError';
    this.line = line;
    this.column = column;
  }
}

interface Cleaned {
  /** The text without a BOM; positions refer to it. */
  text: string;
  json: string;
  /** Index in `text` of a character of `json`. */
  origin(index: number): number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** 1-based line and column of an index of `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(index, text.length));
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: end - lineStart + 1 };
}

function clean(input: string): Cleaned {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Output is built from runs of the input; each run remembers where it came from.
  const parts: string[] = [];
  const runs: { out: number; at: number }[] = [];
  let outLength = 0;
  const emit = (s: string, at: number) => {
    if (!s) return;
    parts.push(s);
    runs.push({ out: outLength, at });
    outLength += s.length;
  };
  const fail = (message: string, at: number): never => {
    const { line, column } = lineColumn(text, at);
    throw new VsaqonError(message, line, column);
  };
  const outside = /["/]/g;
  const inside = /["\\]/g;
  let i = 0;
  // Text from `copyFrom` up to `i` is still to be copied unchanged.
  let copyFrom = 0;
  const flush = () => {
    emit(text.slice(copyFrom, i), copyFrom);
  };
  while (i < text.length) {
    // Outside a string: skip to the next quote or comment.
    outside.lastIndex = i;
    const o = outside.exec(text);
    if (!o) break;
    i = o.index;
    if (o[0] === '/') {
      if (text[i + 1] !== '/') {
        i++;
        continue;
      }
      // A comment runs to the end of the line; the newline itself stays.
      flush();
      const nl = text.indexOf('\n', i);
      i = copyFrom = nl === -1 ? text.length : nl;
      continue;
    }
    // Inside a string, from its opening quote.
    const start = i++;
    for (;;) {
      inside.lastIndex = i;
      const m = inside.exec(text);
      if (!m) return fail('Unterminated string', start);
      i = m.index;
      if (m[0] === '\\') {
        const next = text[i + 1];
        if (next === undefined) return fail('Unterminated string', start);
        if (next === 'x') {
          const hex = text.slice(i + 2, i + 4);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('A \\x escape needs two hex digits', i);
          flush();
          emit(`\\u00${hex}`, i);
          copyFrom = i + 4;
        }
        i += next === 'x' ? 4 : 2;
        continue;
      }
      // `"abc" + "def"` (across lines too) is one string, as in JavaScript.
      let j = i + 1;
      while (isSpace(text[j])) j++;
      if (text[j] === '+') {
        j++;
        while (isSpace(text[j])) j++;
        if (text[j] === '"') {
          flush();
          i = copyFrom = j + 1;
          continue;
        }
      }
      i++;
      break;
    }
  }
  i = text.length;
  flush();
  const origin = (index: number) => {
    let lo = 0;
    let hi = runs.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]!.out <= index) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo]!;
    return Math.min(run.at + (index - run.out), text.length);
  };
  return { text, json: parts.join(''), origin };
}

/**
 * Applies VSAQ's clean-up rules and returns strict JSON text.
 * Throws {@link VsaqonError} for an unterminated string or a bad `\x` escape.
 */
export function vsaqonToJson(text: string): string {
  return clean(text).json;
}

/** Cleans up and parses VSAQON; a failure names the line and column of the original text. */
export function parseVsaqon(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof text !== 'string') return { ok: false, error: 'The template is not text' };
  if (text.length > MAX_VSAQON_CHARS)
    return { ok: false, error: `The template is too large (over ${MAX_VSAQON_CHARS} characters)` };
  let cleaned: Cleaned;
  try {
    cleaned = clean(text);
  } catch (e) {
    return { ok: false, error: `Not a VSAQ template: ${(e as Error).message}` };
  }
  if (cleaned.json.trim() === '') return { ok: false, error: 'Not a VSAQ template: the file is empty' };
  let value: unknown;
  try {
    value = JSON.parse(cleaned.json);
  } catch (e) {
    const found = locateJsonError(cleaned.json);
    if (!found) return { ok: false, error: `Not a VSAQ template: ${(e as Error).message}` };
    const source = cleaned.text;
    const index = found.index >= cleaned.json.length ? source.length : cleaned.origin(found.index);
    const { line, column } = lineColumn(source, index);
    const from = index - column + 1 + Math.max(0, column - 31);
    const excerpt = source
      .slice(from, index + 29)
      .split('\n', 1)[0]!
      .trim();
    const near = excerpt ? ` near "${excerpt}"` : '';
    return {
      ok: false,
      error: `Not a VSAQ template: line ${line}, column ${column}: ${found.message}${near}`,
    };
  }
  return { ok: true, value };
}
