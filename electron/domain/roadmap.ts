/**
 * The self-assessment result: maturity per area and a roadmap of the controls still
 * missing, quick wins first (low complexity and short time to deploy before the
 * bigger projects), as the guide advises: MFA, encryption and device identity before
 * model registries, adversarial testing and continuous third-party monitoring.
 */
import { z } from 'zod';
import { answerPoints, scoreAssessment } from './scoring';
import { answerKey } from './evaluate-assessment';
import type { AnswerValue } from './answer';
import type { Questionnaire } from './questionnaire';

export const MATURITY_LEVELS = [
  { min: 75, label: 'Managed' },
  { min: 50, label: 'Defined' },
  { min: 25, label: 'Developing' },
  { min: 0, label: 'Initial' },
] as const;

export const PHASES = ['quick-win', 'next', 'project'] as const;
export type Phase = (typeof PHASES)[number];

/** A control still missing, placed on the roadmap. */
export const RoadmapItemSchema = z.object({
  questionnaireId: z.string(),
  questionId: z.string(),
  area: z.string(),
  control: z.string(),
  answer: z.string(),
  complexity: z.enum(['low', 'medium', 'high']),
  weeks: z.number(),
  /** Score points the overall result gains when the control is fully in place. */
  gain: z.number(),
  phase: z.enum(PHASES),
});
export type RoadmapItem = z.output<typeof RoadmapItemSchema>;

/** A self-assessment's maturity per area and its roadmap. */
export const SelfAssessmentResultSchema = z.object({
  score: z.number().nullable(),
  completeness: z.number(),
  maturity: z.array(
    z.object({ area: z.string(), sectionId: z.string(), score: z.number().nullable(), level: z.string() }),
  ),
  roadmap: z.array(RoadmapItemSchema),
  /** Controls not yet answered: the roadmap cannot place them. */
  unanswered: z.number(),
});
export type SelfAssessmentResult = z.output<typeof SelfAssessmentResultSchema>;

const COMPLEXITY_RANK = { low: 0, medium: 1, high: 2 } as const;
const DEFAULT_EFFORT = { complexity: 'medium', weeks: 8 } as const;

/** The maturity of an area none of whose controls apply. */
const NOT_APPLICABLE = 'Not applicable';

/** The maturity label of a 0–100 score. */
export function maturityLevel(score: number | null): string {
  if (score === null) return 'Not assessed';
  return MATURITY_LEVELS.find((l) => score >= l.min)!.label;
}

/** Maturity per area and the roadmap, from a self-assessment's answers. */
export function selfAssessmentResult(
  questionnaires: readonly Questionnaire[],
  answers: ReadonlyMap<string, AnswerValue | null>,
  today: string,
): SelfAssessmentResult {
  const scored = scoreAssessment({ questionnaires, answers, evidence: [], today });
  const visible = new Set(scored.contributions.map((c) => answerKey(c.questionnaireId, c.questionId)));
  const totalWeight = scored.contributions.reduce((n, c) => n + c.weight, 0);
  const roadmap: RoadmapItem[] = [];
  // Questions shown but not yet answered (hidden ones are not asked, so not counted).
  const unanswered = scored.applicable - scored.answered;
  for (const q of questionnaires) {
    for (const section of q.sections) {
      for (const question of section.questions) {
        const key = answerKey(q.id, question.id);
        const answer = answers.get(key);
        if (!answer || !visible.has(key)) continue;
        const points = answerPoints(question, answer, [], today);
        if (!points || points.points >= 100) continue;
        const effort = question.effort ?? DEFAULT_EFFORT;
        roadmap.push({
          questionnaireId: q.id,
          questionId: question.id,
          area: section.title,
          control: question.text,
          answer: points.words,
          complexity: effort.complexity,
          weeks: effort.weeks,
          gain: totalWeight
            ? Math.round(((question.weight * (100 - points.points)) / totalWeight) * 10) / 10
            : 0,
          phase:
            effort.complexity === 'low' && effort.weeks <= 4
              ? 'quick-win'
              : effort.complexity === 'high'
                ? 'project'
                : 'next',
        });
      }
    }
  }
  roadmap.sort(
    (a, b) =>
      PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) ||
      COMPLEXITY_RANK[a.complexity] - COMPLEXITY_RANK[b.complexity] ||
      a.weeks - b.weeks ||
      b.gain - a.gain,
  );
  return {
    score: scored.score,
    completeness: scored.completeness,
    maturity: scored.domains.map((d) => ({
      area: d.title,
      sectionId: d.sectionId,
      score: d.score,
      // Every question shown is answered and none is a control: the area does not apply
      // ("Do we use AI?" No hides the model questions), which is not the same as unassessed.
      level:
        d.score === null && d.answered > 0 && d.answered === d.applicable
          ? NOT_APPLICABLE
          : maturityLevel(d.score),
    })),
    roadmap,
    unanswered,
  };
}
