import { z } from 'zod';
import { AssessmentIdSchema, IsoDateSchema } from './primitives';

export const DECISIONS = ['approve', 'approve-with-conditions', 'reject'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** Human labels for {@link DECISIONS}. */
export const DECISION_LABELS: Record<DecisionKind, string> = {
  approve: 'Approved',
  'approve-with-conditions': 'Approved with conditions',
  reject: 'Rejected',
};

/** A condition of an approval: what must happen, who owns it, by when. */
export const ConditionItemSchema = z
  .object({
    text: z.string().trim().min(1, 'Say what must be done').max(1000),
    owner: z.string().trim().min(1, 'Name who owns it').max(200),
    due: IsoDateSchema,
  })
  .strict();

/** What a reviewer records. */
export const DecisionInputSchema = z
  .object({
    assessmentId: AssessmentIdSchema,
    decision: z.enum(DECISIONS, { error: `Decision must be one of: ${DECISIONS.join(', ')}` }),
    conditions: z.array(ConditionItemSchema).max(50).default([]),
    notes: z.string().max(5000).default(''),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.decision === 'approve-with-conditions' && d.conditions.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'An approval with conditions needs at least one condition',
      });
    }
    if (d.decision !== 'approve-with-conditions' && d.conditions.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'Only an approval with conditions has conditions',
      });
    }
  });
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const DecisionSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  assessmentTitle: z.string(),
  decision: z.enum(DECISIONS),
  conditions: z.array(ConditionItemSchema),
  notes: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** Conditions whose due date has passed on a day. */
export function overdueConditions(d: Pick<Decision, 'conditions'>, today: string) {
  return d.conditions.filter((c) => c.due < today);
}
