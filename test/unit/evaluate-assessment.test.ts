import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';
import { evaluateAssessment, answerKey, worstFlagsFirst } from '../../electron/domain/evaluate-assessment';
import type { AnswerValue } from '../../electron/domain/answer';
import type { Questionnaire } from '../../electron/domain/questionnaire';

const parsed = parseQuestionnaire(
  JSON.parse(readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8')),
);
const q = (parsed.ok ? parsed.value : null) as Questionnaire;
const run = (a: Record<string, AnswerValue>) =>
  evaluateAssessment([q], new Map(Object.entries(a).map(([k, v]) => [answerKey(q.id, k), v])));

describe('evaluating an assessment', () => {
  it('shows a conditional question only while its condition holds', () => {
    expect(run({}).visible.has(answerKey(q.id, 'fw_key_storage'))).toBe(false);
    expect(
      run({ fw_signed: { status: 'answered', value: 'yes' } }).visible.has(answerKey(q.id, 'fw_key_storage')),
    ).toBe(true);
    expect(
      run({ fw_signed: { status: 'answered', value: 'no' } }).visible.has(answerKey(q.id, 'fw_key_storage')),
    ).toBe(false);
  });

  it('raises a knockout flag from its rule, and from a refusal', () => {
    const no = run({ fw_signed: { status: 'answered', value: 'no' } });
    expect(no.flags).toEqual([
      expect.objectContaining({
        ruleId: 'fw_unsigned',
        knockout: true,
        reason: 'rule',
        severity: 'critical',
      }),
    ]);
    const refused = run({ fw_signed: { status: 'refused' } });
    expect(refused.flags).toEqual([expect.objectContaining({ ruleId: 'fw_unsigned', reason: 'refused' })]);
    expect(run({ fw_signed: { status: 'answered', value: 'yes' } }).flags).toEqual([]);
  });

  it('counts progress over visible, applicable questions', () => {
    const s = run({
      fw_signed: { status: 'answered', value: 'yes' },
      fw_patch_days: { status: 'not-applicable' },
    });
    expect(s.sections[0]).toMatchObject({ visible: 4, applicable: 3, answered: 1 });
    expect(s.answered).toBe(1);
    expect(s.applicable).toBe(3);
  });

  it('an answer hidden by a later change no longer counts', () => {
    const s = run({
      fw_signed: { status: 'answered', value: 'no' },
      fw_key_storage: { status: 'answered', value: 'file' },
    });
    expect(s.visible.has(answerKey(q.id, 'fw_key_storage'))).toBe(false);
    expect(s.sections[0]!.answered).toBe(1);
  });
});

describe('a refusal', () => {
  it('raises one flag, the most severe of the question’s rules', () => {
    const withTwo = structuredClone(q);
    withTwo.sections[0]!.questions[0]!.redFlags.push({
      id: 'fw_partial',
      when: { question: 'fw_signed', is: 'partial' },
      severity: 'low',
      message: 'Some firmware is unsigned',
      knockout: false,
    });
    const state = evaluateAssessment(
      [withTwo],
      new Map([[answerKey(q.id, 'fw_signed'), { status: 'refused' }]]),
    );
    expect(state.flags).toEqual([
      expect.objectContaining({
        ruleId: 'fw_unsigned',
        severity: 'critical',
        knockout: true,
        reason: 'refused',
      }),
    ]);
  });
});

describe('flags worst first', () => {
  it('puts knockouts first, then critical to low, keeping question order within each', () => {
    const flag = (ruleId: string, severity: 'critical' | 'high' | 'medium' | 'low', knockout = false) => ({
      ruleId,
      severity,
      knockout,
    });
    expect(
      worstFlagsFirst([
        flag('a', 'high'),
        flag('b', 'low'),
        flag('c', 'high'),
        flag('d', 'critical', true),
        flag('e', 'medium'),
        flag('f', 'critical'),
      ]).map((f) => f.ruleId),
    ).toEqual(['d', 'f', 'a', 'c', 'e', 'b']);
  });
});
