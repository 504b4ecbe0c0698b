import { DEFAULT_VENDOR_QUERY } from '../domain/vendor';
import { summarisePortfolio, type PortfolioEntry, type PortfolioSummary } from '../domain/portfolio';
import type { Evidence } from '../domain/assessment';
import type { ServiceContext } from './context';
import type { QuestionnaireService } from './questionnaires';
import { createScoreService } from './scores';

/**
 * The portfolio dashboard: every vendor's score (the same model as the vendor page) and
 * the evidence of its scored assessment, aggregated by domain/portfolio.
 */
export function createPortfolioService(ctx: ServiceContext, questionnaires: QuestionnaireService) {
  const { storage } = ctx;
  return {
    summary(): PortfolioSummary {
      // Scores come from the score service itself (no second copy of the model), over
      // questionnaires parsed once per call instead of once per vendor. No transaction:
      // storage's is BEGIN IMMEDIATE and would block the app's writes while this reads.
      {
        const scores = createScoreService(ctx, memoPinned(questionnaires));
        const today = ctx.now().toISOString().slice(0, 10);
        const entries: PortfolioEntry[] = [];
        const evidence: Evidence[] = [];
        for (const vendor of storage.vendors.list(DEFAULT_VENDOR_QUERY).items) {
          if (vendor.status === 'offboarded') {
            entries.push({ vendor, result: UNSCORED });
            continue;
          }
          const result = scores.vendor(vendor.id);
          entries.push({ vendor, result });
          if (result.assessment) evidence.push(...storage.evidence.listForAssessment(result.assessment.id));
        }
        return summarisePortfolio(entries, evidence, today);
      }
    },
  };
}

/** Offboarded vendors are only counted, so they are not scored. */
const UNSCORED: PortfolioEntry['result'] = {
  assessment: null,
  score: null,
  residual: 0,
  tier: 'low',
  knockouts: 0,
  flags: [],
  lastAssessed: null,
  nextReassessment: null,
};

/** The questionnaire service with `pinned` remembered for the length of one summary. */
function memoPinned(questionnaires: QuestionnaireService): QuestionnaireService {
  const seen = new Map<string, ReturnType<QuestionnaireService['pinned']>>();
  return {
    ...questionnaires,
    pinned(id, version) {
      const key = `${id}@${version}`;
      let q = seen.get(key);
      if (!q) {
        q = questionnaires.pinned(id, version);
        seen.set(key, q);
      }
      return q;
    },
  };
}
