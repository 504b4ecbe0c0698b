import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, OPERATION_NAMES } from '../../electron/ipc/contract';
import { buildWalk, checkResponse } from '../../electron/ipc/response-check';

/** What zod itself answers, and what the check answers, must agree: validity, value and key order. */
function expectSameAsZod(schema: z.ZodType, value: unknown): void {
  const zod = schema.safeParse(value);
  const fast = checkResponse(schema, value);
  expect(fast.success).toBe(zod.success);
  if (zod.success && fast.success) {
    expect(fast.data).toStrictEqual(zod.data);
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(zod.data));
  } else if (!zod.success && !fast.success) {
    expect(fast.error.issues).toEqual(zod.error.issues);
  }
}

const listItem = (i: number) => ({
  id: `5213f583-86d5-4125-98cf-b4a95f7${String(i).padStart(5, '0')}`,
  name: `Vendor ${i}`,
  category: 'wms-saas',
  criticality: 'low',
  status: 'prospect',
  owner: `Owner ${i}`,
  tags: ['batch-0'],
  dataTouched: ['pii'],
  updatedAt: '2026-12-06T22:55:03.598Z',
  standing:
    i % 2
      ? null
      : {
          tier: 'unassessed',
          provisional: false,
          score: i % 4 ? null : 71.5,
          completeness: 0,
          residual: 68.8,
          openFlags: 0,
          knockouts: 0,
          decision: null,
          nextReassessment: null,
        },
});

/** Every way of spoiling one field of a value: each one must be judged as zod judges it. */
function* mutations(value: unknown): Generator<unknown> {
  const odd = [undefined, null, '', 'x', 0, -1, 1.5, NaN, Infinity, true, [], {}, new Date(0)];
  if (Array.isArray(value)) {
    yield [...value, undefined];
    yield [...value, ...value.slice(0, 1)];
    for (let i = 0; i < Math.min(value.length, 2); i++)
      for (const m of mutations(value[i])) yield value.map((v, j) => (j === i ? m : v));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    yield { ...record, extra: 1 };
    yield Object.fromEntries([...keys].reverse().map((k) => [k, record[k]]));
    yield Object.assign(Object.create(null), record);
    for (const key of keys) {
      const { [key]: _dropped, ...rest } = record;
      yield rest;
      for (const bad of odd) yield { ...record, [key]: bad };
      for (const m of mutations(record[key])) yield { ...record, [key]: m };
    }
    return;
  }
  for (const bad of odd) yield bad;
}

describe('the response check', () => {
  it('walks the vendor list answer without leaving it to zod, and returns it as it is', () => {
    const schema = contract['vendors.list'].response;
    expect(buildWalk(schema)).not.toBeNull();
    const answer = { items: Array.from({ length: 50 }, (_, i) => listItem(i)), total: 50 };
    const checked = checkResponse(schema, answer);
    expect(checked).toEqual({ success: true, data: answer });
    if (checked.success) expect(checked.data).toBe(answer);
  });

  it('agrees with zod on every spoiled vendor list answer', () => {
    const schema = contract['vendors.list'].response;
    const answer = { items: [listItem(0), listItem(1)], total: 2 };
    let count = 0;
    for (const spoiled of mutations(answer)) {
      expectSameAsZod(schema, spoiled);
      count++;
    }
    expect(count).toBeGreaterThan(300);
  });

  it('agrees with zod on optional, default, strict, trimmed and checked fields', () => {
    const schema = z.object({
      a: z.string().uuid().optional(),
      b: z.number().int().min(0),
      c: z.string().trim(),
      d: z.array(z.enum(['x', 'y'])).max(2),
      e: z.literal(3).nullable(),
      f: z.boolean().default(false),
      g: z.object({ h: z.string().regex(/^h+$/) }).strict(),
      u: z.unknown(),
    });
    const valid = {
      a: '5213f583-86d5-4125-98cf-b4a95f718fd5',
      b: 3,
      c: 'c',
      d: ['x'],
      e: 3,
      f: true,
      g: { h: 'hh' },
      u: { anything: [1] },
    };
    expectSameAsZod(schema, valid);
    for (const spoiled of mutations(valid)) expectSameAsZod(schema, spoiled);
    expectSameAsZod(schema, { ...valid, c: '  padded  ' });
  });

  it('agrees with zod on every operation’s response for empty and odd answers', () => {
    for (const name of OPERATION_NAMES) {
      const schema = contract[name].response;
      for (const value of [undefined, null, {}, [], '', 0, { items: [], total: 0 }, { id: 'x' }])
        expectSameAsZod(schema, value);
    }
  });

  it('is built for most operations (the rest are parsed by zod as before)', () => {
    const walked = OPERATION_NAMES.filter((name) => buildWalk(contract[name].response) !== null);
    expect(walked.length).toBeGreaterThan(OPERATION_NAMES.length / 3);
  });
});
