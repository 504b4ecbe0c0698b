/**
 * Conditions on answers (showIf, red-flag rules): a small JSON language parsed by zod
 * and evaluated by a pure function — never eval.
 */
import { z } from 'zod';
import { checkPattern } from './pattern';

const Id = z.string().min(1).max(120);
const Scalar = z.union([z.string().max(500), z.number()]);

/** One condition: a test on one answer, or all / any / not over conditions. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { const: boolean }
  | { visible: string }
  | {
      question: string;
      is?: string | number;
      in?: (string | number)[];
      includes?: string;
      gt?: number;
      gte?: number;
      lt?: number;
      lte?: number;
      state?: AnswerState;
      contains?: string;
      matches?: string;
      flags?: string;
    };

export const ANSWER_STATES = ['answered', 'unanswered', 'not-applicable', 'refused'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

const TestSchema = z
  .object({
    question: Id,
    is: Scalar.optional(),
    in: z.array(Scalar).min(1).max(100).optional(),
    includes: Id.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    state: z.enum(ANSWER_STATES).optional(),
    contains: z.string().max(500).optional(),
    matches: z.string().max(200).optional(),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'Only the regex flags i, m, s and u are allowed')
      .optional(),
  })
  .strict()
  .refine(
    (t) =>
      ['is', 'in', 'includes', 'gt', 'gte', 'lt', 'lte', 'state', 'contains', 'matches'].some((k) => k in t),
    'A test needs one of: is, in, includes, gt, gte, lt, lte, state, contains, matches',
  )
  .refine(
    (t) => t.matches === undefined || isValidRegex(t.matches, t.flags),
    'Not a valid regular expression',
  )
  .superRefine((t, ctx) => {
    if (t.matches === undefined) return;
    // The app and the vendor's form match in linear time: a pattern RE2 cannot run (back-references, look-arounds) is refused.
    const linear = checkPattern(t.matches, t.flags);
    if (!linear.ok)
      ctx.addIssue({
        code: 'custom',
        path: ['matches'],
        message: `This pattern cannot be matched safely (${linear.reason}); patterns may not use back-references or look-arounds`,
      });
  });

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1).max(200) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1).max(200) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ const: z.boolean() }).strict(),
    z.object({ visible: Id }).strict(),
    TestSchema,
  ]),
) as z.ZodType<Condition>;

/** What a condition can see of one answer. */
export interface AnswerView {
  state: AnswerState;
  /** yes/no/partial, a choice id, a number, a date or text. */
  value?: string | number;
  /** The chosen ids of a multiple-choice answer. */
  values?: readonly string[];
}

/** How a condition looks up answers and visibility. */
export interface ConditionContext {
  answer(questionId: string): AnswerView;
  isVisible(questionId: string): boolean;
  /**
   * Whether the text contains a match of a `matches` pattern, in RE2's linear-time engine:
   * in the app (domain/pattern.ts) and in the vendor's form (re2js's browser build).
   */
  matches(source: string, flags: string | undefined, text: string): boolean;
}

/** True when the condition holds for the given answers. */
export function evaluateCondition(c: Condition, ctx: ConditionContext): boolean {
  if ('all' in c) return c.all.every((x) => evaluateCondition(x, ctx));
  if ('any' in c) return c.any.some((x) => evaluateCondition(x, ctx));
  if ('not' in c) return !evaluateCondition(c.not, ctx);
  if ('const' in c) return c.const;
  if ('visible' in c) return ctx.isVisible(c.visible);
  const a = ctx.answer(c.question);
  if (c.state !== undefined && a.state !== c.state) return false;
  // Self-contained (no module constants): the vendor's offline form carries this function as text (exchange/form-script.ts).
  const needsValue = ['is', 'in', 'includes', 'gt', 'gte', 'lt', 'lte', 'contains', 'matches'].some(
    (k) => k in c,
  );
  if (!needsValue) return true;
  if (a.state !== 'answered') return false;
  if (c.is !== undefined && !(a.value === c.is || a.values?.includes(String(c.is)))) return false;
  if (c.in !== undefined && !c.in.some((v) => a.value === v || a.values?.includes(String(v)))) return false;
  if (c.includes !== undefined && !(a.values?.includes(c.includes) || a.value === c.includes)) return false;
  const n = typeof a.value === 'number' ? a.value : undefined;
  if (c.gt !== undefined && !(n !== undefined && n > c.gt)) return false;
  if (c.gte !== undefined && !(n !== undefined && n >= c.gte)) return false;
  if (c.lt !== undefined && !(n !== undefined && n < c.lt)) return false;
  if (c.lte !== undefined && !(n !== undefined && n <= c.lte)) return false;
  const text = a.value === undefined ? '' : String(a.value);
  if (c.contains !== undefined && !text.includes(c.contains)) return false;
  // Only the first characters are tested: with the pattern checks above this bounds the work.
  if (c.matches !== undefined && !ctx.matches(c.matches, c.flags, text.slice(0, MAX_MATCHED_TEXT)))
    return false;
  return true;
}

/** Every question a condition tests (by answer) and every one it asks the visibility of. */
export function conditionReferences(c: Condition): {
  answers: string[];
  visibility: string[];
  choices: { question: string; choice: string }[];
} {
  const out = {
    answers: [] as string[],
    visibility: [] as string[],
    choices: [] as { question: string; choice: string }[],
  };
  const walk = (x: Condition) => {
    if ('all' in x) x.all.forEach(walk);
    else if ('any' in x) x.any.forEach(walk);
    else if ('not' in x) walk(x.not);
    else if ('visible' in x) out.visibility.push(x.visible);
    else if ('question' in x) {
      out.answers.push(x.question);
      for (const v of [x.is, ...(x.in ?? []), x.includes]) {
        if (typeof v === 'string') out.choices.push({ question: x.question, choice: v });
      }
    }
  };
  walk(c);
  return out;
}

/** How much of an answer a `matches` test looks at. */
export const MAX_MATCHED_TEXT = 1000;

function isValidRegex(source: string, flags?: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}
