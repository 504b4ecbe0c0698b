/**
 * JSON device inventories read a piece of text at a time: finds the records (one object
 * per device) and hands each to the caller parsed, refusing a file that nests too deep,
 * holds a record too long, or is not valid JSON while it is read, so that a file of any
 * size is read without holding it whole and without recursion.
 *
 * The shapes, decided from the first non-whitespace character and what follows it:
 * - array: `[{…},{…}]`; each element is a record, row = its 1-based index. An element
 *   that is not an object is a bad record ("not an object").
 * - lines (JSON Lines, NDJSON): one object per line, row = the line number. A line that is
 *   not valid JSON or not an object is a bad record, unless no line is an object.
 * - wrapped: one object holding the records in an array, as API exports do
 *   (`{"status":"ok","devices":[…]}`, `{"response":[…]}`, `{"Devices":[…]}`). The records
 *   array is the first property of the object whose value is an array whose first element
 *   is an object; row = index in that array. When no property qualifies but one named like
 *   a list of records (devices, data, results, …) holds an empty array, the object is a
 *   wrapper with no records.
 * - object: one object with no such array is itself the only record (row 1).
 *
 * Lines or one object, for text that starts with `{`: the text is JSON Lines when its first
 * object ends on the line it starts on, is no longer than a record may be, and more text
 * follows it (on a later line, or garbage on the same one, which is then a bad line).
 * Otherwise it is one object (wrapped or not), and any text after it is an error. So a
 * pretty-printed object is one object, a compact one-line API export alone in its file is
 * one object, and `{"a":1}\n{"a":2}` is JSON Lines.
 *
 * Limits, counted on the text as it is read (nothing in the file is trusted): nesting
 * deeper than MAX_JSON_DEPTH (the array or wrapper around the records counts), a record
 * (or line, or other value) longer than MAX_JSON_RECORD_CHARS characters. Each is fatal, as
 * is text that is not valid JSON where the structure around the records is expected. A
 * record's text is given to JSON.parse only once its depth is known to be within the limit.
 *
 * Memory: the text of the value being read (at most one record, plus the piece it ends
 * in); while a `{` file might still be one object or JSON Lines, its first object (at most
 * a record's length) is kept too.
 *
 * The parsed records are returned as JSON.parse makes them: a `__proto__` key is an own
 * property of the record, never its prototype. A BOM is the caller's to remove.
 */

/** The deepest nesting of arrays and objects accepted, counting every level of the file. */
export const MAX_JSON_DEPTH = 64;

/** The longest record (or JSON Lines line) accepted, in characters of text. */
export const MAX_JSON_RECORD_CHARS = 4 * 1024 * 1024;

const LIMIT_TEXT = `${MAX_JSON_RECORD_CHARS / (1024 * 1024)} MB`;
const INVALID = 'The JSON is not valid or not complete: ';

/** A JSON inventory that cannot be read; the message says why and where, in one sentence. */
export class JsonUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonUnreadable';
  }
}

/** Where the scanner puts what it finds, in file order. */
export interface JsonRecordSink {
  /** A record: an object, as JSON.parse made it. */
  record(row: number, value: Record<string, unknown>): void;
  /** A record that is not one: an array element that is not an object, a line that is not an object. */
  bad(row: number, reason: string): void;
}

/** How the records are laid out in the file (see the module comment). */
export type JsonShape = 'array' | 'lines' | 'wrapped' | 'object';

/** What a whole file held. */
export interface JsonScanSummary {
  shape: JsonShape;
  /** The wrapper's property that holds the records (shape "wrapped"), otherwise null. */
  path: string | null;
  /** How many records went to the sink. */
  records: number;
  /** How many bad records went to the sink. */
  bad: number;
}

/** Reads one JSON inventory fed a piece at a time. After it throws, every call throws the same error. */
export interface JsonRecordScanner {
  /** Feeds the next piece of text; throws JsonUnreadable as soon as the text so far cannot be read. */
  push(text: string): void;
  /**
   * Ends the input and says what it held; throws JsonUnreadable if it ended inside a value,
   * held nothing, or (JSON Lines) had no line that is an object, whose bad lines the sink
   * has then already had.
   */
  end(): JsonScanSummary;
}

