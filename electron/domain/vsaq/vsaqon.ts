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
  json: string;
  /** For each character of `json`, its index in the original text. */
  origin: number[];
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** 1-based line and column of an index of `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(index, text.length);
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function clean(input: string): Cleaned {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const offset = text.length === input.length ? 0 : 1;
  const out: string[] = [];
  const origin: number[] = [];
  const emit = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]!);
      origin.push(at + offset);
    }
  };
  const fail = (message: string, at: number): never => {
    const { line, column } = lineColumn(text, at);
    throw new VsaqonError(message, line, column);
  };
  let i = 0;
  let inString = false;
  let stringStart = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (!inString) {
      if (c === '/' && text[i + 1] === '/') {
        // A comment runs to the end of the line; the newline itself stays.
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      if (c === '"') {
        inString = true;
        stringStart = i;
      }
      emit(c, i);
      i++;
      continue;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === 'x') {
        const hex = text.slice(i + 2, i + 4);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('A \\x escape needs two hex digits', i);
        emit(`\\u00${hex}`, i);
        i += 4;
      } else if (next === undefined) {
        fail('Unterminated string', stringStart);
      } else {
        emit(c + next, i);
        i += 2;
      }
      continue;
    }
    if (c === '"') {
      // `"abc" + "def"` (across lines too) is one string, as in JavaScript.
      let j = i + 1;
      while (isSpace(text[j])) j++;
      if (text[j] === '+') {
        j++;
        while (isSpace(text[j])) j++;
        if (text[j] === '"') {
          i = j + 1;
          continue;
        }
      }
      inString = false;
    }
    emit(c, i);
    i++;
  }
  if (inString) fail('Unterminated string', stringStart);
  return { json: out.join(''), origin };
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
    const index = cleaned.origin[found.index] ?? text.length;
    const { line, column } = lineColumn(text, index);
    const lineText = text.slice(index - column + 1).split('\n', 1)[0]!;
    const excerpt = lineText.slice(Math.max(0, column - 31), column + 29).trim();
    const near = excerpt ? ` near "${excerpt}"` : '';
    return {
      ok: false,
      error: `Not a VSAQ template: line ${line}, column ${column}: ${found.message}${near}`,
    };
  }
  return { ok: true, value };
}
