/**
 * The dispatcher's response check, made cheap for the common case: a service's answer that
 * is already exactly what the contract's response schema would return (the same values,
 * no extra keys, keys in the schema's order) is recognised by a plain walk over it and
 * returned as it is; anything else — an invalid answer, extra keys to strip, a default to
 * fill in, a transform — goes through the schema's own safeParse, as before.
 *
 * Why: zod's parse copies every object and array of the answer while checking it. For a
 * 5,000-vendor list that copy was about a seventh of `vendor-risk vendors list` (and much of
 * its garbage collection). The walk accepts only what safeParse accepts, and only when
 * safeParse would return an equal value, so the answer the caller sees does not change.
 *
 * The walk is built once per schema from zod's own definitions. It understands objects
 * (stripping ones), arrays, strings, numbers, booleans, enums, literals, null, unknown,
 * nullable and optional; every check on a string or number is run by zod itself, except
 * the three that are plain tests (uuid, regex and int). A schema it does not understand
 * (a union, a record, a default, a transform, a refinement on an object …) is simply left
 * to safeParse as a whole.
 */
import type { z } from 'zod';

/** What the check answers: the same shape as zod's safeParse. */
export type CheckedResponse = { success: true; data: unknown } | { success: false; error: z.ZodError };

type Walk = (value: unknown) => boolean;

/** Thrown while building a walk for a schema the walk does not understand. */
class Unsupported extends Error {}

/** The internals of a zod 4 schema that the walk reads. */
interface Internals {
  def: {
    type: string;
    checks?: CheckInternals[];
    coerce?: boolean;
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    element?: z.ZodType;
    innerType?: z.ZodType;
    values?: unknown[];
  };
  values?: Set<unknown>;
  optin?: string;
  optout?: string;
  traits: Set<string>;
}

interface CheckInternals {
  _zod: { def: { check: string; format?: string; pattern?: RegExp; when?: unknown } };
}

const internals = (schema: z.ZodType): Internals => (schema as unknown as { _zod: Internals })._zod;

const walks = new WeakMap<z.ZodType, Walk | null>();

/**
 * Checks a response against its schema: the answer itself when it is already exactly what
 * safeParse would return, otherwise safeParse's own result (a copy, or the error).
 */
export function checkResponse(schema: z.ZodType, value: unknown): CheckedResponse {
  let walk = walks.get(schema);
  if (walk === undefined) {
    walk = buildWalk(schema);
    walks.set(schema, walk);
  }
  if (walk?.(value)) return { success: true, data: value };
  return schema.safeParse(value);
}

/** The walk for a schema, or null when some part of it is left to safeParse. */
export function buildWalk(schema: z.ZodType): Walk | null {
  try {
    return walkFor(schema, new Map());
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function walkFor(schema: z.ZodType, building: Map<z.ZodType, Walk>): Walk {
  const known = building.get(schema);
  if (known) return known;
  // A schema can contain itself (a getter in a shape): the walk refers to itself through this.
  let walk: Walk = () => false;
  building.set(schema, (value) => walk(value));
  walk = makeWalk(schema, building);
  building.set(schema, walk);
  return walk;
}

function makeWalk(schema: z.ZodType, building: Map<z.ZodType, Walk>): Walk {
  const zod = internals(schema);
  const { def } = zod;
  // A schema that is itself a check (z.uuid()) or coerces: zod decides, value by value.
  const selfCheck = zod.traits.has('$ZodCheck');
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string':
    case 'number': {
      const base: Walk =
        def.type === 'string'
          ? (v) => typeof v === 'string'
          : (v) => typeof v === 'number' && Number.isFinite(v);
      if (def.coerce || selfCheck) return leafBySchema(schema);
      const tests = checks.map(plainTest);
      if (tests.some((t) => t === null)) return leafBySchema(schema);
      const plain = tests as Walk[];
      if (plain.length === 0) return base;
      if (plain.length === 1) {
        const [only] = plain as [Walk];
        return (v) => base(v) && only(v);
      }
      return (v) => base(v) && plain.every((t) => t(v));
    }
    case 'boolean':
      if (def.coerce || checks.length) return leafBySchema(schema);
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'unknown':
    case 'any':
      if (checks.length) throw new Unsupported();
      return () => true;
    case 'enum':
    case 'literal': {
      if (checks.length || !zod.values) throw new Unsupported();
      const values = zod.values;
      return (v) => values.has(v);
    }
    case 'nullable': {
      if (checks.length || !def.innerType) throw new Unsupported();
      const inner = walkFor(def.innerType, building);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      // An absent key is handled by the object; a value that is present must be the inner type's.
      if (checks.length || !def.innerType) throw new Unsupported();
      const inner = walkFor(def.innerType, building);
      return (v) => v !== undefined && inner(v);
    }
    case 'array': {
      if (checks.length || !def.element) throw new Unsupported();
      const element = walkFor(def.element, building);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined || !element(item)) return false;
        }
        return true;
      };
    }
    case 'object':
      return objectWalk(schema, building);
    default:
      throw new Unsupported();
  }
}

/**
 * An object: a plain object whose own keys are the shape's, in the shape's order (zod
 * writes its copy in that order), each value the field's; a missing key only where the
 * field is optional. Extra keys (which zod would strip) send the answer to safeParse.
 */
function objectWalk(schema: z.ZodType, building: Map<z.ZodType, Walk>): Walk {
  const { def } = internals(schema);
  if (def.checks?.length) throw new Unsupported();
  // Only a stripping (default) or strict object; passthrough and catchall keep extra keys.
  const catchall = def.catchall ? internals(def.catchall).def.type : undefined;
  if (catchall !== undefined && catchall !== 'never') throw new Unsupported();
  const shape = def.shape ?? {};
  if (Object.getOwnPropertySymbols(shape).length) throw new Unsupported();
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) throw new Unsupported();
  const optional = keys.map((key) => {
    const field = internals(shape[key]!);
    if (field.optin === undefined) return false;
    // Only a plain optional: a default or prefault fills an absent key in.
    if (field.optin === 'optional' && field.optout === 'optional' && field.def.type === 'optional')
      return true;
    throw new Unsupported();
  });
  const fields = keys.map((key) => walkFor(shape[key]!, building));
  const count = keys.length;
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    if (Object.getPrototypeOf(v) !== Object.prototype) return false;
    const record = v as Record<string, unknown>;
    let next = 0;
    for (const key in record) {
      // Advance through the shape to this key; only optional fields may be skipped.
      while (next < count && keys[next] !== key) {
        if (!optional[next]) return false;
        next++;
      }
      if (next === count) return false;
      const item = record[key];
      if (item === undefined || !fields[next]!(item)) return false;
      next++;
    }
    for (; next < count; next++) if (!optional[next]) return false;
    return true;
  };
}

/** A check that is a plain test of a value zod would keep as it is, or null if zod must run it. */
function plainTest(check: CheckInternals): Walk | null {
  const { def } = check._zod;
  if (def.when !== undefined) return null;
  if (def.check === 'string_format' && (def.format === 'uuid' || def.format === 'regex') && def.pattern) {
    const pattern = def.pattern;
    return (v) => {
      pattern.lastIndex = 0;
      return pattern.test(v as string);
    };
  }
  if (def.check === 'number_format' && def.format === 'safeint') return (v) => Number.isSafeInteger(v);
  return null;
}

/** A single value checked by zod itself: accepted when it parses to the very same value. */
function leafBySchema(schema: z.ZodType): Walk {
  return (v) => {
    const result = schema.safeParse(v);
    return result.success && Object.is(result.data, v);
  };
}
