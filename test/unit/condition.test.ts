import { describe, it, expect } from 'vitest';
import {
  evaluateCondition,
  ConditionSchema,
  MAX_MATCHED_TEXT,
  type AnswerView,
  type Condition,
} from '../../electron/domain/condition';
import { checkPattern, matchesPattern } from '../../electron/domain/pattern';

const answers: Record<string, AnswerView> = {
  mfa: { state: 'answered', value: 'yes' },
  logs: { state: 'answered', value: 'no' },
  regions: { state: 'answered', values: ['eu', 'us'] },
  hosting: { state: 'answered', value: 'kms' },
  hours: { state: 'answered', value: 48 },
  region_text: { state: 'answered', value: 'EU-West (Frankfurt)' },
  refused_q: { state: 'refused' },
  na_q: { state: 'not-applicable' },
};
const ctx = {
  answer: (id: string): AnswerView => answers[id] ?? { state: 'unanswered' },
  isVisible: (id: string) => id !== 'hidden_q',
  matches: matchesPattern,
};

const table: [string, Condition, boolean][] = [
  ['is yes', { question: 'mfa', is: 'yes' }, true],
  ['is no on a yes answer', { question: 'mfa', is: 'no' }, false],
  ['in list', { question: 'logs', in: ['no', 'partial'] }, true],
  ['single choice is', { question: 'hosting', is: 'kms' }, true],
  ['multiple includes', { question: 'regions', includes: 'us' }, true],
  ['multiple includes missing', { question: 'regions', includes: 'apac' }, false],
  ['is on multiple', { question: 'regions', is: 'eu' }, true],
  ['number gt', { question: 'hours', gt: 24 }, true],
  ['number lte', { question: 'hours', lte: 24 }, false],
  [
    'number range',
    {
      all: [
        { question: 'hours', gte: 24 },
        { question: 'hours', lt: 72 },
      ],
    },
    true,
  ],
  ['contains', { question: 'region_text', contains: 'Frankfurt' }, true],
  ['matches with flags', { question: 'region_text', matches: '^eu-', flags: 'i' }, true],
  ['refused state', { question: 'refused_q', state: 'refused' }, true],
  ['value test on refused', { question: 'refused_q', is: 'no' }, false],
  ['na state', { question: 'na_q', state: 'not-applicable' }, true],
  ['unanswered state', { question: 'nothing', state: 'unanswered' }, true],
  ['value test on unanswered', { question: 'nothing', is: 'yes' }, false],
  ['not', { not: { question: 'mfa', is: 'yes' } }, false],
  [
    'any',
    {
      any: [
        { question: 'mfa', is: 'no' },
        { question: 'logs', is: 'no' },
      ],
    },
    true,
  ],
  [
    'all',
    {
      all: [
        { question: 'mfa', is: 'yes' },
        { question: 'logs', is: 'yes' },
      ],
    },
    false,
  ],
  ['visible', { visible: 'mfa' }, true],
  ['not visible', { visible: 'hidden_q' }, false],
  ['const false', { const: false }, false],
];

describe('conditions', () => {
  for (const [name, c, expected] of table) {
    it(`${name} → ${expected}`, () => {
      expect(ConditionSchema.safeParse(c).success).toBe(true);
      expect(evaluateCondition(c, ctx)).toBe(expected);
    });
  }

  it('gives the same answers as text run on its own, as the vendor’s offline form carries it', () => {
    // exchange/form-script.ts puts evaluateCondition.toString() in the form with only MAX_MATCHED_TEXT beside it.
    const standalone = new Function('MAX_MATCHED_TEXT', `return (${evaluateCondition.toString()});`)(
      MAX_MATCHED_TEXT,
    ) as typeof evaluateCondition;
    for (const [, c, expected] of table) expect(standalone(c, ctx)).toBe(expected);
  });

  it.each([
    ['a string expression', 'mfa == "yes"'],
    ['a test without an operator', { question: 'mfa' }],
    ['a bad regex', { question: 'x', matches: '(' }],
    ['an unknown flag', { question: 'x', matches: 'a', flags: 'g' }],
    ['an unknown key', { question: 'x', is: 'yes', eval: 'process.exit()' }],
    ['an empty all', { all: [] }],
  ])('rejects %s', (_name, c) => {
    expect(ConditionSchema.safeParse(c).success).toBe(false);
  });
});

describe('regular expressions in conditions', () => {
  it.each(['(a)\\1', '(?<x>a)\\k<x>', 'eu(?=-west)', '(?<!x)a'])(
    'refuses %s, which no linear-time engine can match',
    (re) => {
      expect(ConditionSchema.safeParse({ question: 'q', matches: re }).success).toBe(false);
    },
  );
  it.each(['(a+)+$', '(a|a)*b', '(\\w*)+x', '((ab)*)+c'])(
    'accepts %s, nested repetition, and matches it on 1,000 characters at once (app and form use RE2)',
    (re) => {
      const c = { question: 'long', matches: re };
      expect(ConditionSchema.safeParse(c).success).toBe(true);
      const long = {
        ...ctx,
        answer: (): AnswerView => ({ state: 'answered', value: `${'a'.repeat(999)}!` }),
      };
      const t = performance.now();
      evaluateCondition(c, long);
      // Generous for a busy machine: a backtracking engine takes years here, RE2 milliseconds.
      expect(performance.now() - t).toBeLessThan(1000);
    },
  );
  it.each(['^EU', 'frankfurt|dublin', '^[a-z]+(-[a-z]+)?$', '\\d{2,4}', '(eu|uk)-west'])(
    'accepts %s',
    (re) => {
      expect(ConditionSchema.safeParse({ question: 'q', matches: re }).success).toBe(true);
    },
  );

  it('refuses a look-around with the reason: the app matches in linear time', () => {
    const r = ConditionSchema.safeParse({ question: 'q', matches: 'eu(?=-west)' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^This pattern cannot be matched safely \(.*\(\?=/);
    expect(checkPattern('(a)\\1')).toMatchObject({ ok: false, reason: expect.stringContaining('\\1') });
  });

  it('matches a pattern that backtracking takes exponential time on, on a 1,000-character answer, at once', () => {
    // A backtracking engine needs about 25 s for 150 characters.
    const c = { question: 'long', matches: '^a*a*a*a*a*a*b' };
    expect(ConditionSchema.safeParse(c).success).toBe(true);
    const long = { ...ctx, answer: (): AnswerView => ({ state: 'answered', value: 'a'.repeat(1000) }) };
    const t = performance.now();
    expect(evaluateCondition(c, long)).toBe(false);
    const ms = performance.now() - t;
    console.log(`^a*a*a*a*a*a*b on 1,000 characters: ${ms.toFixed(1)} ms`);
    // Generous for a busy machine: the point is milliseconds, not seconds.
    expect(ms).toBeLessThan(1000);
    expect(evaluateCondition({ question: 'region_text', matches: 'frankfurt', flags: 'i' }, ctx)).toBe(true);
  });
});