/** A scanner that sends the records of the text pushed into it to `sink`. */
export function createJsonRecordScanner(sink: JsonRecordSink): JsonRecordScanner {
  return new RecordScanner(sink);
}

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

// Property names under which an empty array is taken for an empty list of records.
const LIST_NAMES = new Set(['devices', 'response', 'data', 'results', 'result', 'items', 'records', 'value']);

function fail(message: string): never {
  throw new JsonUnreadable(message);
}

function isWhitespace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

/** A character for a message: `"x"`, or its code point when it does not print. */
function describe(s: string, i: number): string {
  const c = s.codePointAt(i) ?? 0;
  if (c === QUOTE) return 'a quote (")';
  if (c > SPACE && c !== 127 && !(c >= 0x80 && c < 0xa0)) return `"${String.fromCodePoint(c)}"`;
  return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A property name for a message, quoted and kept short. */
function quoted(name: string | null): string {
  const text = name ?? '';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Index just past the quote that closes a string whose text starts at `from`, or -1. */
function stringEnd(s: string, from: number): number {
  let i = from;
  for (;;) {
    const j = s.indexOf('"', i);
    if (j === -1) return -1;
    let k = j - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    i = j + 1;
  }
}

/** A string that may go on in the next piece: inside it, and after an unpaired backslash. */
class StringSkip {
  open = false;
  private escaped = false;

  start(): void {
    this.open = true;
    this.escaped = false;
  }

  /** Index just past the closing quote, or -1 when the piece ends first; `i` is inside the string. */
  skip(s: string, i: number): number {
    if (this.escaped) {
      if (i >= s.length) return -1;
      i++;
      this.escaped = false;
    }
    const end = stringEnd(s, i);
    if (end >= 0) {
      this.open = false;
      return end;
    }
    this.open = true;
    let k = s.length - 1;
    while (k >= i && s.charCodeAt(k) === BACKSLASH) k--;
    this.escaped = (s.length - 1 - k) % 2 === 1;
    return -1;
  }
}

/** Line and column (1-based) of places in the pieces, counted forwards as they are asked for. */
class Cursor {
  private text = '';
  private index = 0;
  private line = 1;
  private column = 1;
  private nextBreak = -1;
  private startLine = 1;
  private startColumn = 1;

  /** Starts the piece that follows the current one. */
  next(text: string): void {
    this.moveTo(this.text.length);
    this.begin(text, this.line, this.column);
  }

  /** Starts a text whose first character is at this line and column. */
  begin(text: string, line: number, column: number): void {
    this.text = text;
    this.index = 0;
    this.line = this.startLine = line;
    this.column = this.startColumn = column;
    this.nextBreak = text.indexOf('\n');
  }

  /** Where the current text starts. */
  start(): { line: number; column: number } {
    return { line: this.startLine, column: this.startColumn };
  }

  /** Where index `k` of the current text is. */
  at(k: number): { line: number; column: number } {
    if (k < this.index) this.begin(this.text, this.startLine, this.startColumn);
    this.moveTo(k);
    return { line: this.line, column: this.column };
  }

  private moveTo(k: number): void {
    while (this.nextBreak !== -1 && this.nextBreak < k) {
      this.line++;
      this.column = 1;
      this.index = this.nextBreak + 1;
      this.nextBreak = this.text.indexOf('\n', this.index);
    }
    this.column += k - this.index;
    this.index = k;
  }
}

/** The sink, counting. */
class Counter {
  records = 0;
  bad = 0;

  constructor(private readonly sink: JsonRecordSink) {}

  record(row: number, value: Record<string, unknown>): void {
    this.records++;
    this.sink.record(row, value);
  }

  problem(row: number, reason: string): void {
    this.bad++;
    this.sink.bad(row, reason);
  }
}

// Where the structured reader is, outside the values it captures.
const VALUE_OR_CLOSE = 0; // just after "[" of the top array
const VALUE = 1; // after "," in the records array (the top array or the wrapper's)
const COMMA_OR_CLOSE = 2; // after a value, in the records array or the wrapper
const KEY_OR_CLOSE = 3; // just after "{" of the wrapper
const KEY = 4; // after "," in the wrapper
const AWAIT_COLON = 5; // after a property name
const PROPERTY_VALUE = 6; // after ":" in the wrapper
const CANDIDATE = 7; // after "[" of a wrapper's property: records, or another value?
const END = 8; // after the top value
const CAPTURE = 9; // inside a value, keeping its text
const OPEN = 10; // before the top bracket

// What the captured value is.
const RECORD = 0;
const NAME = 1; // a wrapper's property name
const OTHER = 2; // a wrapper's property that is not the records

// How the captured value ends.
const CONTAINER = 0;
const STRING = 1;
const SCALAR = 2;

/**
 * The array and wrapped shapes (and one object): a small grammar for the levels around
 * the records, and each value inside them captured whole (its end found by counting
 * brackets outside strings) and then parsed.
 */
class Structured {
  private stage: number;
  private path: string | null = null;
  private emptyPath: string | null = null;
  private inRecords: boolean;
  private row = 0;
  private key: string | null = null;

  // The value being captured.
  private kind = RECORD;
  private type = CONTAINER;
  private depth = 0;
  private base = 0;
  private parts: string[] = [];
  private length = 0;
  private start = 0;
  private startLine = 1;
  private startColumn = 1;
  private readonly string = new StringSkip();

  // A wrapper property's "[" (index in the current piece, -1 if in an earlier one).
  private candidateIndex = -1;
  private candidateLine = 1;
  private candidateColumn = 1;

  // The top object's text, while it may be the only record, and where it starts.
  private whole: string[] | null;
  private topLine = 1;
  private topColumn = 1;
  private wholeLength = 0;
  private wholeStart = 0;

  constructor(
    private readonly out: Counter,
    private readonly cursor: Cursor,
    private readonly top: 'array' | 'object',
  ) {
    this.stage = OPEN;
    this.inRecords = top === 'array';
    this.whole = top === 'object' ? [] : null;
  }

  /** Reads s from index `from` (the opening bracket, on the first call). */
  feed(s: string, from: number): void {
    const n = s.length;
    let i = from;
    if (this.stage === CAPTURE) this.start = from;
    if (this.stage === CANDIDATE) this.candidateIndex = -1;
    this.wholeStart = from;
    for (;;) {
      if (this.stage === CAPTURE) {
        const end = this.scan(s, i);
        if (end < 0) break;
        this.captured(s, end);
        i = end;
        continue;
      }
      while (i < n && isWhitespace(s.charCodeAt(i))) i++;
      if (i >= n) break;
      i = this.step(s, i);
    }
    if (this.stage === CAPTURE) {
      this.length += n - this.start;
      if (this.length > MAX_JSON_RECORD_CHARS) this.tooLong();
      this.parts.push(s.slice(this.start));
      this.start = 0;
    }
    if (this.whole !== null) {
      this.wholeLength += n - this.wholeStart;
      if (this.wholeLength > MAX_JSON_RECORD_CHARS) this.whole = null;
      else this.whole.push(s.slice(this.wholeStart));
    }
  }

  /** What the file held; throws if it ended inside the top value. */
  end(): { shape: JsonShape; path: string | null } {
    if (this.stage === CAPTURE)
      fail(`${INVALID}the file ends ${this.string.open ? 'inside a string ' : ''}${this.where()}.`);
    if (this.stage !== END) {
      const what = this.inRecords || this.stage === CANDIDATE ? 'array' : 'object';
      fail(`${INVALID}the file ends before the ${what} is closed (${this.context()}).`);
    }
    if (this.top === 'array') return { shape: 'array', path: null };
    if (this.path !== null || this.emptyPath !== null)
      return { shape: 'wrapped', path: this.path ?? this.emptyPath };
    return { shape: 'object', path: null };
  }

  /** Reads the structure at s[i] (not whitespace); the index to go on from. */
  private step(s: string, i: number): number {
    const c = s.charCodeAt(i);
    switch (this.stage) {
      case OPEN: {
        // The caller has seen the top bracket: feed starts at it.
        const p = this.cursor.at(i);
        this.topLine = p.line;
        this.topColumn = p.column;
        this.stage = this.top === 'array' ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
        return i + 1;
      }
      case VALUE_OR_CLOSE:
      case VALUE:
        if (c === CLOSE_BRACKET && this.stage === VALUE_OR_CLOSE) return this.closeArray(i);
        if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === COLON)
          this.unexpected(s, i, 'a record');
        this.row++;
        return this.begin(RECORD, s, i, this.top === 'array' ? 1 : 2);
      case COMMA_OR_CLOSE:
        if (c === COMMA) {
          this.stage = this.inRecords ? VALUE : KEY;
          return i + 1;
        }
        if (this.inRecords) {
          if (c !== CLOSE_BRACKET) this.unexpected(s, i, '"," or "]"');
          return this.closeArray(i);
        }
        if (c !== CLOSE_BRACE) this.unexpected(s, i, '"," or "}"');
        return this.closeObject(s, i);
      case KEY_OR_CLOSE:
      case KEY:
        if (c === CLOSE_BRACE && this.stage === KEY_OR_CLOSE) return this.closeObject(s, i);
        if (c !== QUOTE) this.unexpected(s, i, 'a property name');
        return this.begin(NAME, s, i, 1);
      case AWAIT_COLON:
        if (c !== COLON) this.unexpected(s, i, '":"');
        this.stage = PROPERTY_VALUE;
        return i + 1;
      case PROPERTY_VALUE:
        if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === COLON)
          this.unexpected(s, i, 'a value');
        if (c === OPEN_BRACKET && this.path === null) {
          this.stage = CANDIDATE;
          this.candidateIndex = i;
          const p = this.cursor.at(i);
          this.candidateLine = p.line;
          this.candidateColumn = p.column;
          return i + 1;
        }
        return this.begin(OTHER, s, i, 1);
      case CANDIDATE:
        return this.candidate(s, i);
      default:
        return this.trailing(s, i);
    }
  }

  /** The first element of an array property: the records, an empty array, or another value. */
  private candidate(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c === OPEN_BRACE) {
      this.path = this.key;
      this.inRecords = true;
      this.whole = null;
      this.row = 1;
      return this.begin(RECORD, s, i, 2);
    }
    if (c === CLOSE_BRACKET) {
      if (this.emptyPath === null && LIST_NAMES.has((this.key ?? '').toLowerCase()))
        this.emptyPath = this.key;
      this.stage = COMMA_OR_CLOSE;
      return i + 1;
    }
    if (c === COMMA || c === CLOSE_BRACE || c === COLON) this.unexpected(s, i, 'a value');
    // Another value: capture the whole array, from its "[".
    if (this.candidateIndex >= 0) {
      const at = this.candidateIndex;
      this.begin(OTHER, s, at, 1);
      this.startLine = this.candidateLine;
      this.startColumn = this.candidateColumn;
      return at;
    }
    // Its "[" was in an earlier piece: capture from here, after a "[" of our own.
    this.begin(OTHER, s, i, 1);
    this.type = CONTAINER;
    this.string.open = false;
    this.base = 1;
    this.depth = 2;
    this.parts.push('[');
    this.length = 1;
    this.startColumn--;
    return i;
  }

  private closeArray(i: number): number {
    if (this.top === 'array') this.stage = END;
    else {
      this.inRecords = false;
      this.stage = COMMA_OR_CLOSE;
    }
    return i + 1;
  }

  private closeObject(s: string, i: number): number {
    const whole = this.whole;
    this.whole = null;
    if (this.path === null && this.emptyPath === null) {
      // No records array: the object is the only record.
      this.row = 1;
      this.kind = RECORD;
      if (whole === null || this.wholeLength + i + 1 - this.wholeStart > MAX_JSON_RECORD_CHARS)
        this.tooLong();
      whole.push(s.slice(this.wholeStart, i + 1));
      this.startLine = this.topLine;
      this.startColumn = this.topColumn;
      this.deliver(whole.join(''));
    }
    this.stage = END;
    return i + 1;
  }

  private trailing(s: string, i: number): never {
    const p = this.cursor.at(i);
    fail(
      `${INVALID}there is more text after the end of the ${this.top}: ${describe(s, i)} at line ${p.line}, column ${p.column}.`,
    );
  }

  /** Starts capturing the value at s[i], inside `depth` levels; the index to scan from. */
  private begin(kind: number, s: string, i: number, depth: number): number {
    this.kind = kind;
    this.stage = CAPTURE;
    this.start = i;
    this.parts = [];
    this.length = 0;
    const p = this.cursor.at(i);
    this.startLine = p.line;
    this.startColumn = p.column;
    const c = s.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.type = CONTAINER;
      this.depth = depth;
      this.base = depth;
      return i;
    }
    if (c === QUOTE) {
      this.type = STRING;
      this.string.start();
      return i + 1;
    }
    this.type = SCALAR;
    return i + 1;
  }

  /** Index just past the end of the captured value, or -1 when the piece ends first. */
  private scan(s: string, i: number): number {
    const n = s.length;
    if (this.type === STRING) return this.string.skip(s, i);
    if (this.type === SCALAR) {
      while (i < n) {
        const c = s.charCodeAt(i);
        if (
          isWhitespace(c) ||
          c === COMMA ||
          c === CLOSE_BRACKET ||
          c === CLOSE_BRACE ||
          c === COLON ||
          c === QUOTE ||
          c === OPEN_BRACKET ||
          c === OPEN_BRACE
        )
          return i;
        i++;
      }
      return -1;
    }
    if (this.string.open) {
      i = this.string.skip(s, i);
      if (i < 0) return -1;
    }
    let depth = this.depth;
    const base = this.base;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        i = this.string.skip(s, i + 1);
        if (i < 0) break;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth > MAX_JSON_DEPTH) this.tooDeep();
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === base) {
          this.depth = depth;
          return i + 1;
        }
      }
      i++;
    }
    this.depth = depth;
    return -1;
  }

  /** The captured value ends at s[end - 1]. */
  private captured(s: string, end: number): void {
    this.length += end - this.start;
    if (this.length > MAX_JSON_RECORD_CHARS) this.tooLong();
    const last = s.slice(this.start, end);
    let text = last;
    if (this.parts.length > 0) {
      this.parts.push(last);
      text = this.parts.join('');
      this.parts = [];
    }
    this.length = 0;
    if (this.kind === RECORD) {
      this.deliver(text);
    } else if (this.kind === NAME) {
      this.key = this.parse(text) as string;
      this.stage = AWAIT_COLON;
    } else {
      this.parse(text);
      this.stage = COMMA_OR_CLOSE;
    }
  }

  private deliver(text: string): void {
    const value = this.parse(text);
    if (isObject(value)) this.out.record(this.row, value);
    else this.out.problem(this.row, 'not an object');
    this.stage = COMMA_OR_CLOSE;
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const message = errorMessage(error);
      // V8 says where in the value; say where in the file.
      const placed = message.replace(
        / in JSON at position \d+ \(line (\d+) column (\d+)\)/,
        (_match, line: string, column: string) => {
          const l = Number(line);
          const at = l === 1 ? this.startColumn + Number(column) - 1 : Number(column);
          return ` at line ${this.startLine + l - 1}, column ${at}`;
        },
      );
      if (placed !== message) fail(`${INVALID}${placed} (${this.where()}).`);
      fail(
        `${INVALID}${message} (${this.where()}, which starts at line ${this.startLine}, column ${this.startColumn}).`,
      );
    }
  }

  /** The captured value, for a message: "in record 3". */
  private where(): string {
    if (this.kind === RECORD) return `in record ${this.row}`;
    if (this.kind === NAME) return 'in a property name';
    return `in the ${quoted(this.key)} property`;
  }

  /** Where the reader is between values, for a message: "after record 3". */
  private context(): string {
    if (this.inRecords) return this.row === 0 ? 'at the start of the array' : `after record ${this.row}`;
    if (this.stage === CANDIDATE) return `in the ${quoted(this.key)} property`;
    return this.key === null ? 'at the start of the object' : `after ${quoted(this.key)}`;
  }

  private unexpected(s: string, i: number, expected: string): never {
    const p = this.cursor.at(i);
    fail(
      `${INVALID}expected ${expected} ${this.context()} but found ${describe(s, i)} at line ${p.line}, column ${p.column}.`,
    );
  }

  private tooDeep(): never {
    fail(`The JSON is nested more than ${MAX_JSON_DEPTH} levels deep (${this.where()}).`);
  }

  private tooLong(): never {
    if (this.kind === RECORD) fail(`Record ${this.row} is longer than ${LIMIT_TEXT}.`);
    if (this.kind === NAME) fail(`A property name is longer than ${LIMIT_TEXT}.`);
    fail(`The ${quoted(this.key)} property is longer than ${LIMIT_TEXT}.`);
  }
}

