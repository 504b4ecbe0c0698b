/**
 * `--json` output written in pieces: the same text as `JSON.stringify(value, null, 2)`, but a
 * list of thousands of rows is never one string of megabytes, nor copied whole into bytes for
 * the pipe. Fresh memory is what costs: on these machines a page touched for the first time
 * takes about 12 µs, and the 5,000-vendor list's 3 MB string, its copy with the last newline
 * and its bytes touched about 3,600 pages (about 1,300 in pieces). A list large enough would
 * also pass V8's longest string (about 512 MB) and fail outright.
 */

/** Arrays at least this long are written a batch of elements at a time. */
const STREAMED_LENGTH = 64;
/** Elements stringified at a time. */
const BATCH = 100;
/** Pieces are gathered up to about this many characters before one write (a batch may take it past). */
const PIECE_CHARS = 64 * 1024;

/** Writes `value` as `JSON.stringify(value, null, 2)` and a newline would, through `write` in pieces. */
export function writeJson(value: unknown, write: (text: string) => void): void {
  const pieces: string[] = [];
  let gathered = 0;
  const add = (text: string) => {
    pieces.push(text);
    gathered += text.length;
    if (gathered >= PIECE_CHARS) {
      write(pieces.join(''));
      pieces.length = 0;
      gathered = 0;
    }
  };
  emit(value, '', add);
  add('\n');
  if (pieces.length) write(pieces.join(''));
}

/** Emits `value` nested at `indent` (the indent of the line it starts on). */
function emit(value: unknown, indent: string, add: (text: string) => void): void {
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.length >= STREAMED_LENGTH && !hasToJson(value)) {
    // A batch of elements at a time, stringified nested as deep as the array is, so that
    // JSON.stringify itself writes each line's indent (indenting each element's text
    // afterwards took longer than the whole output did).
    const depth = indent.length / 2;
    const { before, after } = batchFrame(depth);
    add(`[\n${inner}`);
    for (let i = 0; i < value.length; i += BATCH) {
      if (i > 0) add(`,\n${inner}`);
      const text = JSON.stringify(nestIn(value.slice(i, i + BATCH), depth), null, 2);
      add(text.slice(before, text.length - after));
    }
    add(`\n${indent}]`);
    return;
  }
  if (isPlainObject(value)) {
    // Key by key, so that a long list inside (the `items` of a list) is streamed in turn.
    let first = true;
    for (const key of Object.keys(value)) {
      const field = value[key];
      const streamed = isPlainObject(field) || (Array.isArray(field) && field.length >= STREAMED_LENGTH);
      const text = streamed ? undefined : JSON.stringify(field, null, 2);
      if (!streamed && text === undefined) continue; // undefined, functions and symbols are left out
      add(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
      first = false;
      if (text === undefined) emit(field, inner, add);
      else add(nested(text, inner));
    }
    add(first ? '{}' : `\n${indent}}`);
    return;
  }
  add(nested(JSON.stringify(value, null, 2) ?? String(value), indent));
}

/** `batch` inside `depth` one-element arrays: stringified, its elements sit at the depth they have in the output. */
function nestIn(batch: unknown[], depth: number): unknown[] {
  let nested = batch;
  for (let d = 0; d < depth; d++) nested = [nested];
  return nested;
}

/** How many characters come before a nested batch's first element and after its last one. */
function batchFrame(depth: number): { before: number; after: number } {
  const frame = JSON.stringify(nestIn([0], depth), null, 2);
  const at = frame.lastIndexOf('0');
  return { before: at, after: frame.length - at - 1 };
}

/** Text stringified at the top level, moved in to `indent` (JSON text has newlines only between tokens). */
function nested(text: string, indent: string): string {
  return indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}

/** An object JSON.stringify writes as its own keys (not a Date, a Map or anything with toJSON). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !hasToJson(value);
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
