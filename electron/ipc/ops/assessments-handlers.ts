/** The handler table of the assessment and evidence operations. */
import { loadBuiltinQuestionnaires } from '../../services/builtin-questionnaires';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { assessmentOps } from './assessments';

/** The service call behind each assessment operation. */
export function assessmentHandlers({ services }: HandlerContext): HandlerTable<typeof assessmentOps> {
  return {
    'assessments.start': async ({ vendorId, questionnaireIds }) => {
      await loadBuiltinQuestionnaires();
      return services.assessments.start(vendorId, questionnaireIds);
    },
    'assessments.list': ({ vendorId }) => services.assessments.list(vendorId),
    'assessments.get': ({ id }) => services.assessments.get(id),
    'assessments.answer': ({ id, answer, position }) => services.assessments.answer(id, answer, position),
    'assessments.answerMany': ({ id, answers, source }) =>
      services.assessments.answerMany(id, answers, source),
    'assessments.setPosition': ({ id, position }) => services.assessments.setPosition(id, position),
    'assessments.review': ({ id }) => ({
      ...services.assessments.review(id),
      knockoutTier: services.scores.riskSettings().knockoutTier,
    }),
    'assessments.setStatus': ({ id, status, version, from }) =>
      services.assessments.setStatus(
        id,
        status,
        version === undefined ? undefined : { version, ...(from ? { status: from } : {}) },
      ),
    'assessments.selfResult': ({ id }) => services.scores.selfResult(id),
    'evidence.attach': (input) => services.assessments.attachEvidence(input),
    'evidence.list': ({ vendorId }) => services.assessments.evidenceForVendor(vendorId),
  };
}
