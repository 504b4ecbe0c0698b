import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';
import { answerKey } from '../../electron/domain/evaluate-assessment';
import { flagQuestionId, remainingWords, reviewAssessment } from '../../electron/domain/assessment-review';
import type { AnswerValue } from '../../electron/domain/answer';
import type { Questionnaire } from '../../electron/domain/questionnaire';
import { openApp, vendorInput } from './helpers';

const exampleText = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const parse = (raw: unknown): Questionnaire => {
  const r = parseQuestionnaire(raw);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value;
};
const example = parse(JSON.parse(exampleText));

/** A questionnaire with a rule on a whole section and a yes-no question that asks for evidence. */
const sectioned = parse({
  format: 'vendor-risk-questionnaire/1',
  id: 'audits',
  version: '1.0.0',
  title: 'Audits',
  sections: [
    {
      id: 'reports',
      title: 'Reports',
      questions: [
        { id: 'has_soc2', text: 'Do you have a SOC 2 report?', type: 'yes-no', required: true },
        {
          id: 'soc2_scope',
          text: 'Does it cover the service we buy?',
          type: 'yes-no',
          evidence: { kinds: ['soc2-type2'], validForMonths: 12 },
        },
      ],
      redFlags: [
        {
          id: 'no_assurance',
          when: { all: [{ const: true }, { question: 'soc2_scope', is: 'no' }] },
          severity: 'high',
          message: 'No independent assurance of the service.',
        },
      ],
    },
  ],
});

const answers = (qid: string, a: Record<string, AnswerValue>) =>
  new Map(Object.entries(a).map(([k, v]) => [answerKey(qid, k), v]));
const TODAY = '2026-12-06';

describe('reviewing an assessment before submitting', () => {
  it('lists the required questions left apart from the others, and only shown ones', () => {
    const review = reviewAssessment({
      questionnaires: [example],
      answers: new Map(),
      evidence: [],
      today: TODAY,
    });
    expect(review.unansweredRequired.map((q) => q.questionId)).toEqual(['fw_signed']);
    expect(review.unansweredRequired[0]).toMatchObject({
      questionnaireTitle: 'Firmware signing (example)',
      sectionTitle: 'Signing',
      required: true,
    });
    // fw_key_storage is hidden until fw_signed is yes or partial: not asked for.
    expect(review.unansweredOther.map((q) => q.questionId)).toEqual(['fw_patch_days', 'fw_statement']);
  });

  it('counts not applicable and refused as answered, and gives each flag its question', () => {
    const review = reviewAssessment({
      questionnaires: [example],
      answers: answers(example.id, {
        fw_signed: { status: 'answered', value: 'no' },
        fw_patch_days: { status: 'not-applicable' },
        fw_statement: { status: 'refused' },
      }),
      evidence: [],
      today: TODAY,
    });
    expect(review.unansweredRequired).toEqual([]);
    expect(review.unansweredOther).toEqual([]);
    expect(review.knockouts).toBe(1);
    expect(review.flags).toEqual([
      expect.objectContaining({
        ruleId: 'fw_unsigned',
        knockout: true,
        target: expect.objectContaining({ questionId: 'fw_signed' }),
      }),
    ]);
    // A refused evidence question is not "missing evidence": the refusal says it.
    expect(review.evidenceMissing).toEqual([]);
  });

  it('links a section rule to the first question its condition reads', () => {
    const state = { soc2_scope: { status: 'answered', value: 'no' } } as const;
    const review = reviewAssessment({
      questionnaires: [sectioned],
      answers: answers('audits', state),
      evidence: [],
      today: TODAY,
    });
    expect(review.flags).toHaveLength(1);
    expect(review.flags[0]).toMatchObject({ questionId: null, target: { questionId: 'soc2_scope' } });
    expect(flagQuestionId([sectioned], review.flags[0]!)).toBe('soc2_scope');
    expect(flagQuestionId([], review.flags[0]!)).toBeNull();
  });

  it('says which questions asking for evidence have none, or none still valid', () => {
    const base = { questionnaireId: 'audits', questionId: 'soc2_scope', kind: 'soc2-type2' as const };
    const run = (evidence: Parameters<typeof reviewAssessment>[0]['evidence']) =>
      reviewAssessment({
        questionnaires: [sectioned],
        answers: answers('audits', { soc2_scope: { status: 'answered', value: 'yes' } }),
        evidence,
        today: TODAY,
      }).evidenceMissing;
    expect(run([])).toEqual([
      expect.objectContaining({ questionId: 'soc2_scope', reason: 'No file attached' }),
    ]);
    expect(run([{ ...base, periodEnd: null, expiresAt: '2026-01-01' }])).toEqual([
      expect.objectContaining({ reason: 'No valid file: expired on 2026-01-01' }),
    ]);
    expect(run([{ ...base, periodEnd: '2026-06-30', expiresAt: null }])).toEqual([]);
    // Evidence on another question does not count for this one.
    expect(run([{ ...base, questionId: 'has_soc2', periodEnd: null, expiresAt: null }])).toHaveLength(1);
  });

  it('puts what is left into the words of the confirmation', () => {
    const review = reviewAssessment({
      questionnaires: [example],
      answers: answers(example.id, { fw_signed: { status: 'answered', value: 'yes' } }),
      evidence: [],
      today: TODAY,
    });
    expect(remainingWords(review)).toBe('3 unanswered and 1 without evidence');
    expect(remainingWords({ ...review, unansweredOther: [], evidenceMissing: [] })).toBeNull();
  });
});

describe('the review operation', () => {
  it('reviews a stored assessment and says the tier a knockout sets', async () => {
    const app = openApp();
    const vendor = app.services.vendors.create(vendorInput({ category: 'robotics-iot' }));
    expect((await app.dispatcher.call('questionnaires.import', { content: exampleText })).ok).toBe(true);
    const started = await app.dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.id;
    await app.dispatcher.call('assessments.answer', {
      id,
      answer: {
        questionnaireId: 'example-firmware',
        questionId: 'fw_signed',
        answer: { status: 'answered', value: 'no' },
      },
    });
    const r = await app.dispatcher.call('assessments.review', { id });
    expect(r).toMatchObject({
      ok: true,
      value: { knockouts: 1, knockoutTier: 'high', unansweredRequired: [] },
    });
    if (r.ok)
      expect(r.value.unansweredOther.map((q) => q.questionId)).toEqual(['fw_patch_days', 'fw_statement']);
    // Nothing required is left, so submitting is allowed.
    expect(await app.dispatcher.call('assessments.setStatus', { id, status: 'submitted' })).toMatchObject({
      ok: true,
      value: { status: 'submitted' },
    });
  });
});
