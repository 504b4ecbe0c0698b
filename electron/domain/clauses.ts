/**
 * Legal's clauses: the clause library (our positions), a vendor's agreed terms, the
 * deviation rule of each value type, and the checks of a vendor's agreed clauses against
 * its questionnaire answers. Pure; documented in docs/contract-clauses.md.
 */
import { z } from 'zod';
import { SEVERITIES, QuestionnaireSchema, type Questionnaire, type Severity } from './questionnaire';
import type { AnswerValue } from './answer';
import { answerKey } from './evaluate-assessment';
import { RowVersionSchema, VendorIdSchema } from './primitives';

const Slug = z
  .string()
  .min(1, 'An id is required')
  .max(80, 'An id must be at most 80 characters')
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'An id uses lower-case letters, digits and - only');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Regions, with the ids the data-residency questionnaire uses. */
export const REGIONS = ['eu', 'uk', 'us', 'apac', 'other'] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: Record<Region, string> = {
  eu: 'EU / EEA',
  uk: 'United Kingdom',
  us: 'United States',
  apac: 'Asia-Pacific',
  other: 'Other countries',
};

export const CLAUSE_VALUE_TYPES = [
  'hours',
  'days',
  'money',
  'months',
  'percentage',
  'regions',
  'yes-no',
  'text',
] as const;
export type ClauseValueType = (typeof CLAUSE_VALUE_TYPES)[number];

export const VALUE_TYPE_LABELS: Record<ClauseValueType, string> = {
  hours: 'Hours',
  days: 'Days',
  money: 'Amount of money',
  months: 'Months of fees',
  percentage: 'Percentage',
  regions: 'Regions',
  'yes-no': 'Yes / no',
  text: 'Text',
};

const Currency = z.string().regex(/^[A-Z]{3}$/, 'A currency is a three-letter code such as EUR');
const Amount = z.number().min(0, 'An amount cannot be negative').max(1e13);

/** An agreed value, typed by the clause. */
export const ClauseValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hours'), value: z.number().min(0).max(100_000) }).strict(),
  z.object({ type: z.literal('days'), value: z.number().min(0).max(100_000) }).strict(),
  z.object({ type: z.literal('money'), amount: Amount, currency: Currency }).strict(),
  z.object({ type: z.literal('months'), value: z.number().min(0).max(1200) }).strict(),
  z.object({ type: z.literal('percentage'), value: z.number().min(0).max(100) }).strict(),
  z
    .object({
      type: z.literal('regions'),
      value: z.array(z.enum(REGIONS)).min(1, 'Name at least one region').max(REGIONS.length),
    })
    .strict(),
  z.object({ type: z.literal('yes-no'), value: z.boolean() }).strict(),
  z.object({ type: z.literal('text'), value: Text(2000) }).strict(),
]);
export type ClauseValue = z.infer<typeof ClauseValueSchema>;

/** When an agreed value deviates from our position; a rule applies only to values it can judge. */
export const ClauseRuleSchema = z.discriminatedUnion('kind', [
  /** hours, days, months, percentage: the value must not exceed this. */
  z.object({ kind: z.literal('at-most'), value: z.number().min(0) }).strict(),
  /** hours, days, months, percentage: the value must reach this. */
  z.object({ kind: z.literal('at-least'), value: z.number().min(0) }).strict(),
  /** money: at least this amount, in this currency (another currency cannot be judged). */
  z.object({ kind: z.literal('at-least-money'), amount: Amount, currency: Currency }).strict(),
  /** regions: every agreed region must be one of these. */
  z.object({ kind: z.literal('regions-within'), regions: z.array(z.enum(REGIONS)).min(1) }).strict(),
  /** yes-no: must be yes. */
  z.object({ kind: z.literal('required') }).strict(),
]);
export type ClauseRule = z.infer<typeof ClauseRuleSchema>;

