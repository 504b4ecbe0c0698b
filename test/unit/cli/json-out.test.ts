import { describe, expect, it } from 'vitest';
import { writeJson } from '../../../electron/cli/json-out';

/** Where two texts first differ, with a little of each around it (undefined: they are the same). */
function difference(got: string, want: string): { at: number; got: string; want: string } | undefined {
  if (got === want) return undefined;
  let at = 0;
  while (got[at] === want[at]) at++;
  return {
    at,
    got: got.slice(Math.max(0, at - 40), at + 40),
    want: want.slice(Math.max(0, at - 40), at + 40),
  };
}

/** What writeJson wrote, piece by piece. */
function written(value: unknown): string[] {
  const pieces: string[] = [];
  writeJson(value, (text) => pieces.push(text));
  return pieces;
}

const row = (i: number) => ({
  id: `v-${i}`,
  name: i % 7 === 0 ? `Nordlicht “${i}” GmbH\n\tÜ` : `Vendor ${i}`,
  tags: i % 3 === 0 ? [] : ['wms', `t${i}`],
  standing: i % 5 === 0 ? null : { tier: 'high', score: i / 3, flags: { open: i, knockout: i % 2 === 0 } },
  skipped: undefined,
  empty: {},
});

describe('writeJson: the text of JSON.stringify(value, null, 2) and a newline, in pieces', () => {
  const cases: [string, unknown][] = [
    ['a number', 42],
    ['a string with quotes and a line break', 'a "b"\nc'],
    ['null', null],
    ['true', true],
    ['an empty object', {}],
    ['an empty array', []],
    ['a short list', [1, 'two', null, { three: 3 }]],
    [
      'a list with holes that JSON writes as null',
      [undefined, () => 1, Symbol('s'), ...Array.from({ length: 70 }, (_, i) => i)],
    ],
    ['an object whose only fields are left out', { a: undefined, f: () => 1 }],
    [
      'a list of 5,000 rows with its total',
      { items: Array.from({ length: 5000 }, (_, i) => row(i)), total: 5000 },
    ],
    [
      'lists nested in objects in objects',
      { a: { b: { rows: Array.from({ length: 100 }, (_, i) => row(i)), n: 1 }, c: [] } },
    ],
    ['a long list of lists', Array.from({ length: 80 }, (_, i) => Array.from({ length: i }, (_, k) => k))],
    [
      'dates and objects with toJSON',
      { at: new Date(0), own: { toJSON: () => 'own' }, gone: { toJSON: () => undefined } },
    ],
    ['a long list of dates', Array.from({ length: 100 }, (_, i) => new Date(i * 86_400_000))],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { x: [1, 2], y: 'z' })],
  ];
  for (const [what, value] of cases)
    it(`writes ${what} as JSON.stringify does`, () => {
      expect(difference(written(value).join(''), `${JSON.stringify(value, null, 2)}\n`)).toBeUndefined();
    });

  it('writes a long list in pieces of at most about 128 KB, never the whole text at once', () => {
    const value = { items: Array.from({ length: 5000 }, (_, i) => row(i)), total: 5000 };
    const pieces = written(value);
    const whole = `${JSON.stringify(value, null, 2)}\n`;
    expect(whole.length).toBeGreaterThan(1_000_000);
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(140 * 1024);
  });

  it('throws as JSON.stringify does on what JSON cannot hold', () => {
    expect(() => written({ items: Array.from({ length: 100 }, () => 1n) })).toThrow(TypeError);
  });
});
