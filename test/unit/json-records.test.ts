/**
 * The streaming JSON record scanner: the shapes it recognises, the same records however
 * the pieces fall, the limits it enforces while reading, and its errors.
 */
import { describe, it, expect } from 'vitest';
import {
  createJsonRecordScanner,
  JsonUnreadable,
  MAX_JSON_DEPTH,
  MAX_JSON_RECORD_CHARS,
  type JsonScanSummary,
} from '../../electron/domain/json-records';

interface Outcome {
  records: [number, Record<string, unknown>][];
  bad: [number, string][];
  summary?: JsonScanSummary;
  error?: string;
}

/** Scans text fed in pieces of `size` characters (whole when omitted). */
function scan(text: string, size = Infinity): Outcome {
  const out: Outcome = { records: [], bad: [] };
  const scanner = createJsonRecordScanner({
    record: (row, value) => out.records.push([row, value]),
    bad: (row, reason) => out.bad.push([row, reason]),
  });
  try {
    const step = Math.min(size, Math.max(text.length, 1));
    for (let i = 0; i < text.length; i += step) scanner.push(text.slice(i, i + step));
    out.summary = scanner.end();
  } catch (error) {
    if (!(error instanceof JsonUnreadable)) throw error;
    out.error = error.message;
  }
  return out;
}

const SIZES = [1, 2, 3, 7, 64, Infinity];

/** Scans with every piece size; all give what the whole text gives. */
function scanAll(text: string): Outcome {
  const whole = scan(text);
  for (const size of SIZES) expect(scan(text, size), `pieces of ${size}`).toEqual(whole);
  return whole;
}

const AWKWARD = {
  quote: 'say "hi"',
  backslash: 'C:\\temp\\',
  both: '\\"',
  accent: 'café é',
  brackets: '[ ] { } , : "',
  lines: 'one\ntwo\r\nthree',
  unicode: '\u2028 😀',
};
// The same record with its text escaped (\u00e9 written out, so pieces split inside it).
const AWKWARD_TEXT = JSON.stringify(AWKWARD).replace(/é/g, '\\u00e9');