/** A check of the contract against one questionnaire answer of the vendor. */
export const CrossCheckSchema = z.discriminatedUnion('kind', [
  /** A number answer above the agreed number (e.g. answered 72 h, contract 24 h). */
  z
    .object({ kind: z.literal('answer-above'), questionnaireId: Slug, questionId: z.string().min(1) })
    .strict(),
  /** A number answer below the agreed number (e.g. 14 days' notice answered, 30 agreed). */
  z
    .object({ kind: z.literal('answer-below'), questionnaireId: Slug, questionId: z.string().min(1) })
    .strict(),
  /** A multiple-choice answer naming a region outside the agreed regions. */
  z
    .object({ kind: z.literal('regions-outside'), questionnaireId: Slug, questionId: z.string().min(1) })
    .strict(),
  /** The contract says yes, but the answer is one of these. */
  z
    .object({
      kind: z.literal('contradicted-by'),
      questionnaireId: Slug,
      questionId: z.string().min(1),
      values: z.array(z.union([z.string(), z.boolean()])).min(1),
    })
    .strict(),
]);
export type CrossCheck = z.infer<typeof CrossCheckSchema>;

export const CLAUSE_GROUPS = ['security', 'data', 'liability', 'service', 'exit', 'other'] as const;
export type ClauseGroup = (typeof CLAUSE_GROUPS)[number];
export const CLAUSE_GROUP_LABELS: Record<ClauseGroup, string> = {
  security: 'Security commitments',
  data: 'Data protection and use',
  liability: 'Liability and insurance',
  service: 'Service levels',
  exit: 'Termination and exit',
  other: 'Other clauses',
};

export const ClauseSchema = z
  .object({
    id: Slug,
    title: Text(200),
    group: z.enum(CLAUSE_GROUPS).default('other'),
    why: Text(2000),
    /** Our recommended position, in words and as the rules that mark a deviation. */
    position: z.object({ text: Text(2000), rules: z.array(ClauseRuleSchema).max(5).default([]) }).strict(),
    /** The types an agreed value may have (a liability cap: money or months of fees). */
    valueTypes: z.array(z.enum(CLAUSE_VALUE_TYPES)).min(1).max(CLAUSE_VALUE_TYPES.length),
    /** How much the clause counts in the contract's share of the score. */
    weight: z.number().min(0).max(10).default(1),
    /** The red flag raised while the clause is not agreed; null: none. */
    missingSeverity: z.enum(SEVERITIES).nullable().default(null),
    deviationSeverity: z.enum(SEVERITIES).default('medium'),
    /** A missing or deviating clause raises the tier to at least high, like a knockout answer. */
    knockout: z.boolean().default(false),
    crossChecks: z.array(CrossCheckSchema).max(10).default([]),
    source: z.enum(['builtin', 'user']).default('user'),
    /**
     * The library row's version on a team database (absent in the solo app and in files): a
     * save states it back. Bookkeeping, never part of the stored definition nor the trail.
     */
    version: RowVersionSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.position.rules.forEach((rule, i) => {
      if (!c.valueTypes.some((t) => ruleApplies(rule, t)))
        ctx.addIssue({
          code: 'custom',
          path: ['position', 'rules', i],
          message: `A ${rule.kind} rule cannot judge a value of type ${c.valueTypes.join(' or ')}`,
        });
    });
  });
export type Clause = z.infer<typeof ClauseSchema>;
export type ClauseInput = z.input<typeof ClauseSchema>;

export const ClauseLibraryFileSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal('vendor-risk-clauses/1', { error: 'format must be "vendor-risk-clauses/1"' }),
    clauses: z.array(ClauseSchema).min(1).max(500),
  })
  .strict()
  .superRefine((lib, ctx) => {
    const seen = new Set<string>();
    lib.clauses.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['clauses', i, 'id'], message: `Duplicate id ${c.id}` });
      seen.add(c.id);
    });
  });