/** Whether a complete line nests deeper than the limit (before the first place it stops being JSON). */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i + 1);
      if (i < 0) return false;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      // A close with nothing open: JSON.parse stops there, at most this deep.
      if (--depth < 0) return false;
    }
    i++;
  }
  return false;
}

const BLANK = /^[ \t\r]*$/;

/** JSON Lines: each line read whole, checked for depth, then parsed. */
class Lines {
  private parts: string[] = [];
  private length = 0;
  private firstProblem: string | null = null;

  constructor(
    private readonly out: Counter,
    private line: number,
  ) {}

  feed(s: string, from: number): void {
    const n = s.length;
    let i = from;
    while (i < n) {
      const j = s.indexOf('\n', i);
      const stop = j === -1 ? n : j;
      if (this.length + stop - i > MAX_JSON_RECORD_CHARS)
        fail(`Line ${this.line} is longer than ${LIMIT_TEXT}.`);
      if (j === -1) {
        this.parts.push(s.slice(i));
        this.length += n - i;
        return;
      }
      this.take(s.slice(i, j));
      this.line++;
      i = j + 1;
    }
  }

  /** Ends the current line and skips `count - 1` blank ones. */
  newlines(count: number): void {
    this.take('');
    this.line += count;
  }

  end(): void {
    if (this.length > 0) this.take('');
    if (this.out.records === 0 && this.firstProblem !== null)
      fail(`No line of the file is a JSON object (${this.firstProblem}).`);
  }

