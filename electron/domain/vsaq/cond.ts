/**
 * Translates VSAQ `cond` expressions into our Condition AST (../condition.ts),
 * keeping VSAQ's semantics (Item.evaluateConditions and utils.js):
 * - `false` is the only keyword;
 * - a variable is an item id with at most one leading `^` and one trailing
 *   `/yes`, `/no` or `/value`;
 * - a radiogroup choice id → `{question: group, is: choice}`; a checkgroup choice
 *   → `{question: group, includes: choice}`; a group id → the group is answered;
 * - a yesno id (or `/yes`) → is yes, `/no` → is no; a check → is yes (VSAQ ignores
 *   the suffix on a checkbox);
 * - `^id` → `{visible: id}` (for a tip, block or info: that item's own condition);
 * - `x/value` in matches()/contains() → a text test on x.
 */
import type { Condition } from '../condition';
import { CondSyntaxError, parseCond, type CondArg, type CondNode } from './cond-syntax';
import { checkPattern } from '../pattern';

/** What an id in a condition refers to, in our questionnaire. */
export type VsaqRef =
  | { kind: 'choice'; question: string; choice: string; multiple: boolean }
  | { kind: 'group'; question: string }
  | { kind: 'yesno'; question: string }
  /** A `check`, or a one-choice group imported as a yes-no question. */
  | { kind: 'check'; question: string }
  /** line, box, upload. */
  | { kind: 'text'; question: string }
  | { kind: 'tip' }
  /** block, info, spacer: only `^id` is allowed. */
  | { kind: 'static'; type: string }
  /** radio, unknown types: not imported, so their answers cannot be tested. */
  | { kind: 'unmapped'; type: string };

export interface CondContext {
  /** The item (or choice) with this VSAQ id, or undefined when there is none. */
  resolve(id: string): VsaqRef | undefined;
  /** The visibility of an item that is not one of our questions (`^tip`, `^block`). May throw. */
  visibility(id: string): Condition | undefined;
}

export type CondTranslation =
  { ok: true; condition: Condition | undefined; warnings: string[] } | { ok: false; error: string };

class CondError extends Error {}

const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u']);
const IGNORED_FLAGS = new Set(['g', 'y', 'd']);

/** AND of conditions, flattening nested ANDs; undefined for none. */
export function allOf(parts: (Condition | undefined)[]): Condition | undefined {
  const flat = parts.flatMap((p) => (p === undefined ? [] : 'all' in p ? p.all : [p]));
  if (flat.length === 0) return undefined;
  return flat.length === 1 ? flat[0] : { all: flat };
}

function anyOf(a: Condition, b: Condition): Condition {
  return { any: [...('any' in a ? a.any : [a]), ...('any' in b ? b.any : [b])] };
}

/** Splits `^id/suffix` into its parts, as VSAQ's resolver does. */
export function splitVariable(name: string): { caret: boolean; id: string; suffix?: 'yes' | 'no' | 'value' } {
  const caret = name.startsWith('^');
  const rest = caret ? name.slice(1) : name;
  const m = /^(.*)\/(yes|no|value)$/.exec(rest);
  return m ? { caret, id: m[1]!, suffix: m[2] as 'yes' | 'no' | 'value' } : { caret, id: rest };
}

/** Translates one cond string; an empty one gives no condition (always shown). */
export function translateCond(text: string, ctx: CondContext): CondTranslation {
  const warnings: string[] = [];
  try {
    const node = parseCond(text);
    return { ok: true, condition: node && toCondition(node, ctx, warnings), warnings };
  } catch (e) {
    if (e instanceof CondSyntaxError || e instanceof CondError)
      return {
        ok: false,
        error: `Condition "${text.length > 120 ? `${text.slice(0, 100)}…` : text}": ${e.message}`,
      };
    throw e;
  }
}

function toCondition(node: CondNode, ctx: CondContext, warnings: string[]): Condition {
  switch (node.kind) {
    case 'not':
      return { not: toCondition(node.operand, ctx, warnings) };
    case 'and':
      return allOf([toCondition(node.left, ctx, warnings), toCondition(node.right, ctx, warnings)])!;
    case 'or':
      return anyOf(toCondition(node.left, ctx, warnings), toCondition(node.right, ctx, warnings));
    case 'call':
      return callToCondition(node, ctx);
    case 'var':
      return variable(node.name, ctx, warnings);
  }
}

function lookup(id: string, ctx: CondContext): VsaqRef {
  const ref = ctx.resolve(id);
  if (!ref) throw new CondError(`Unknown item id "${id}"`);
  return ref;
}