export const CLAUSE_STATUSES = ['missing', 'proposed', 'negotiating', 'agreed', 'waived'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];
export const CLAUSE_STATUS_LABELS: Record<ClauseStatus, string> = {
  missing: 'Missing',
  proposed: 'Proposed',
  negotiating: 'Negotiating',
  agreed: 'Agreed',
  waived: 'Waived',
};

/** Where a clause is in the contract. */
export const ClauseReferenceSchema = z
  .object({
    document: z.string().trim().max(200).default(''),
    section: z.string().trim().max(100).default(''),
    page: z.string().trim().max(20).default(''),
  })
  .strict();

/** What a reviewer records for one clause of one vendor. */
export const ClauseSetInputSchema = z
  .object({
    vendorId: VendorIdSchema,
    clauseId: Slug,
    status: z.enum(CLAUSE_STATUSES, { error: `Status must be one of: ${CLAUSE_STATUSES.join(', ')}` }),
    value: ClauseValueSchema.nullable().default(null),
    reference: ClauseReferenceSchema.default({ document: '', section: '', page: '' }),
    waiver: z
      .object({
        reason: Text(2000).describe('why it was waived'),
        acceptedBy: Text(200).describe('who accepted the waiver'),
      })
      .strict()
      .nullable()
      .default(null),
    /**
     * The version of the record the caller read (team database; 0: none was recorded), so a
     * colleague's save since refuses this one; without it nothing is checked (the CLI).
     */
    version: RowVersionSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.status === 'waived' && !input.waiver)
      ctx.addIssue({
        code: 'custom',
        path: ['waiver'],
        message: 'A waived clause needs the reason and who accepted it',
      });
    if (input.status !== 'waived' && input.waiver)
      ctx.addIssue({ code: 'custom', path: ['waiver'], message: 'Only a waived clause has a waiver' });
    if (input.status === 'agreed' && !input.value)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'An agreed clause needs the agreed value, so it can be judged against our position',
      });
  });
export type ClauseSetInput = z.infer<typeof ClauseSetInputSchema>;

export const VendorClauseSchema = z.object({
  vendorId: z.string(),
  clauseId: z.string(),
  status: z.enum(CLAUSE_STATUSES),
  value: ClauseValueSchema.nullable(),
  reference: ClauseReferenceSchema,
  waiver: z.object({ reason: z.string(), acceptedBy: z.string() }).nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** The row's version on a team database (absent in the solo app). */
  version: RowVersionSchema.optional(),
});
export type VendorClause = z.infer<typeof VendorClauseSchema>;

/**
 * A clause or a vendor's clause record without the team database's row version: the trail
 * records the fields, not the database's count of saves.
 */
export function withoutRowVersion<T extends { version?: number }>({
  version: _v,
  ...rest
}: T): Omit<T, 'version'> {
  return rest;
}

export const ClauseCommentSchema = z.object({
  id: z.string(),
  clauseId: z.string(),
  text: z.string(),
  author: z.string(),
  at: z.string(),
});
export type ClauseComment = z.infer<typeof ClauseCommentSchema>;

