import { describe, it, expect } from 'vitest';
import { QuestionnaireSchema } from '../../electron/domain/questionnaire';
import { maturityLevel, selfAssessmentResult } from '../../electron/domain/roadmap';
import { answerKey } from '../../electron/domain/evaluate-assessment';
import type { AnswerValue } from '../../electron/domain/answer';

const q = QuestionnaireSchema.parse({
  format: 'vendor-risk-questionnaire/1',
  id: 'self-test',
  version: '1.0.0',
  title: 'Self',
  audience: 'self',
  sections: [
    {
      id: 'access',
      title: 'Access',
      questions: [
        {
          id: 'mfa',
          text: 'MFA for admins?',
          type: 'yes-no',
          weight: 3,
          effort: { complexity: 'low', weeks: 1 },
        },
        {
          id: 'jit',
          text: 'Just-in-time access?',
          type: 'yes-no',
          weight: 2,
          effort: { complexity: 'medium', weeks: 6 },
        },
      ],
    },
    {
      id: 'models',
      title: 'Models',
      questions: [
        {
          id: 'registry',
          text: 'Model registry?',
          type: 'yes-no',
          weight: 2,
          effort: { complexity: 'medium', weeks: 8 },
        },
        {
          id: 'adversarial',
          text: 'Adversarial testing?',
          type: 'yes-no',
          weight: 2,
          effort: { complexity: 'high', weeks: 8 },
        },
        { id: 'later', text: 'Not answered yet', type: 'yes-no', effort: { complexity: 'low', weeks: 1 } },
        // Hidden while MFA is "no": not asked, so not counted as unanswered.
        { id: 'hidden', text: 'Hardware keys too?', type: 'yes-no', showIf: { question: 'mfa', is: 'yes' } },
      ],
    },
  ],
});
const yes: AnswerValue = { status: 'answered', value: 'yes' };
const no: AnswerValue = { status: 'answered', value: 'no' };
const partial: AnswerValue = { status: 'answered', value: 'partial' };

describe('self-assessment roadmap', () => {
  const answers = new Map<string, AnswerValue | null>([
    [answerKey(q.id, 'mfa'), no],
    [answerKey(q.id, 'jit'), yes],
    [answerKey(q.id, 'registry'), partial],
    [answerKey(q.id, 'adversarial'), no],
  ]);
  const result = selfAssessmentResult([q], answers, '2026-11-24');

  it('puts quick wins first, then medium work, then projects', () => {
    expect(result.roadmap.map((r) => [r.questionId, r.phase])).toEqual([
      ['mfa', 'quick-win'],
      ['registry', 'next'],
      ['adversarial', 'project'],
    ]);
  });

  it('leaves out controls in place and says how many are unanswered', () => {
    expect(result.roadmap.some((r) => r.questionId === 'jit')).toBe(false);
    expect(result.unanswered).toBe(1);
  });

  it('gives maturity per area and the gain of each missing control', () => {
    expect(result.maturity).toEqual([
      { area: 'Access', sectionId: 'access', score: 40, level: 'Developing' },
      { area: 'Models', sectionId: 'models', score: 25, level: 'Developing' },
    ]);
    // weights 3+2+2+2 = 9; MFA missing all 3 → 33.3 points
    expect(result.roadmap[0]!.gain).toBe(33.3);
  });

  it('calls an area none of whose controls apply not applicable, and puts no gate question on the roadmap', () => {
    const gated = QuestionnaireSchema.parse({
      format: 'vendor-risk-questionnaire/1',
      id: 'gated',
      version: '1.0.0',
      title: 'Self',
      audience: 'self',
      sections: [
        {
          id: 'ai',
          title: 'Models',
          questions: [
            // The gate: not a control (weight 0), only whether the rest is asked.
            { id: 'uses_ai', text: 'Do we use AI?', type: 'yes-no', weight: 0 },
            {
              id: 'registry',
              text: 'Model registry?',
              type: 'yes-no',
              showIf: { question: 'uses_ai', is: 'yes' },
            },
          ],
        },
        { id: 'other', title: 'Other', questions: [{ id: 'x', text: 'X?', type: 'yes-no' }] },
      ],
    });
    const without = selfAssessmentResult(
      [gated],
      new Map([[answerKey('gated', 'uses_ai'), no]]),
      '2026-11-24',
    );
    expect(without.maturity).toEqual([
      { area: 'Models', sectionId: 'ai', score: null, level: 'Not applicable' },
      { area: 'Other', sectionId: 'other', score: null, level: 'Not assessed' },
    ]);
    expect(without.roadmap).toEqual([]);
    const withAi = selfAssessmentResult(
      [gated],
      new Map([
        [answerKey('gated', 'uses_ai'), yes],
        [answerKey('gated', 'registry'), no],
      ]),
      '2026-11-24',
    );
    expect(withAi.maturity[0]).toMatchObject({ score: 0, level: 'Initial' });
    expect(withAi.roadmap.map((r) => r.questionId)).toEqual(['registry']);
  });

  it.each([
    [null, 'Not assessed'],
    [0, 'Initial'],
    [24.9, 'Initial'],
    [25, 'Developing'],
    [50, 'Defined'],
    [75, 'Managed'],
    [100, 'Managed'],
  ])('maturity of %s is %s', (score, label) => {
    expect(maturityLevel(score)).toBe(label);
  });
});
