import { AppError } from '../domain/errors';
import type { Decision, DecisionInput } from '../domain/decision';
import { recordAudit, type ServiceContext } from './context';

/** Decisions on assessments: approve, approve with conditions, reject — who and when. */
export function createDecisionService(ctx: ServiceContext) {
  const { storage } = ctx;
  return {
    /** Records a decision on a submitted or closed assessment. */
    record(input: DecisionInput): Decision {
      return storage.transaction(() => {
        const assessment = storage.assessments.get(input.assessmentId);
        if (!assessment) throw new AppError('NOT_FOUND', `No assessment with id ${input.assessmentId}`);
        if (!assessment.vendorId)
          throw new AppError('INVALID_INPUT', 'A self-assessment has no vendor decision');
        if (assessment.status === 'in-progress') {
          throw new AppError('CONFLICT', 'Submit the assessment before recording a decision on it');
        }
        const decision: Decision = {
          id: ctx.newId(),
          assessmentId: assessment.id,
          assessmentTitle: assessment.title,
          decision: input.decision,
          conditions: input.conditions,
          notes: input.notes,
          decidedBy: ctx.actor(),
          decidedAt: ctx.now().toISOString(),
        };
        storage.decisions.insert(decision);
        recordAudit(ctx, 'decision', decision.id, 'create', null, decision);
        return decision;
      });
    },

    /** A vendor's decisions, newest first. */
    list(vendorId: string): Decision[] {
      return storage.decisions.listForVendor(vendorId);
    },
  };
}