  private take(last: string): void {
    let text = last;
    if (this.parts.length > 0) {
      this.parts.push(last);
      text = this.parts.join('');
      this.parts = [];
    }
    this.length = 0;
    if (BLANK.test(text)) return;
    if (nestsTooDeep(text))
      fail(`The JSON is nested more than ${MAX_JSON_DEPTH} levels deep (on line ${this.line}).`);
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      this.problem(`not valid JSON (${errorMessage(error)})`);
      return;
    }
    if (isObject(value)) this.out.record(this.line, value);
    else this.problem('not an object');
  }

  private problem(reason: string): void {
    this.firstProblem ??= `line ${this.line}: ${reason}`;
    this.out.problem(this.line, reason);
  }
}

/**
 * Decides the shape, then hands the text to the reader for it. Text that starts with "{"
 * is kept (its first object, up to a record's length) until it is known to be JSON Lines
 * or one object, and then read again by the reader chosen.
 */
class RecordScanner implements JsonRecordScanner {
  private mode: 'start' | 'probe' | 'after' | 'structured' | 'lines' | 'ended' = 'start';
  private readonly out: Counter;
  private readonly cursor = new Cursor();
  private failure: unknown = null;

  // The first object of a "{" file, while the shape is not known.
  private probeDepth = 0;
  private readonly probeString = new StringSkip();
  private probeParts: string[] = [];
  private probeLength = 0;
  private probeLine = 1;
  private probeColumn = 1;
  private probeText = '';
  private newlinesAfter = 0;
  private spacesAfter = 0; // on the first object's line

