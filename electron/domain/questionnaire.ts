/**
 * The questionnaire format: one versioned JSON file per questionnaire, validated by
 * these schemas (shape) and by validateQuestionnaire (references, cycles, ids).
 * Documented in docs/questionnaire-format.md.
 */
import { z } from 'zod';
import { ConditionSchema } from './condition';
import { VendorCategorySchema } from './vendor';

const Slug = z
  .string()
  .min(1, 'An id is required')
  .max(120, 'An id must be at most 120 characters')
  .regex(/^[a-z0-9][a-z0-9_.:-]*$/, 'An id uses lower-case letters, digits and _ . : - only');

export const QUESTION_TYPES = [
  'yes-no',
  'single-choice',
  'multiple-choice',
  'number',
  'date',
  'short-text',
  'long-text',
  'evidence',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EVIDENCE_KINDS = [
  'soc2-type1',
  'soc2-type2',
  'iso27001',
  'pentest-summary',
  'vdp-policy',
  'firmware-signing',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Human labels for {@link EVIDENCE_KINDS}. */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  'soc2-type1': 'SOC 2 Type I report',
  'soc2-type2': 'SOC 2 Type II report',
  iso27001: 'ISO 27001 certificate',
  'pentest-summary': 'Penetration test summary',
  'vdp-policy': 'Vulnerability disclosure policy',
  'firmware-signing': 'Firmware-signing statement',
  other: 'Other evidence',
};

const Text = (max: number) => z.string().trim().min(1).max(max);

export const ChoiceSchema = z
  .object({
    id: Slug,
    label: Text(500),
    points: z.number({ error: 'A choice needs points (0–100)' }).min(0).max(100),
  })
  .strict();

/** A rule that raises a red flag when its condition holds. */
export const RedFlagRuleSchema = z
  .object({
    id: Slug,
    when: ConditionSchema,
    severity: z.enum(SEVERITIES),
    message: Text(1000),
    knockout: z.boolean().default(false),
  })
  .strict();

/** Points for a number answer: the first band whose bounds hold gives the points. */
export const NumberBandSchema = z
  .object({ min: z.number().optional(), max: z.number().optional(), points: z.number().min(0).max(100) })
  .strict();

export const QuestionSchema = z
  .object({
    id: Slug,
    text: Text(2000),
    guidance: z.string().max(4000).default(''),
    type: z.enum(QUESTION_TYPES),
    choices: z.array(ChoiceSchema).max(50).optional(),
    /** yes-no: whether "partial" may be answered, and the points of each answer. */
    allowPartial: z.boolean().default(true),
    yesNoPoints: z
      .object({
        yes: z.number().min(0).max(100),
        partial: z.number().min(0).max(100),
        no: z.number().min(0).max(100),
      })
      .strict()
      .optional(),
    unit: z.string().max(40).optional(),
    /** number: the smallest and largest answer that can be true (0 hours, 100 %). */
    min: z.number().optional(),
    max: z.number().optional(),
    numberBands: z.array(NumberBandSchema).max(20).optional(),
    weight: z.number().min(0).max(10).default(1),
    required: z.boolean().default(false),
    showIf: ConditionSchema.optional(),
    redFlags: z.array(RedFlagRuleSchema).max(20).default([]),
    /** For the self-assessment roadmap: how hard the control is and how long it takes to put in place. */
    effort: z
      .object({
        complexity: z.enum(['low', 'medium', 'high']),
        weeks: z.number().min(0).max(104),
      })
      .strict()
      .optional(),
    evidence: z
      .object({
        kinds: z.array(z.enum(EVIDENCE_KINDS)).min(1),
        validForMonths: z.number().int().min(1).max(120),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const isChoice = q.type === 'single-choice' || q.type === 'multiple-choice';
    if (isChoice && (!q.choices || q.choices.length < 2)) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'A choice question needs at least two choices',
      });
    }
    if (!isChoice && q.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `A ${q.type} question has no choices` });
    }
    if (q.type === 'evidence' && !q.evidence) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: 'An evidence question names the evidence kinds and how long they stay valid',
      });
    }
    if (q.numberBands && q.type !== 'number') {
      ctx.addIssue({
        code: 'custom',
        path: ['numberBands'],
        message: 'Only number questions have number bands',
      });
    }
    for (const bound of ['min', 'max'] as const)
      if (q[bound] !== undefined && q.type !== 'number')
        ctx.addIssue({ code: 'custom', path: [bound], message: `Only number questions have a ${bound}imum` });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'The maximum is below the minimum' });
  });

export const SectionSchema = z
  .object({
    id: Slug,
    title: Text(200),
    guidance: z.string().max(4000).default(''),
    questions: z.array(QuestionSchema).min(1).max(500),
    /** Rules that belong to the section rather than one question (VSAQ warnings). */
    redFlags: z.array(RedFlagRuleSchema).max(200).default([]),
  })
  .strict();

export const QuestionnaireSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal('vendor-risk-questionnaire/1', {
      error: 'format must be "vendor-risk-questionnaire/1"',
    }),
    id: Slug,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is a semantic version such as 1.2.0'),
    title: Text(200),
    description: z.string().max(4000).default(''),
    /** self: the user's own warehouse; vendor: a vendor's review. */
    audience: z.enum(['vendor', 'self']).default('vendor'),
    categories: z.array(VendorCategorySchema).default([]),
    /** Suggested when the vendor touches any of these data kinds. */
    dataKinds: z.array(z.string()).default([]),
    sections: z.array(SectionSchema).min(1).max(100),
  })
  .strict();

export type Choice = z.infer<typeof ChoiceSchema>;
export type RedFlagRule = z.infer<typeof RedFlagRuleSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;
export type QuestionnaireInput = z.input<typeof QuestionnaireSchema>;

/** Compares semantic versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Every question of a questionnaire in order, with its section. */
export function allQuestions(q: Questionnaire): { section: Section; question: Question }[] {
  return q.sections.flatMap((section) => section.questions.map((question) => ({ section, question })));
}

/** A questionnaire as the library lists it. */
export const QuestionnaireSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string(),
  audience: z.enum(['vendor', 'self']),
  categories: z.array(z.string()),
  dataKinds: z.array(z.string()),
  sections: z.number(),
  questions: z.number(),
  source: z.string(),
});
export type QuestionnaireSummary = z.output<typeof QuestionnaireSummarySchema>;

/** The formats a questionnaire file is read in: ours, or a Google VSAQ template. */
export const QUESTIONNAIRE_FORMATS = ['native', 'vsaq'] as const;
export type QuestionnaireFormat = (typeof QUESTIONNAIRE_FORMATS)[number];
