/**
 * The planned evaluation (questionnaires laid out once, visibility by position) against
 * the plain one it replaced, question by question with maps of ids: the same visible
 * questions in the same order, flags, progress and scores, on generated questionnaires
 * with show-if chains, `visible` tests, cycles, refusals and section rules.
 */
import { describe, it, expect } from 'vitest';
import {
  answerKey,
  evaluateAssessment,
  type AssessmentState,
} from '../../electron/domain/evaluate-assessment';
import { evaluateCondition, type AnswerView, type Condition } from '../../electron/domain/condition';
import { matchesPattern } from '../../electron/domain/pattern';
import { answerPoints, scoreAssessment } from '../../electron/domain/scoring';
import { QuestionnaireSchema, SEVERITIES, type Questionnaire } from '../../electron/domain/questionnaire';
import type { AnswerValue } from '../../electron/domain/answer';

/** The evaluation as it was written before plans: maps by id, a view per asked question. */
function referenceEvaluate(
  questionnaires: readonly Questionnaire[],
  answers: ReadonlyMap<string, AnswerValue | null>,
): AssessmentState {
  const visible = new Set<string>();
  const flags: AssessmentState['flags'] = [];
  const sections: AssessmentState['sections'] = [];
  let answered = 0;
  let applicable = 0;
  for (const q of questionnaires) {
    const all = q.sections.flatMap((s) => s.questions);
    const byId = new Map(all.map((x) => [x.id, x]));
    const keys = new Map(all.map((x) => [x.id, answerKey(q.id, x.id)]));
    const memo = new Map<string, boolean>();
    const visiting = new Set<string>();
    const isVisible = (id: string): boolean => {
      const question = byId.get(id);
      if (!question) return false;
      if (!question.showIf) return true;
      const cached = memo.get(id);
      if (cached !== undefined) return cached;
      if (visiting.has(id)) return false;
      visiting.add(id);
      const result = evaluateCondition(question.showIf, ctx);
      visiting.delete(id);
      memo.set(id, result);
      return result;
    };
    const views = new Map<string, AnswerView>();
    const view = (id: string): AnswerView => {
      let v = views.get(id);
      if (!v) {
        const a = answers.get(keys.get(id) ?? answerKey(q.id, id));
        v =
          !a || !isVisible(id)
            ? { state: 'unanswered' }
            : a.status !== 'answered'
              ? { state: a.status }
              : Array.isArray(a.value)
                ? { state: 'answered', values: a.value }
                : { state: 'answered', value: a.value };
        views.set(id, v);
      }
      return v;
    };
    const ctx = { answer: view, isVisible, matches: matchesPattern };
    for (const section of q.sections) {
      const progress = {
        questionnaireId: q.id,
        sectionId: section.id,
        title: section.title,
        answered: 0,
        applicable: 0,
        visible: 0,
      };
      for (const question of section.questions) {
        if (!isVisible(question.id)) continue;
        visible.add(keys.get(question.id)!);
        progress.visible += 1;
        const a = view(question.id);
        if (a.state !== 'not-applicable') progress.applicable += 1;
        if (a.state === 'answered' || a.state === 'refused') progress.answered += 1;
        if (a.state === 'refused' && question.redFlags.length > 0) {
          const worst = [...question.redFlags].sort(
            (x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity),
          )[0]!;
          flags.push({
            questionnaireId: q.id,
            ruleId: worst.id,
            questionId: question.id,
            severity: worst.severity,
            message: worst.message,
            knockout: question.redFlags.some((r) => r.knockout),
            reason: 'refused',
          });
        } else {
          for (const rule of question.redFlags)
            if (evaluateCondition(rule.when, ctx))
              flags.push({
                questionnaireId: q.id,
                ruleId: rule.id,
                questionId: question.id,
                severity: rule.severity,
                message: rule.message,
                knockout: rule.knockout,
                reason: 'rule',
              });
        }
      }
      for (const rule of section.redFlags)
        if (evaluateCondition(rule.when, ctx))
          flags.push({
            questionnaireId: q.id,
            ruleId: rule.id,
            questionId: null,
            severity: rule.severity,
            message: rule.message,
            knockout: rule.knockout,
            reason: 'rule',
          });
      answered += progress.answered;
      applicable += progress.applicable;
      sections.push(progress);
    }
  }
  return { visible, flags, sections, answered, applicable };
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHOICES = ['a', 'b', 'c'];

/** A questionnaire of 2–4 sections whose show-ifs and rules name questions anywhere in it (cycles included). */
function generatedQuestionnaire(rnd: () => number, id: string): Questionnaire {
  const sections = 2 + Math.floor(rnd() * 3);
  const ids: string[] = [];
  for (let s = 0; s < sections; s++) for (let i = 0; i < 6; i++) ids.push(`q${s}_${i}`);
  const pick = () => ids[Math.floor(rnd() * ids.length)]!;
  const test = (): Condition => {
    const r = rnd();
    if (r < 0.15) return { visible: pick() };
    if (r < 0.25) return { question: pick(), state: 'refused' };
    if (r < 0.35) return { not: { question: pick(), is: 'no' } };
    if (r < 0.45)
      return {
        any: [
          { question: pick(), in: ['yes', 'a'] },
          { question: pick(), gte: 3 },
        ],
      };
    if (r < 0.55) return { question: pick(), includes: 'b' };
    return { question: pick(), in: ['yes', 'partial', 'b'] };
  };
  const severity = () => SEVERITIES[Math.floor(rnd() * SEVERITIES.length)]!;
  return QuestionnaireSchema.parse({
    format: 'vendor-risk-questionnaire/1',
    id,
    version: '1.0.0',
    title: id,
    sections: Array.from({ length: sections }, (_, s) => ({
      id: `s${s}`,
      title: `Section ${s}`,
      questions: Array.from({ length: 6 }, (_, i) => {
        const kind = i % 4;
        return {
          id: `q${s}_${i}`,
          text: `Question ${s}.${i}`,
          type: ['yes-no', 'single-choice', 'multiple-choice', 'number'][kind],
          weight: Math.floor(rnd() * 4),
          ...(kind === 1 || kind === 2
            ? { choices: CHOICES.map((c, n) => ({ id: c, label: c.toUpperCase(), points: n * 50 })) }
            : {}),
          ...(kind === 3
            ? {
                numberBands: [
                  { max: 2, points: 0 },
                  { min: 2, points: 100 },
                ],
              }
            : {}),
          ...(rnd() < 0.4 ? { showIf: test() } : {}),
          redFlags: Array.from({ length: Math.floor(rnd() * 3) }, (_, n) => ({
            id: `f${s}_${i}_${n}`,
            when: test(),
            severity: severity(),
            message: `Flag ${s}.${i}.${n}`,
            knockout: rnd() < 0.2,
          })),
        };
      }),
      redFlags:
        rnd() < 0.5
          ? [{ id: `sf${s}`, when: test(), severity: severity(), message: `Section ${s}`, knockout: false }]
          : [],
    })),
  });
}

function generatedAnswers(rnd: () => number, questionnaires: readonly Questionnaire[]) {
  const answers = new Map<string, AnswerValue | null>();
  for (const q of questionnaires)
    for (const question of q.sections.flatMap((s) => s.questions)) {
      const r = rnd();
      const key = answerKey(q.id, question.id);
      if (r < 0.1) continue;
      if (r < 0.15) answers.set(key, null);
      else if (r < 0.25) answers.set(key, { status: 'refused' });
      else if (r < 0.32) answers.set(key, { status: 'not-applicable' });
      else if (question.type === 'yes-no')
        answers.set(key, { status: 'answered', value: ['yes', 'partial', 'no'][Math.floor(rnd() * 3)]! });
      else if (question.type === 'single-choice')
        answers.set(key, { status: 'answered', value: CHOICES[Math.floor(rnd() * 3)]! });
      else if (question.type === 'multiple-choice')
        answers.set(key, { status: 'answered', value: CHOICES.filter(() => rnd() < 0.5) });
      else answers.set(key, { status: 'answered', value: Math.floor(rnd() * 5) });
    }
  return answers;
}

describe('the planned evaluation', () => {
  it('equals the plain evaluation and scoring on 400 generated assessments', () => {
    const rnd = random(17);
    for (let n = 0; n < 400; n++) {
      const questionnaires = [
        generatedQuestionnaire(rnd, `g${n}`),
        ...(n % 3 ? [] : [generatedQuestionnaire(rnd, `h${n}`)]),
      ];
      // The same questionnaire objects twice: the second evaluation reuses the plan.
      for (const answers of [generatedAnswers(rnd, questionnaires), generatedAnswers(rnd, questionnaires)]) {
        const expected = referenceEvaluate(questionnaires, answers);
        const got = evaluateAssessment(questionnaires, answers);
        expect([...got.visible]).toEqual([...expected.visible]);
        expect(got).toEqual(expected);

        // Scores: the shown questions' points, section by section, as the plain loop added them.
        let earned = 0;
        let max = 0;
        const domains: (number | null)[] = [];
        for (const q of questionnaires)
          for (const section of q.sections) {
            let e = 0;
            let m = 0;
            for (const question of section.questions) {
              const key = answerKey(q.id, question.id);
              const answer = answers.get(key);
              if (!answer || !expected.visible.has(key)) continue;
              const scored = answerPoints(question, answer, [], '2027-01-01');
              if (!scored) continue;
              e += (question.weight * scored.points) / 100;
              m += question.weight;
            }
            earned += e;
            max += m;
            domains.push(m > 0 ? Math.round(((100 * e) / m) * 10) / 10 : null);
          }
        const score = scoreAssessment({ questionnaires, answers, evidence: [], today: '2027-01-01' });
        expect(score.score).toBe(max > 0 ? Math.round(((100 * earned) / max) * 10) / 10 : null);
        expect(score.domains.map((d) => d.score)).toEqual(domains);
        expect(score.domains.map((d) => [d.answered, d.applicable])).toEqual(
          expected.sections.map((s) => [s.answered, s.applicable]),
        );
        expect(score.flags).toEqual(expected.flags);
        const quick = scoreAssessment({
          questionnaires,
          answers,
          evidence: [],
          today: '2027-01-01',
          explain: false,
        });
        expect({ ...quick, contributions: score.contributions }).toEqual(score);
      }
    }
  });
});