/** Legal sign-off of a vendor's contract: who, when, and every clause status at that moment. */
export const SignOffSchema = z.object({
  id: z.string(),
  reviewer: z.string(),
  signedAt: z.string(),
  statuses: z.record(z.string(), z.enum(CLAUSE_STATUSES)),
  /** Set when a clause changed after the sign-off: it no longer holds. */
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  reopenedClause: z.string().nullable(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

// ---------------------------------------------------------------------------------------
// Deviation rules

const NUMERIC: readonly ClauseValueType[] = ['hours', 'days', 'months', 'percentage'];

/** Whether a rule can judge a value of this type. */
export function ruleApplies(rule: ClauseRule, type: ClauseValueType): boolean {
  switch (rule.kind) {
    case 'at-most':
    case 'at-least':
      return NUMERIC.includes(type);
    case 'at-least-money':
      return type === 'money';
    case 'regions-within':
      return type === 'regions';
    case 'required':
      return type === 'yes-no';
  }
}

const UNIT: Partial<Record<ClauseValueType, (n: number) => string>> = {
  hours: (n) => `${n} h`,
  days: (n) => `${n} day${n === 1 ? '' : 's'}`,
  months: (n) => `${n} month${n === 1 ? '' : 's'} of fees`,
  percentage: (n) => `${n}%`,
};

/** A value in words: "24 h", "EUR 2,000,000", "EU / EEA, United Kingdom", "yes". */
export function formatClauseValue(value: ClauseValue): string {
  switch (value.type) {
    case 'money':
      return `${value.currency} ${value.amount.toLocaleString('en-US')}`;
    case 'regions':
      return value.value.map((r) => REGION_LABELS[r]).join(', ');
    case 'yes-no':
      return value.value ? 'yes' : 'no';
    case 'text':
      return value.value;
    default:
      return UNIT[value.type]!(value.value);
  }
}

/** How an agreed value falls short of our position. */
export const DeviationSchema = z.object({
  /** Worse than our position, with why. */
  reasons: z.array(z.string()),
  /** Rules that could not judge the value (another currency), with why. */
  unjudged: z.array(z.string()),
});
export type Deviation = z.output<typeof DeviationSchema>;

/** How an agreed value falls short of the clause's position. */
export function deviationOf(clause: Pick<Clause, 'position'>, value: ClauseValue): Deviation {
  const reasons: string[] = [];
  const unjudged: string[] = [];
  if (clause.position.rules.length && !clause.position.rules.some((r) => ruleApplies(r, value.type)))
    unjudged.push(`${formatClauseValue(value)}: our position has no rule for a value of this kind`);
  for (const rule of clause.position.rules) {
    if (!ruleApplies(rule, value.type)) continue;
    const shown = formatClauseValue(value);
    switch (rule.kind) {
      case 'at-most': {
        const v = (value as { value: number }).value;
        if (v > rule.value)
          reasons.push(`${shown} is more than our position of ${UNIT[value.type]!(rule.value)}`);
        break;
      }
      case 'at-least': {
        const v = (value as { value: number }).value;
        if (v < rule.value)
          reasons.push(`${shown} is less than our position of ${UNIT[value.type]!(rule.value)}`);
        break;
      }
      case 'at-least-money': {
        const v = value as { amount: number; currency: string };
        const position = formatClauseValue({ type: 'money', amount: rule.amount, currency: rule.currency });
        if (v.currency !== rule.currency)
          unjudged.push(`${shown} cannot be compared with our position of ${position}: another currency`);
        else if (v.amount < rule.amount) reasons.push(`${shown} is less than our position of ${position}`);
        break;
      }
      case 'regions-within': {
        const outside = (value as { value: Region[] }).value.filter((r) => !rule.regions.includes(r));
        if (outside.length)
          reasons.push(
            `${outside.map((r) => REGION_LABELS[r]).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the allowed regions (${rule.regions.map((r) => REGION_LABELS[r]).join(', ')})`,
          );
        break;
      }
      case 'required':
        if (!(value as { value: boolean }).value)
          reasons.push('The contract does not include it; our position requires it');
        break;
    }
  }
  return { reasons, unjudged };
}

// ---------------------------------------------------------------------------------------
// Cross-checks against questionnaire answers

/** A vendor's latest answer to a question, if any (newest assessment first). */
export type AnswerLookup = (questionnaireId: string, questionId: string) => AnswerValue | null;

/** Where an agreed value and one of the vendor's answers disagree. */
export const ContradictionSchema = z.object({
  questionnaireId: z.string(),
  questionId: z.string(),
  message: z.string(),
});
export type Contradiction = z.output<typeof ContradictionSchema>;

function answeredValue(answer: AnswerValue | null): unknown {
  return answer && answer.status === 'answered' ? answer.value : undefined;
}

/** Where the agreed value and the vendor's own answers disagree. */
export function contradictionsOf(
  clause: Pick<Clause, 'crossChecks'>,
  value: ClauseValue,
  answers: AnswerLookup,
): Contradiction[] {
  const out: Contradiction[] = [];
  const shown = formatClauseValue(value);
  for (const check of clause.crossChecks) {
    const answered = answeredValue(answers(check.questionnaireId, check.questionId));
    if (answered === undefined) continue;
    const at = { questionnaireId: check.questionnaireId, questionId: check.questionId };
    switch (check.kind) {
      case 'answer-above':
      case 'answer-below': {
        if (!NUMERIC.includes(value.type) || typeof answered !== 'number') break;
        const agreed = (value as { value: number }).value;
        const said = UNIT[value.type]!(answered);
        if (check.kind === 'answer-above' && answered > agreed)
          out.push({ ...at, message: `The contract says ${shown}, but the vendor answered ${said}` });
        if (check.kind === 'answer-below' && answered < agreed)
          out.push({ ...at, message: `The contract says ${shown}, but the vendor answered ${said}` });
        break;
      }
      case 'regions-outside': {
        if (value.type !== 'regions' || !Array.isArray(answered)) break;
        const outside = answered.filter(
          (r): r is string => typeof r === 'string' && !(value.value as string[]).includes(r),
        );
        if (outside.length)
          out.push({
            ...at,
            message: `The contract allows ${shown}, but the vendor's answer lists ${outside.map((r) => REGION_LABELS[r as Region] ?? r).join(', ')}`,
          });
        break;
      }
      case 'contradicted-by': {
        if (value.type !== 'yes-no' || !value.value) break;
        const values = Array.isArray(answered) ? answered : [answered];
        const hit = values.find((v) => check.values.includes(v as string | boolean));
        if (hit !== undefined)
          out.push({
            ...at,
            message: `The contract commits to it, but the vendor answered "${String(hit)}"`,
          });
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// A vendor's clauses

/** Where a clause stands, worst first. */
export const CLAUSE_STATES = ['deviates', 'contradicts', 'missing', 'open', 'ok', 'waived'] as const;
export type ClauseState = (typeof CLAUSE_STATES)[number];

export interface ClauseEvaluation {
  clause: Clause;
  record: VendorClause | null;
  status: ClauseStatus;
  state: ClauseState;
  deviation: Deviation;
  contradictions: Contradiction[];
}

const NO_DEVIATION: Deviation = { reasons: [], unjudged: [] };

/**
 * Every clause of the library for a vendor: its status, deviation from our position, and
 * contradictions with the vendor's answers. A value under negotiation is judged too, so
 * legal sees a bad proposal before agreeing to it; only agreed terms count as deviations.
 */
export function evaluateClauses(
  library: readonly Clause[],
  records: readonly VendorClause[],
  answers: AnswerLookup,
): ClauseEvaluation[] {
  const byId = new Map(records.map((r) => [r.clauseId, r]));
  return library.map((clause) => {
    const record = byId.get(clause.id) ?? null;
    const status = record?.status ?? 'missing';
    const value = record?.value ?? null;
    const deviation = value ? deviationOf(clause, value) : NO_DEVIATION;
    const contradictions = value && status === 'agreed' ? contradictionsOf(clause, value, answers) : [];
    let state: ClauseState;
    if (status === 'waived') state = 'waived';
    else if (status === 'missing') state = 'missing';
    else if (status !== 'agreed') state = 'open';
    else if (deviation.reasons.length) state = 'deviates';
    else if (contradictions.length) state = 'contradicts';
    else state = 'ok';
    return { clause, record, status, state, deviation, contradictions };
  });
}

/** Whether a vendor's clauses need legal's attention: not signed off (or reopened), or terms that deviate. */
export function needsLegalReview(evaluations: readonly ClauseEvaluation[], signOff: SignOff | null): boolean {
  if (!signOff || signOff.reopenedAt) return true;
  return evaluations.some((e) => e.state === 'deviates' || e.state === 'contradicts');
}

// ---------------------------------------------------------------------------------------
// Scoring: a vendor's clauses as a questionnaire, so red flags and points use the same rules as answers

export const CLAUSE_QUESTIONNAIRE_ID = 'contract-clauses';

/** The answer a clause's state gives its question in the clauses questionnaire. */
const STATE_ANSWER: Record<ClauseState, AnswerValue> = {
  ok: { status: 'answered', value: 'meets' },
  contradicts: { status: 'answered', value: 'contradicts' },
  deviates: { status: 'answered', value: 'deviates' },
  missing: { status: 'answered', value: 'missing' },
  open: { status: 'answered', value: 'missing' },
  waived: { status: 'not-applicable' },
};

const clauseQuestionnaires = new WeakMap<readonly Clause[], Questionnaire>();

/**
 * The clause library as a questionnaire: a question per clause (agreed and meeting our
 * position 100 points, contradicted by the vendor's answers 50, deviating or not agreed 0)
 * with red-flag rules for a missing, deviating or contradicted clause.
 */
export function clauseQuestionnaire(library: readonly Clause[]): Questionnaire {
  let q = clauseQuestionnaires.get(library);
  if (q) return q;
  const flag = (c: Clause, suffix: string, is: string, severity: Severity, message: string) => ({
    id: `${c.id}-${suffix}`,
    when: { question: c.id, is },
    severity,
    message,
    knockout: c.knockout && suffix !== 'contradicts',
  });
  q = QuestionnaireSchema.parse({
    format: 'vendor-risk-questionnaire/1',
    id: CLAUSE_QUESTIONNAIRE_ID,
    version: '1.0.0',
    title: 'Contract clauses',
    sections: [
      {
        id: 'contract',
        title: 'Contract terms',
        questions: library.map((c) => ({
          id: c.id,
          text: c.title,
          type: 'single-choice',
          weight: c.weight,
          choices: [
            { id: 'meets', label: 'Agreed, meets our position', points: 100 },
            { id: 'contradicts', label: 'Agreed, but the vendor’s answers disagree', points: 50 },
            { id: 'deviates', label: 'Agreed, worse than our position', points: 0 },
            { id: 'missing', label: 'Not agreed', points: 0 },
          ],
          redFlags: [
            ...(c.missingSeverity
              ? [flag(c, 'missing', 'missing', c.missingSeverity, `${c.title}: not agreed in the contract`)]
              : []),
            flag(
              c,
              'deviates',
              'deviates',
              c.deviationSeverity,
              `${c.title}: agreed terms are worse than our position`,
            ),
            flag(
              c,
              'contradicts',
              'contradicts',
              'high',
              `${c.title}: the contract and the vendor’s answers disagree`,
            ),
          ],
        })),
      },
    ],
  });
  clauseQuestionnaires.set(library, q);
  return q;
}

/** The clauses questionnaire's answers for a vendor, keyed like an assessment's answers. */
export function clauseAnswers(evaluations: readonly ClauseEvaluation[]): Map<string, AnswerValue> {
  return new Map(
    evaluations.map((e) => [answerKey(CLAUSE_QUESTIONNAIRE_ID, e.clause.id), STATE_ANSWER[e.state]]),
  );
}

// ---------------------------------------------------------------------------------------
// Parsing a value typed on the command line or in a cell

/** Reads "24", "24h", "EUR 2000000", "2,000,000 EUR", "12 months", "99.9%", "eu,uk", "yes". */
export function parseClauseValue(types: readonly ClauseValueType[], text: string): ClauseValue | string {
  const t = text.trim();
  const number = (s: string) => {
    const n = Number(s.replace(/[,_\s]/g, ''));
    return s.trim() !== '' && Number.isFinite(n) ? n : null;
  };
  const money = /^([A-Za-z]{3})\s*([\d.,_\s]+)$|^([\d.,_\s]+)\s*([A-Za-z]{3})$/.exec(t);
  if (types.includes('money') && money) {
    const amount = number(money[2] ?? money[3] ?? '');
    if (amount !== null) return { type: 'money', amount, currency: (money[1] ?? money[4]!).toUpperCase() };
  }
  const months = /^([\d.]+)\s*(months?|mo)$/i.exec(t);
  if (types.includes('months') && months) return { type: 'months', value: Number(months[1]) };
  const withUnit: [ClauseValueType, RegExp][] = [
    ['hours', /^([\d.]+)\s*(h|hours?)?$/i],
    ['days', /^([\d.]+)\s*(d|days?)?$/i],
    ['percentage', /^([\d.]+)\s*%?$/],
    ['months', /^([\d.]+)$/],
  ];
  for (const [type, re] of withUnit) {
    const m = re.exec(t);
    if (types.includes(type) && m && number(m[1]!) !== null)
      return { type, value: number(m[1]!)! } as ClauseValue;
  }
  if (types.includes('yes-no')) {
    if (/^(yes|y|true)$/i.test(t)) return { type: 'yes-no', value: true };
    if (/^(no|n|false)$/i.test(t)) return { type: 'yes-no', value: false };
  }
  if (types.includes('regions')) {
    const parts = t
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((p) => p.toLowerCase());
    if (parts.length && parts.every((p) => (REGIONS as readonly string[]).includes(p)))
      return { type: 'regions', value: [...new Set(parts)] as Region[] };
  }
  if (types.includes('text') && t) return { type: 'text', value: t };
  return `"${text}" is not a value of this clause (${types.map((x) => VALUE_TYPE_LABELS[x].toLowerCase()).join(' or ')})`;
}

// ---------------------------------------------------------------------------------------
// What the app and the CLI receive

const ReferenceOut = z.object({ document: z.string(), section: z.string(), page: z.string() });
export const SIGN_OFF_STATES = ['none', 'signed', 'reopened'] as const;

/** A vendor's clauses as the Contract tab shows them. */
export const VendorClausesSchema = z.object({
  vendor: z.object({ id: z.string(), name: z.string() }),
  clauses: z.array(
    z.object({
      clause: ClauseSchema,
      status: z.enum(CLAUSE_STATUSES),
      state: z.enum(CLAUSE_STATES),
      deviation: DeviationSchema,
      contradictions: z.array(ContradictionSchema),
      value: ClauseValueSchema.nullable(),
      reference: ReferenceOut,
      waiver: z.object({ reason: z.string(), acceptedBy: z.string() }).nullable(),
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
      /** The record's version on a team database (absent in the solo app or while none is recorded). */
      version: RowVersionSchema.optional(),
      comments: z.array(ClauseCommentSchema),
    }),
  ),
  signOff: SignOffSchema.nullable(),
  signOffState: z.enum(SIGN_OFF_STATES),
  needsReview: z.boolean(),
});
export type VendorClauses = z.infer<typeof VendorClausesSchema>;

/** Vendors × clauses, for legal. */
export const ClauseMatrixSchema = z.object({
  clauses: z.array(z.object({ id: z.string(), title: z.string(), group: z.enum(CLAUSE_GROUPS) })),
  rows: z.array(
    z.object({
      vendorId: z.string(),
      vendorName: z.string(),
      vendorStatus: z.string(),
      signOffState: z.enum(SIGN_OFF_STATES),
      needsReview: z.boolean(),
      cells: z.record(
        z.string(),
        z.object({ status: z.enum(CLAUSE_STATUSES), state: z.enum(CLAUSE_STATES) }),
      ),
    }),
  ),
});
export type ClauseMatrix = z.infer<typeof ClauseMatrixSchema>;