function variable(name: string, ctx: CondContext, warnings: string[]): Condition {
  if (name === 'false') return { const: false };
  const { caret, id, suffix } = splitVariable(name);
  if (!id) throw new CondError(`"${name}" names no item`);
  const ref = lookup(id, ctx);
  const valueOf = suffix === 'value';
  // VSAQ reads the value of a value item before it looks at `^`.
  if (valueOf && (ref.kind === 'text' || ref.kind === 'yesno'))
    return { question: ref.question, state: 'answered' };
  const valueItem = ref.kind === 'check' || ref.kind === 'choice' || ref.kind === 'tip';
  if (caret && !(valueOf && valueItem)) {
    if ('question' in ref) return { visible: ref.question };
    const visible = ctx.visibility(id);
    return visible ?? { const: true };
  }
  switch (ref.kind) {
    case 'choice':
      if (suffix === 'no') warnings.push(`"${name}": VSAQ ignores /no on a choice; it means "selected"`);
      return ref.multiple
        ? { question: ref.question, includes: ref.choice }
        : { question: ref.question, is: ref.choice };
    case 'group':
      return { question: ref.question, state: 'answered' };
    case 'yesno':
      return { question: ref.question, is: suffix === 'no' ? 'no' : 'yes' };
    case 'check':
      if (suffix === 'no') warnings.push(`"${name}": VSAQ ignores /no on a checkbox; it means "checked"`);
      return { question: ref.question, is: 'yes' };
    case 'text':
      warnings.push(`"${name}": a text item without /value is always false in VSAQ`);
      return { const: false };
    case 'tip':
      warnings.push(
        valueOf
          ? `"${name}": a tip's clarification text is not imported; treated as false`
          : `"${name}": a tip without ^ is always false in VSAQ`,
      );
      return { const: false };
    case 'static':
      throw new CondError(
        `"${name}" is a ${ref.type}; a ${ref.type} can only be tested for visibility (^${id})`,
      );
    case 'unmapped':
      warnings.push(`"${name}" refers to a ${ref.type} item, which is not imported; treated as false`);
      return { const: false };
  }
}

function stringArg(arg: CondArg | undefined, fn: string, what: string): string {
  if (arg?.kind !== 'string') throw new CondError(`The ${what} of ${fn}() must be a string literal`);
  return arg.value;
}

function callToCondition(node: Extract<CondNode, { kind: 'call' }>, ctx: CondContext): Condition {
  const { fn, args } = node;
  const max = fn === 'matches' ? 3 : 2;
  if (args.length < 2 || args.length > max)
    throw new CondError(`${fn}() takes ${fn === 'matches' ? '2 or 3' : '2'} arguments, not ${args.length}`);
  const subject = args[0]!;
  const pattern = stringArg(args[1], fn, 'second argument');
  if (subject.kind === 'string') {
    if (fn === 'contains') return { const: subject.value.includes(pattern) };
    throw new CondError('matches() on a literal string is not supported');
  }
  const { caret, id, suffix } = splitVariable(subject.name);
  const ref = lookup(id, ctx);
  if (caret || suffix !== 'value' || (ref.kind !== 'text' && ref.kind !== 'yesno'))
    throw new CondError(
      `${fn}() tests the /value of a line, box, upload or yesno item, not "${subject.name}"`,
    );
  if (fn === 'contains') {
    if (pattern.length > 500) throw new CondError('The text of contains() is longer than 500 characters');
    return { question: ref.question, contains: pattern };
  }
  if (pattern.length > 200) throw new CondError('The regular expression is longer than 200 characters');
  const rawFlags = args[2] === undefined ? '' : stringArg(args[2], fn, 'third argument');
  const flags = [...new Set(rawFlags)].filter((f) => !IGNORED_FLAGS.has(f));
  const bad = flags.filter((f) => !ALLOWED_FLAGS.has(f));
  if (bad.length) throw new CondError(`Unsupported regular-expression flags "${bad.join('')}"`);
  try {
    new RegExp(pattern, flags.join(''));
  } catch {
    throw new CondError(`Not a valid regular expression: ${pattern}`);
  }
  // Patterns are matched in linear time: one RE2 cannot run is refused here, with the reason.
  const linear = checkPattern(pattern, flags.join(''));
  if (!linear.ok) throw new CondError(`This pattern cannot be matched safely (${linear.reason}): ${pattern}`);
  return flags.length
    ? { question: ref.question, matches: pattern, flags: flags.join('') }
    : { question: ref.question, matches: pattern };
}
