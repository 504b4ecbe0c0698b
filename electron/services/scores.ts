import { AppError } from '../domain/errors';
import { answerKey } from '../domain/evaluate-assessment';
import { scoreAssessment } from '../domain/scoring';
import type { AssessmentScore, ScoreTrendPoint, VendorScore } from '../domain/score-shapes';
import {
  DEFAULT_RISK_SETTINGS,
  inherentRisk,
  nextReassessment,
  residualRisk,
  RiskSettingsSchema,
  isProvisional,
  tierOf,
  vendorTier,
  type RiskSettings,
} from '../domain/risk';
import type { AnswerValue } from '../domain/answer';
import { recordAudit, type ServiceContext } from './context';
import type { QuestionnaireService } from './questionnaires';
import { selfAssessmentResult, type SelfAssessmentResult } from '../domain/roadmap';
import { clausePart } from './clause-library';
import {
  DEVICE_QUESTIONNAIRE_ID,
  devicePostureQuestionnaire,
  postureAnswers,
  type Posture,
} from '../domain/device-checks';
import { vendorVulnerabilityFlags } from '../domain/vulnerabilities/match-rollup';
import type { Storage } from '../storage/storage';

const RISK_KEY = 'risk';

/** Scores, risk and tiers: the model of docs/scoring.md applied to stored assessments. */
export function createScoreService(
  ctx: ServiceContext,
  questionnaires: QuestionnaireService,
  /** The vendor's device posture (devices it makes in our inventory), or null when it has none. */
  devicePosture: (vendorId: string) => Posture | null = () => null,
) {
  const { storage } = ctx;

  const riskSettings = (): RiskSettings => {
    const parsed = RiskSettingsSchema.safeParse(storage.settings.get(RISK_KEY));
    return parsed.success ? parsed.data : DEFAULT_RISK_SETTINGS;
  };

  const questionnairesOf = (row: { questionnaires: { id: string; version: string }[] }) =>
    row.questionnaires.map((p) => questionnaires.pinned(p.id, p.version));
  const answersOf = (assessmentId: string) =>
    new Map<string, AnswerValue | null>(
      storage.assessments
        .answers(assessmentId)
        .map((a) => [answerKey(a.questionnaireId, a.questionId), a.answer]),
    );

  return {
    riskSettings,

    /** Changes the tier thresholds, intervals or knockout cap. */
    setRiskSettings(settings: RiskSettings): RiskSettings {
      return storage.transaction(() => {
        const before = riskSettings();
        storage.settings.set(RISK_KEY, settings, ctx.now().toISOString());
        recordAudit(ctx, 'settings', RISK_KEY, 'update', before, settings);
        return settings;
      });
    },

    /** Maturity per area and the roadmap of a self-assessment. */
    selfResult(assessmentId: string): SelfAssessmentResult {
      const row = storage.assessments.get(assessmentId);
      if (!row) throw new AppError('NOT_FOUND', `No assessment with id ${assessmentId}`);
      if (row.vendorId)
        throw new AppError('INVALID_INPUT', 'This is a vendor assessment; its score is on the vendor page');
      return selfAssessmentResult(
        questionnairesOf(row),
        answersOf(row.id),
        ctx.now().toISOString().slice(0, 10),
      );
    },

    /** The vendor's score and tier at each of its assessments, oldest first. */
    trend(vendorId: string): ScoreTrendPoint[] {
      const vendor = storage.vendors.get(vendorId);
      if (!vendor) throw new AppError('NOT_FOUND', `No vendor with id ${vendorId}`);
      const settings = riskSettings();
      const inherent = inherentRisk(vendor).value;
      const today = ctx.now().toISOString().slice(0, 10);
      return storage.assessments
        .listForVendor(vendorId)
        .reverse()
        .map((row) => {
          const s = scoreAssessment({
            questionnaires: questionnairesOf(row),
            answers: answersOf(row.id),
            evidence: storage.evidence.listForAssessment(row.id),
            today,
            explain: false,
          });
          const knockouts = s.flags.filter((f) => f.knockout).length;
          const { tier } = vendorTier(
            residualRisk(inherent, s.score, settings),
            knockouts,
            s.completeness,
            settings,
          );
          return {
            assessmentId: row.id,
            title: row.title,
            status: row.status,
            date: (row.submittedAt ?? row.createdAt).slice(0, 10),
            score: s.score,
            completeness: s.completeness,
            knockouts,
            tier,
            provisional: s.score !== null && isProvisional(s.completeness, settings),
          };
        });
    },

    /**
     * A vendor's score: its latest submitted or closed assessment (else the latest in
     * progress), the risk from its profile, the tier and the next reassessment.
     */
    vendor(vendorId: string): VendorScore {
      const vendor = storage.vendors.get(vendorId);
      if (!vendor) throw new AppError('NOT_FOUND', `No vendor with id ${vendorId}`);
      const settings = riskSettings();
      const all = storage.assessments.listForVendor(vendorId);
      const chosen = all.find((a) => a.status !== 'in-progress') ?? all[0] ?? null;
      const today = ctx.now().toISOString().slice(0, 10);
      let scored: AssessmentScore = {
        score: null,
        completeness: 0,
        answered: 0,
        applicable: 0,
        domains: [],
        contributions: [],
        flags: [],
      };
      // The vendor's clauses count through the same rules as answers, as one more domain.
      const clauses = clausePart(storage, ctx.now, vendorId);
      // So do the open findings of the devices it makes, as a device-posture domain.
      const posture = devicePosture(vendorId);
      if (chosen || clauses || posture) {
        const assessment = chosen ? questionnairesOf(chosen) : [];
        const answers = chosen ? answersOf(chosen.id) : new Map<string, AnswerValue | null>();
        for (const [key, answer] of clauses?.answers ?? []) answers.set(key, answer);
        for (const [key, answer] of posture ? postureAnswers(posture) : []) answers.set(key, answer);
        scored = scoreAssessment({
          questionnaires: [
            ...assessment,
            ...(clauses ? [clauses.questionnaire] : []),
            ...(posture ? [devicePostureQuestionnaire()] : []),
          ],
          answers,
          evidence: chosen ? storage.evidence.listForAssessment(chosen.id) : [],
          today,
        });
        // The device vulnerability flags say which CVEs, since when, and whether a fix exists.
        if (posture) scored = { ...scored, flags: withVulnerabilityDetail(storage, vendorId, scored.flags) };
        // Completeness is the assessment's: clauses not yet agreed are flags, not unanswered questions.
        const ids = new Set(assessment.map((q) => q.id));
        const assessed = scored.domains.filter((d) => ids.has(d.questionnaireId));
        const answered = assessed.reduce((n, d) => n + d.answered, 0);
        const applicable = assessed.reduce((n, d) => n + d.applicable, 0);
        scored = { ...scored, answered, applicable, completeness: applicable ? answered / applicable : 0 };
      }
      const inherent = inherentRisk(vendor);
      const residual = residualRisk(inherent.value, scored.score, settings);
      const knockouts = scored.flags.filter((f) => f.knockout).length;
      const { tier, cappedByKnockout } = vendorTier(residual, knockouts, scored.completeness, settings);
      // A score there is, on too few answers; no score at all is not provisional, only absent.
      const provisional = scored.score !== null && isProvisional(scored.completeness, settings);
      const lastAssessed =
        chosen && chosen.status !== 'in-progress'
          ? (chosen.submittedAt ?? chosen.updatedAt).slice(0, 10)
          : null;
      // Without a tier (a provisional score) the next reassessment follows the tier of the
      // inherent risk, as if no control counted: the cautious interval, not the score's.
      const scheduleTier = tier ?? tierOf(inherent.value, knockouts, settings).tier;
      const next = lastAssessed ? nextReassessment(lastAssessed, scheduleTier, settings) : null;
      return {
        ...scored,
        vendorId,
        assessment: chosen
          ? { id: chosen.id, title: chosen.title, status: chosen.status, updatedAt: chosen.updatedAt }
          : null,
        inherent,
        residual,
        tier,
        cappedByKnockout,
        provisional,
        provisionalBelow: settings.provisionalBelow,
        knockouts,
        lastAssessed,
        nextReassessment: next,
        overdue: next !== null && next < today,
        devices: posture,
        contract: clauses && {
          clauses: clauses.evaluations.length,
          agreed: clauses.evaluations.filter((e) => e.status === 'agreed').length,
          deviations: clauses.evaluations.filter((e) => e.state === 'deviates').length,
          contradictions: clauses.evaluations.filter((e) => e.state === 'contradicts').length,
        },
      };
    },
  };
}

/**
 * A vendor's device-posture flags with the vulnerability ones in full (match-rollup.ts):
 * the devices, the CVEs, in KEV since when, and whether a fix exists and since when.
 */
function withVulnerabilityDetail(
  storage: Storage,
  vendorId: string,
  flags: AssessmentScore['flags'],
): AssessmentScore['flags'] {
  const mine = flags.filter(
    (f) =>
      f.questionnaireId === DEVICE_QUESTIONNAIRE_ID &&
      (f.questionId === 'kev-exploited' || f.questionId === 'critical-cve'),
  );
  if (!mine.length) return flags;
  const detail = vendorVulnerabilityFlags(storage.vulnerabilities.list({ vendorId, kev: false }));
  const message = (questionId: string | null) =>
    detail.find((d) => d.knockout === (questionId === 'kev-exploited'))?.message;
  return flags.map((f) => (mine.includes(f) ? { ...f, message: message(f.questionId) ?? f.message } : f));
}