describe('shapes', () => {
  const cases: {
    name: string;
    text: string;
    shape: JsonScanSummary['shape'];
    path?: string | null;
    records: [number, Record<string, unknown>][];
    bad?: [number, string][];
  }[] = [
    {
      name: 'array',
      text: '[{"a":1},{"a":2}]',
      shape: 'array',
      records: [
        [1, { a: 1 }],
        [2, { a: 2 }],
      ],
    },
    {
      name: 'pretty-printed array',
      text: JSON.stringify(
        [
          { a: 1, b: [1, 2] },
          { a: 2, c: { d: null } },
        ],
        null,
        2,
      ),
      shape: 'array',
      records: [
        [1, { a: 1, b: [1, 2] }],
        [2, { a: 2, c: { d: null } }],
      ],
    },
    {
      name: 'array with elements that are not objects',
      text: '[ {"a":1} , 42, "x", [ {"b":2} ], null, true, -1.5e3 ,{"a":2}\n]\n',
      shape: 'array',
      records: [
        [1, { a: 1 }],
        [8, { a: 2 }],
      ],
      bad: [2, 3, 4, 5, 6, 7].map((row) => [row, 'not an object']),
    },
    { name: 'empty array', text: ' [ ] ', shape: 'array', records: [] },
    {
      name: 'array of awkward strings',
      text: `[${AWKWARD_TEXT},${AWKWARD_TEXT}]`,
      shape: 'array',
      records: [
        [1, AWKWARD],
        [2, AWKWARD],
      ],
    },
    {
      name: 'JSON Lines',
      text: '{"a":1}\n{"a":2}\n',
      shape: 'lines',
      records: [
        [1, { a: 1 }],
        [2, { a: 2 }],
      ],
    },
    {
      name: 'JSON Lines with CRLF, blank lines and no final line end',
      text: '\r\n{"a":1}\r\n\r\n  \r\n{"a":2}\r\n{"a":3}',
      shape: 'lines',
      records: [
        [2, { a: 1 }],
        [5, { a: 2 }],
        [6, { a: 3 }],
      ],
    },
    {
      name: 'JSON Lines of awkward strings, each with an array of objects',
      text: `${AWKWARD_TEXT}\n{"devices":[{"a":1}],"s":"\\n}\\"{"}\n${AWKWARD_TEXT}\n`,
      shape: 'lines',
      records: [
        [1, AWKWARD],
        [2, { devices: [{ a: 1 }], s: '\n}"{' }],
        [3, AWKWARD],
      ],
    },
    {
      name: 'JSON Lines with bad lines among good ones',
      text: '{"a":1}\n{"a":\n[1,2]\n"x"\n{"a":2}\n',
      shape: 'lines',
      records: [
        [1, { a: 1 }],
        [5, { a: 2 }],
      ],
      bad: [
        [2, 'not valid JSON (Unexpected end of JSON input)'],
        [3, 'not an object'],
        [4, 'not an object'],
      ],
    },
    {
      name: 'JSON Lines whose first line has garbage after its object',
      text: '{"a":1} x\n{"a":2}\n',
      shape: 'lines',
      records: [[2, { a: 2 }]],
      bad: [[1, expect.stringMatching(/^not valid JSON \(/) as unknown as string]],
    },
    {
      name: 'LibreNMS',
      text: '{"status":"ok","devices":[{"device_id":1,"hostname":"a"},{"device_id":2,"hostname":"b"}],"count":2}',
      shape: 'wrapped',
      path: 'devices',
      records: [
        [1, { device_id: 1, hostname: 'a' }],
        [2, { device_id: 2, hostname: 'b' }],
      ],
    },
    {
      name: 'Cisco DNA Center, pretty-printed',
      text: JSON.stringify({ response: [{ id: 'x', tags: [] }, { id: 'y' }], version: '1.0' }, null, 4),
      shape: 'wrapped',
      path: 'response',
      records: [
        [1, { id: 'x', tags: [] }],
        [2, { id: 'y' }],
      ],
    },
    {
      name: 'Device42, with other values before and after the records',
      text: `{"limit":2,"meta":{"x":[1,[2]],"y":"]}"},"tags":[],"names":["a","b"],"Devices":[${AWKWARD_TEXT},7,{"n":1}],"more":[{"z":1}],"total_count":2}`,
      shape: 'wrapped',
      path: 'Devices',
      records: [
        [1, AWKWARD],
        [3, { n: 1 }],
      ],
      bad: [[2, 'not an object']],
    },
    {
      name: 'a wrapper whose records array is empty',
      text: '{"status":"ok","devices":[],"count":0}',
      shape: 'wrapped',
      path: 'devices',
      records: [],
    },
    {
      name: 'one pretty-printed object',
      text: '\n{\n  "hostname": "a",\n  "tags": ["x"],\n  "ports": [],\n  "location": {"site": "b"}\n}\n\n',
      shape: 'object',
      path: null,
      records: [[1, { hostname: 'a', tags: ['x'], ports: [], location: { site: 'b' } }]],
    },
    {
      name: 'one compact object alone in its file',
      text: '{"hostname":"a"}\n',
      shape: 'object',
      records: [[1, { hostname: 'a' }]],
    },
    { name: 'an empty object', text: '{}', shape: 'object', records: [[1, {}]] },
  ];
  it.each(cases)('$name', ({ text, shape, path = null, records, bad = [] }) => {
    const result = scanAll(text);
    expect(result.error).toBeUndefined();
    expect(result.records).toEqual(records);
    expect(result.bad).toEqual(bad);
    expect(result.summary).toEqual({ shape, path, records: records.length, bad: bad.length });
  });

  it('tells JSON Lines from one object', () => {
    const shapeOf = (text: string) => scanAll(text).summary?.shape ?? scanAll(text).error;
    expect(shapeOf('{"a":1}\n{"a":2}')).toBe('lines');
    expect(shapeOf('{"a":1}  \n\n   {"a":2}  \n')).toBe('lines');
    expect(shapeOf('{"a":[{"b":1}]}\n{"a":[{"b":2}]}')).toBe('lines');
    expect(shapeOf('{"a":[{"b":1}]}')).toBe('wrapped');
    expect(shapeOf('{"a":1}\n\n')).toBe('object');
    expect(shapeOf('{"a":\n1}')).toBe('object');
    // A pretty-printed object is one object, whatever follows it.
    expect(shapeOf('{\n"a":1\n}\n{"a":2}')).toMatch(
      /^The JSON is not valid or not complete: there is more text/,
    );
    // A one-line object longer than a record is one object too.
    const many = Math.ceil(MAX_JSON_RECORD_CHARS / 10);
    const long = `{"devices":[${'{"a":"x"},'.repeat(many)}{"a":"y"}]}`;
    const result = scan(long, 32 * 1024);
    expect(result.summary).toEqual({
      shape: 'wrapped',
      path: 'devices',
      records: many + 1,
      bad: 0,
    });
    expect(scan(`${long}\n{"a":1}`, 32 * 1024).error).toMatch(
      /there is more text after the end of the object/,
    );
  });

  it('keeps __proto__ keys as plain own properties', () => {
    const result = scanAll('[{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]');
    const [row, record] = result.records[0]!;
    expect(row).toBe(1);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((record as Record<string, unknown>).polluted).toBeUndefined();
    const lines = scanAll('{"__proto__":{"polluted":true}}\n{"a":1}');
    expect(Object.hasOwn(lines.records[0]![1], '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('refusals', () => {
  const cases: { name: string; text: string; error: string | RegExp }[] = [
    { name: 'empty input', text: '', error: 'The file is empty.' },
    { name: 'whitespace only', text: ' \r\n\t\n ', error: 'The file is empty.' },
    {
      name: 'not JSON',
      text: '\nhostname,serial\n',
      error:
        'The JSON must be an array of objects, one object per line, or an object; this file starts with "h" at line 2, column 1.',
    },
    {
      name: 'a top-level string',
      text: '"devices"',
      error: /^The JSON must be an array of objects.*starts with a quote/,
    },
    {
      name: 'truncated array, between records',
      text: '[{"a":1},{"a":2},',
      error:
        'The JSON is not valid or not complete: the file ends before the array is closed (after record 2).',
    },
    {
      name: 'truncated array, after a record',
      text: '[{"a":1},{"a":2}\n',
      error:
        'The JSON is not valid or not complete: the file ends before the array is closed (after record 2).',
    },
    {
      name: 'truncated array, inside a record',
      text: '[{"a":1},{"a":[2,',
      error: 'The JSON is not valid or not complete: the file ends in record 2.',
    },
    {
      name: 'unterminated string',
      text: '[{"a":1},{"a":"2}]\n',
      error: 'The JSON is not valid or not complete: the file ends inside a string in record 2.',
    },
    {
      name: 'truncated wrapper',
      text: '{\n"devices": [{"a":1}]',
      error:
        'The JSON is not valid or not complete: the file ends before the object is closed (after "devices").',
    },
    {
      name: 'truncated records array',
      text: '{\n"devices": [{"a":1}',
      error:
        'The JSON is not valid or not complete: the file ends before the array is closed (after record 1).',
    },
    {
      name: 'garbage after the array',
      text: '[{"a":1}]\n\n  ]x',
      error:
        'The JSON is not valid or not complete: there is more text after the end of the array: "]" at line 3, column 3.',
    },
    {
      name: 'garbage after a pretty-printed wrapper',
      text: '{"devices":[{"a":1}]\n}\n{',
      error:
        'The JSON is not valid or not complete: there is more text after the end of the object: "{" at line 3, column 1.',
    },
    {
      name: 'a missing comma between records',
      text: '[\n  {"a":1}\n  {"a":2}\n]',
      error:
        'The JSON is not valid or not complete: expected "," or "]" after record 1 but found "{" at line 3, column 3.',
    },
    {
      name: 'a trailing comma',
      text: '[{"a":1},]',
      error:
        'The JSON is not valid or not complete: expected a record after record 1 but found "]" at line 1, column 10.',
    },
    {
      name: 'an error inside a record',
      text: '[\n  {"a":1},\n  {\n    "a": 2\n    "b": 3\n  }\n]',
      error:
        "The JSON is not valid or not complete: Expected ',' or '}' after property value at line 5, column 5 (in record 2).",
    },
    {
      name: 'a bad literal',
      text: '[{"a":1}, tru]',
      error:
        'The JSON is not valid or not complete: Unexpected end of JSON input (in record 2, which starts at line 1, column 11).',
    },
    {
      name: 'a bad value in a wrapper',
      text: '{"status":okay,"devices":[{"a":1}]}',
      error: /^The JSON is not valid or not complete: .* \(in the "status" property.*\)\.$/,
    },
    {
      name: 'a property name that is not a string',
      text: '{"devices":[{"a":1}], count: 1}',
      error:
        'The JSON is not valid or not complete: expected a property name after "devices" but found "c" at line 1, column 23.',
    },
    {
      name: 'JSON Lines with no object on any line',
      text: '{"a":1}x\n[1]\n"s"\n',
      error:
        /^No line of the file is a JSON object \(line 1: not valid JSON \(Unexpected non-whitespace character after JSON at position 7.*\)\)\.$/,
    },
    {
      name: 'JSON Lines with no object on any line, first line an object',
      text: '{"a":1,}\n[1]\n',
      error:
        'No line of the file is a JSON object (line 1: not valid JSON (Expected double-quoted property name in JSON at position 7 (line 1 column 8))).',
    },
  ];
  it.each(cases)('$name', ({ text, error }) => {
    const result = scanAll(text);
    if (typeof error === 'string') expect(result.error).toBe(error);
    else expect(result.error).toMatch(error);
  });

  it('keeps failing once it has failed', () => {
    const scanner = createJsonRecordScanner({ record: () => {}, bad: () => {} });
    expect(() => scanner.push('[{"a":1}]x')).toThrow(JsonUnreadable);
    expect(() => scanner.push(' ')).toThrow(/more text after the end of the array/);
    expect(() => scanner.end()).toThrow(/more text after the end of the array/);
  });

  it('refuses text after the end', () => {
    const scanner = createJsonRecordScanner({ record: () => {}, bad: () => {} });
    scanner.push('[]');
    expect(scanner.end()).toEqual({ shape: 'array', path: null, records: 0, bad: 0 });
    expect(() => scanner.push('[]')).toThrow('The JSON scanner has already ended.');
  });

  it('names a property in a message quoted and short', () => {
    const key = `a"\n${'k'.repeat(100)}`;
    expect(scan(`{${JSON.stringify(key)}:[1, x]}`).error).toMatch(
      /^The JSON is not valid or not complete: .* \(in the "a\\"\\nk{57}…" property, which starts at line 1, column 110\)\.$/,
    );
  });
});

describe('depth', () => {
  /** A document whose deepest nesting is `depth` levels, in each shape. */
  const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const shapes: { name: string; make: (depth: number) => string; where: string }[] = [
    { name: 'array', make: (d) => `[{"a":1},${nested(d - 1)}]`, where: 'in record 2' },
    {
      name: 'array of arrays',
      make: (d) => `[${'['.repeat(d - 1)}${']'.repeat(d - 1)}]`,
      where: 'in record 1',
    },
    { name: 'wrapped', make: (d) => `{"devices":[{"a":1},\n${nested(d - 2)}]}`, where: 'in record 2' },
    { name: 'one object', make: (d) => `{\n"x":${nested(d - 1)}}`, where: 'in the "x" property' },
    { name: 'JSON Lines', make: (d) => `{"a":1}\n{"a":2}\n${nested(d)}\n`, where: 'on line 3' },
  ];
  it.each(shapes)('$name: accepts 64 levels and refuses 65', ({ make, where }) => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(scanAll(make(64)).error).toBeUndefined();
    expect(scanAll(make(65)).error).toBe(`The JSON is nested more than 64 levels deep (${where}).`);
  });

  it.each([
    ['arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['objects on one line', nested(100_000)],
    ['objects in a record', `[${nested(100_000)}]`],
    ['a JSON Lines line', `{"a":1}\n${nested(100_000)}\n`],
    ['an unclosed array', '['.repeat(100_000)],
  ])('refuses 100,000 levels of %s quickly', (_name, text) => {
    const started = performance.now();
    for (const size of [32 * 1024, Infinity])
      expect(scan(text, size).error).toMatch(/nested more than 64 levels/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('record length', () => {
  const big = 'x'.repeat(5 * 1024 * 1024);
  it.each([
    ['array', `[{"a":1},{"a":1},{"note":"${big}"}]`, 'Record 3 is longer than 4 MB.'],
    ['wrapped', `{"devices":[{"a":1},{"note":"${big}"}]}`, 'Record 2 is longer than 4 MB.'],
    ['one object', `{\n"note":"${big}"}`, 'The "note" property is longer than 4 MB.'],
    ['JSON Lines', `{"a":1}\n{"note":"${big}"}\n`, 'Line 2 is longer than 4 MB.'],
  ])('%s: refuses a 5 MB record while reading it', (_name, text, error) => {
    const pieces = 32 * 1024;
    const scanner = createJsonRecordScanner({ record: () => {}, bad: () => {} });
    let pushed = 0;
    try {
      for (; pushed < text.length; pushed += pieces) scanner.push(text.slice(pushed, pushed + pieces));
      scanner.end();
      expect.unreachable();
    } catch (thrown) {
      expect((thrown as Error).message).toBe(error);
    }
    // Refused once the record passed the limit, not at the end of the file.
    expect(pushed).toBeLessThan(MAX_JSON_RECORD_CHARS + 2 * pieces);
    expect(scan(text).error).toBe(error);
  });

  it('refuses one object of 5 MB with no records array, once it ends', () => {
    // Until the object ends, a records array may still come; its text is not kept past 4 MB.
    const text = `{\n${'"k":"xxxxxxxxxx",'.repeat(300_000)}"a":1}`;
    expect(scan(text, 32 * 1024).error).toBe('Record 1 is longer than 4 MB.');
    const wrapper = `{\n${'"k":"xxxxxxxxxx",'.repeat(300_000)}"devices":[{"a":1}]}`;
    expect(scan(wrapper, 32 * 1024).summary).toEqual({
      shape: 'wrapped',
      path: 'devices',
      records: 1,
      bad: 0,
    });
  });

  it('accepts a record just under the limit', () => {
    const note = 'x'.repeat(MAX_JSON_RECORD_CHARS - 20);
    const result = scan(`[{"note":"${note}"}]`, 32 * 1024);
    expect(result.error).toBeUndefined();
    expect(result.records[0]![1]).toEqual({ note });
  });
});

describe('speed', () => {
  const device = (i: number) => ({
    id: i,
    hostname: `scanner-${i}.dc1.example`,
    serial: `SN${(i * 7919).toString(36).toUpperCase()}`,
    manufacturer: 'Zebra Technologies',
    model: 'TC52 "ruggedised"',
    os: 'Android 11',
    ip: `10.${i % 256}.${(i >> 8) % 256}.${i % 200}`,
    mac: '00:1A:2B:3C:4D:5E',
    lastSeen: '2024-05-01T12:00:00Z',
    tags: ['scanner', 'dock-3', 'café'],
    location: { site: 'Rotterdam', building: 'B2', shelf: null },
    encrypted: true,
    notes: 'a \\ backslash, "quotes", {braces} and [brackets]',
  });
  const count = 60_000;
  const inputs: [JsonScanSummary['shape'], () => string][] = [
    [
      'array',
      () =>
        JSON.stringify(
          Array.from({ length: count }, (_, i) => device(i)),
          null,
          2,
        ),
    ],
    ['lines', () => Array.from({ length: count }, (_, i) => JSON.stringify(device(i))).join('\n')],
    [
      'wrapped',
      () => JSON.stringify({ status: 'ok', devices: Array.from({ length: count }, (_, i) => device(i)) }),
    ],
  ];
  it.each(inputs)('reads %s inventories in 32 KB pieces (prints MB/s)', (shape, make) => {
    const text = make();
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 32 * 1024) pieces.push(text.slice(i, i + 32 * 1024));
    const mb = text.length / (1024 * 1024);
    const speeds: string[] = [];
    // The first run includes the JIT warming up; the second is the steady speed.
    for (let run = 0; run < 2; run++) {
      let rows = 0;
      const started = performance.now();
      const scanner = createJsonRecordScanner({ record: () => rows++, bad: () => {} });
      for (const piece of pieces) scanner.push(piece);
      const summary = scanner.end();
      const seconds = (performance.now() - started) / 1000;
      expect(summary.shape).toBe(shape);
      expect(rows).toBe(count);
      speeds.push(`${(mb / seconds).toFixed(0)} MB/s`);
    }
    console.log(`json-records ${shape}: ${mb.toFixed(1)} MB, ${speeds.join(' cold, ')} warm`);
  });
});