  private structured: Structured | null = null;
  private lines: Lines | null = null;

  constructor(sink: JsonRecordSink) {
    this.out = new Counter(sink);
  }

  push(text: string): void {
    this.guard(() => this.take(text));
  }

  end(): JsonScanSummary {
    const summary = this.guard(() => this.finish());
    this.mode = 'ended';
    return summary;
  }

  private guard<T>(work: () => T): T {
    if (this.failure !== null) throw this.failure;
    if (this.mode === 'ended') throw new Error('The JSON scanner has already ended.');
    try {
      return work();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private take(s: string): void {
    if (s.length === 0) return;
    if (this.mode !== 'lines') this.cursor.next(s);
    switch (this.mode) {
      case 'start':
        return this.first(s);
      case 'probe':
        return this.probe(s, 0);
      case 'after':
        return this.after(s, 0);
      case 'structured':
        return this.structured!.feed(s, 0);
      case 'lines':
        return this.lines!.feed(s, 0);
    }
  }

  private first(s: string): void {
    let i = 0;
    while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
    if (i === s.length) return;
    const c = s.charCodeAt(i);
    if (c === OPEN_BRACKET) {
      this.mode = 'structured';
      this.structured = new Structured(this.out, this.cursor, 'array');
      this.structured.feed(s, i);
      return;
    }
    const p = this.cursor.at(i);
    if (c !== OPEN_BRACE)
      fail(
        `The JSON must be an array of objects, one object per line, or an object; this file starts with ${describe(s, i)} at line ${p.line}, column ${p.column}.`,
      );
    this.mode = 'probe';
    this.probeLine = p.line;
    this.probeColumn = p.column;
    this.probe(s, i);
  }

  /** Reads the first object of a "{" file, from s[from], to learn whether it is one line. */
  private probe(s: string, from: number): void {
    const end = this.probeScan(s, from);
    if (end === -1) {
      if (this.probeLength + s.length - from > MAX_JSON_RECORD_CHARS) return this.toStructured(s, from);
      this.probeParts.push(s.slice(from));
      this.probeLength += s.length - from;
      return;
    }
    if (end === -2 || this.probeLength + end - from > MAX_JSON_RECORD_CHARS)
      return this.toStructured(s, from);
    this.probeParts.push(s.slice(from, end));
    this.probeText = this.probeParts.join('');
    this.probeParts = [];
    this.mode = 'after';
    this.after(s, end);
  }

  /**
   * Index just past the first object, -1 when the piece ends inside it, -2 when it goes on
   * to another line or nests too deep (either way, not a line of JSON Lines).
   */
  private probeScan(s: string, i: number): number {
    const n = s.length;
    if (this.probeString.open) {
      i = this.probeString.skip(s, i);
      if (i < 0) return -1;
    }
    let depth = this.probeDepth;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        i = this.probeString.skip(s, i + 1);
        if (i < 0) break;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth > MAX_JSON_DEPTH) return -2;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      } else if (c === LF || c === CR) return -2;
      i++;
    }
    this.probeDepth = depth;
    return -1;
  }

  /** After a one-line first object: whitespace to the end means one object; anything else, JSON Lines. */
  private after(s: string, i: number): void {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === LF) this.newlinesAfter++;
      else if (c !== SPACE && c !== TAB && c !== CR) break;
      else if (this.newlinesAfter === 0) this.spacesAfter++;
    }
    if (i === n) return;
    this.mode = 'lines';
    const lines = new Lines(this.out, this.probeLine);
    this.lines = lines;
    lines.feed(this.probeText, 0);
    this.probeText = '';
    if (this.newlinesAfter > 0) lines.newlines(this.newlinesAfter);
    else lines.feed(' '.repeat(Math.min(this.spacesAfter, MAX_JSON_RECORD_CHARS + 1)), 0);
    lines.feed(s, i);
  }

  /** One object after all: reads the kept text again, then s from `from`. */
  private toStructured(s: string, from: number): void {
    const structured = new Structured(this.out, this.cursor, 'object');
    this.structured = structured;
    this.mode = 'structured';
    if (this.probeParts.length > 0) {
      const here = this.cursor.start();
      const earlier = this.probeParts.join('');
      this.probeParts = [];
      this.cursor.begin(earlier, this.probeLine, this.probeColumn);
      structured.feed(earlier, 0);
      this.cursor.begin(s, here.line, here.column);
    }
    structured.feed(s, from);
  }

  private finish(): JsonScanSummary {
    let shape: JsonShape = 'lines';
    let path: string | null = null;
    if (this.mode === 'start') fail('The file is empty.');
    if (this.mode === 'lines') this.lines!.end();
    else {
      if (this.mode === 'probe' || this.mode === 'after') {
        // The file ended inside its first object, or after one object alone.
        const text = this.mode === 'after' ? this.probeText : this.probeParts.join('');
        this.probeText = '';
        this.probeParts = [];
        this.structured = new Structured(this.out, this.cursor, 'object');
        this.cursor.begin(text, this.probeLine, this.probeColumn);
        this.structured.feed(text, 0);
      }
      ({ shape, path } = this.structured!.end());
    }
    return { shape, path, records: this.out.records, bad: this.out.bad };
  }
}
