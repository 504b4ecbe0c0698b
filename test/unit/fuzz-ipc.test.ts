/**
 * Fuzzing the IPC contract: thousands of random malformed payloads (wrong types, huge
 * strings, deep nesting, `__proto__` keys, NaN, negative and huge numbers) to every
 * operation. Each must come back as `{ ok: false }` with a clear message, nothing may
 * throw or crash, and the database file must stay byte-for-byte the same. Seeded, so a
 * failure can be replayed.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { openApp, vendorInput } from './helpers';
import { contract, OPERATION_NAMES, type OperationName } from '../../electron/ipc/contract';
import { DATABASE_FILE } from '../../electron/storage/database';

const SEED = 20261124;
const PER_OPERATION = 45;

/** A small deterministic PRNG (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'other';

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  options?: { _zod: { def: Def } }[];
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  catchall?: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The fields of a request schema and the kind of value each takes (nullable ones noted). */
function fieldsOf(schema: unknown): Map<string, { kind: Kind; nullable: boolean }> {
  const out = new Map<string, { kind: Kind; nullable: boolean }>();
  const def = defOf(schema);
  if (def.type === 'object' && def.shape)
    for (const [key, field] of Object.entries(def.shape)) out.set(key, kindOf(field));
  for (const option of def.options ?? []) for (const [k, v] of fieldsOf(option)) out.set(k, v);
  if (def.in) for (const [k, v] of fieldsOf(def.in)) out.set(k, v);
  if (def.innerType) for (const [k, v] of fieldsOf(def.innerType)) out.set(k, v);
  return out;
}

function kindOf(schema: unknown, nullable = false): { kind: Kind; nullable: boolean } {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
      return kindOf(def.innerType, nullable);
    case 'nullable':
      return kindOf(def.innerType, true);
    case 'pipe':
      return kindOf(def.in, nullable);
    case 'string':
    case 'enum':
    case 'literal':
    case 'template_literal':
      return { kind: 'string', nullable };
    case 'number':
    case 'int':
      return { kind: 'number', nullable };
    case 'boolean':
      return { kind: 'boolean', nullable };
    case 'array':
      return { kind: 'array', nullable };
    case 'object':
    case 'record':
      return { kind: 'object', nullable };
    default:
      return { kind: 'other', nullable };
  }
}

/** Whether the request schema refuses keys it does not know (every one should). */
function isStrict(schema: z.ZodType): boolean {
  return !schema.safeParse(JSON.parse('{"zz_unknown_key": 1}')).success;
}

function deep(n: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/** Values of each kind that are wrong for a field of another kind. */
const WRONG: Record<Exclude<Kind, 'other'>, (r: () => number) => unknown> = {
  number: (r) => [NaN, Infinity, -Infinity, -1e308, 1e308, -1, 2 ** 53 + 1, -0.5][Math.floor(r() * 8)],
  string: (r) =>
    ['', 'x'.repeat(300_000), '__proto__', "'; DROP TABLE vendors; --", '\u0000\uffff'][Math.floor(r() * 5)],
  boolean: (r) => r() < 0.5,
  array: (r) => (r() < 0.5 ? Array.from({ length: 10_000 }, (_x, i) => i) : [[[[[[[[[]]]]]]]]]),
  object: (r) =>
    r() < 0.5 ? deep(2000) : JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}'),
};
const KINDS = Object.keys(WRONG) as (keyof typeof WRONG)[];

/** One malformed payload for an operation. */
function payloadFor(op: OperationName, r: () => number): unknown {
  const spec = contract[op];
  const fields = [...fieldsOf(spec.request)];
  const pick = r();
  // A payload that is not an object at all.
  if (pick < 0.2) {
    const values = [NaN, Infinity, -1e308, 'vendors', 'x'.repeat(200_000), true, [], [{}], deep(3000), 42];
    return values[Math.floor(r() * values.length)];
  }
  // An unknown key (refused by strict schemas), sometimes __proto__ or constructor.
  if (pick < 0.45 || fields.length === 0) {
    const keys = ['__proto__', 'constructor', 'prototype', 'x'.repeat(500), `k${Math.floor(r() * 1e9)}`];
    const key = keys[Math.floor(r() * keys.length)]!;
    return JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify({ polluted: true })}}`);
  }
  // A known field with a value of the wrong kind.
  const [key, field] = fields[Math.floor(r() * fields.length)]!;
  const kinds = KINDS.filter((k) => k !== field.kind);
  const wrongKind = kinds[Math.floor(r() * kinds.length)]!;
  const value = field.kind === 'other' ? deep(1500) : WRONG[wrongKind](r);
  const payload = JSON.parse('{}') as Record<string, unknown>;
  Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
  return payload;
}

function fingerprint(dataDir: string): string {
  const hash = createHash('sha256');
  for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, 'preferences.json']) {
    const path = join(dataDir, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : Buffer.alloc(0));
  }
  return hash.digest('hex');
}

describe('fuzzing every IPC operation', () => {
  it('every request schema refuses unknown keys', () => {
    const loose = OPERATION_NAMES.filter((op) => !isStrict(contract[op].request));
    expect(loose).toEqual([]);
  });

  it(`answers ${PER_OPERATION} random malformed payloads per operation with ok:false and changes no byte of the data`, async () => {
    const app = openApp();
    app.services.vendors.create(vendorInput());
    app.preferences.set({ theme: 'dark' });
    // Everything written so far is in the main file; reads leave both files as they are.
    app.services.storage.transaction(() => undefined);
    const before = fingerprint(app.dataDir);
    const r = random(SEED);
    let sent = 0;
    for (const op of OPERATION_NAMES) {
      for (let i = 0; i < PER_OPERATION; i++) {
        const payload = payloadFor(op, r);
        const result = await app.dispatcher.dispatch(op, payload, { kind: 'local' });
        sent += 1;
        const shown = (() => {
          try {
            return JSON.stringify(payload)?.slice(0, 120);
          } catch {
            return '(unprintable)';
          }
        })();
        expect(result.ok, `${op} accepted ${shown} (seed ${SEED}, case ${i})`).toBe(false);
        if (!result.ok) {
          expect(result.error.code, `${op} ${shown}`).toBe('INVALID_INPUT');
          expect(result.error.message.length).toBeGreaterThan(5);
          expect(result.error.message.length).toBeLessThan(2000);
          expect(result.error.message).not.toMatch(/\n\s+at /);
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(3000);
    expect(app.internalErrors).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(fingerprint(app.dataDir)).toBe(before);
  });
});
