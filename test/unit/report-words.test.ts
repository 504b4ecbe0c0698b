import { describe, it, expect } from 'vitest';
import {
  coveringCondition,
  derivedNextStep,
  flagLine,
  flagLines,
  flagReasons,
  type FlagContext,
  type RaisedFlagLike,
} from '../../electron/domain/flag-words';
import {
  maturityComparison,
  selfHeadline,
  signed,
  vendorHeadline,
} from '../../electron/domain/report-headlines';
import { answerKey } from '../../electron/domain/evaluate-assessment';
import { clauseQuestionnaire, CLAUSE_QUESTIONNAIRE_ID } from '../../electron/domain/clauses';
import { QuestionnaireSchema, type Questionnaire } from '../../electron/domain/questionnaire';
import { devicePostureQuestionnaire, DEVICE_QUESTIONNAIRE_ID } from '../../electron/domain/device-checks';
import type { AnswerValue } from '../../electron/domain/answer';

const triage: Questionnaire = QuestionnaireSchema.parse({
  format: 'vendor-risk-questionnaire/1',
  id: 'triage',
  version: '1.0.0',
  title: 'Triage',
  sections: [
    {
      id: 'data',
      title: 'Our data',
      questions: [
        {
          id: 'tri_data_ownership',
          text: 'Who owns the data processed?',
          type: 'single-choice',
          choices: [
            { id: 'us', label: 'We do', points: 100 },
            { id: 'shared', label: 'Shared / unclear', points: 0 },
          ],
          redFlags: [
            {
              id: 'tri_unclear_ownership',
              when: { question: 'tri_data_ownership', is: 'shared' },
              severity: 'critical',
              message: 'Data ownership is unclear.',
              knockout: true,
            },
          ],
        },
        { id: 'tri_mfa', text: 'Is MFA enforced for every administrator account?', type: 'yes-no' },
        { id: 'tri_region', text: 'Where is our data stored?', type: 'short-text' },
        {
          id: 'tri_soc2',
          text: 'Upload the SOC 2 report',
          type: 'evidence',
          evidence: { kinds: ['soc2-type2'], validForMonths: 12 },
        },
      ],
      redFlags: [
        {
          id: 'tri_mfa_and_region',
          when: {
            all: [
              { question: 'tri_mfa', is: 'no' },
              { question: 'tri_region', matches: 'outside' },
            ],
          },
          severity: 'medium',
          message: 'No MFA, and data kept outside the EU.',
        },
      ],
    },
  ],
});

const answers = new Map<string, AnswerValue | null>([
  [answerKey('triage', 'tri_data_ownership'), { status: 'answered', value: 'shared' }],
  [answerKey('triage', 'tri_mfa'), { status: 'answered', value: 'no' }],
  [answerKey('triage', 'tri_region'), { status: 'answered', value: 'outside the EU' }],
  [answerKey('triage', 'tri_soc2'), { status: 'refused' }],
]);

const flag = (over: Partial<RaisedFlagLike>): RaisedFlagLike => ({
  questionnaireId: 'triage',
  ruleId: 'tri_unclear_ownership',
  questionId: 'tri_data_ownership',
  severity: 'critical',
  message: 'Data ownership is unclear.',
  knockout: true,
  reason: 'rule',
  ...over,
});

const ctx = (over: Partial<FlagContext> = {}): FlagContext => ({
  questionnaires: [triage],
  answers,
  decision: null,
  vendorOwner: 'Dana Whitfield',
  nextReassessment: '2027-06-01',
  today: '2026-12-07',
  ...over,
});

describe('a flag’s reasons in words', () => {
  it('names the question and the answer given, never the ids', () => {
    expect(flagReasons(flag({}), ctx())).toEqual([
      { question: 'Who owns the data processed?', answer: 'Shared / unclear' },
    ]);
  });

  it('names every question a section rule tests', () => {
    const reasons = flagReasons(
      flag({ ruleId: 'tri_mfa_and_region', questionId: null, severity: 'medium', knockout: false }),
      ctx(),
    );
    expect(reasons).toEqual([
      { question: 'Is MFA enforced for every administrator account?', answer: 'No' },
      { question: 'Where is our data stored?', answer: 'outside the EU' },
    ]);
  });

  it('says a refusal in words, and names nothing for an unknown questionnaire', () => {
    expect(flagReasons(flag({ questionId: 'tri_soc2', ruleId: 'x', reason: 'refused' }), ctx())).toEqual([
      { question: 'Upload the SOC 2 report', answer: 'Refused or could not answer' },
    ]);
    expect(flagReasons(flag({ questionnaireId: 'gone' }), ctx())).toEqual([]);
  });

  it('words contract and device flags from their own questionnaires', () => {
    const clauses = clauseQuestionnaire([
      {
        id: 'breach-notification',
        title: 'Breach notification time',
        knockout: false,
        weight: 1,
        missingSeverity: 'high',
        deviationSeverity: 'high',
      } as never,
    ]);
    const contract = flagLine(
      flag({
        questionnaireId: CLAUSE_QUESTIONNAIRE_ID,
        questionId: 'breach-notification',
        ruleId: 'breach-notification-missing',
        severity: 'high',
        knockout: false,
        message: 'Breach notification time: not agreed in the contract',
      }),
      ctx({
        questionnaires: [clauses],
        answers: new Map([
          [
            answerKey(CLAUSE_QUESTIONNAIRE_ID, 'breach-notification'),
            { status: 'answered', value: 'missing' },
          ],
        ]),
      }),
    );
    expect(contract).toMatchObject({
      source: 'contract',
      reasons: [{ question: 'Breach notification time', answer: 'Not agreed' }],
      nextStep: expect.stringMatching(/^Negotiate the clause .* by 2027-02-05$/),
    });
    const devices = flagLine(
      flag({
        questionnaireId: DEVICE_QUESTIONNAIRE_ID,
        questionId: 'cert-expired',
        ruleId: 'cert-expired-open',
        severity: 'high',
        knockout: false,
        message: 'Devices: certificate expired',
      }),
      ctx({
        questionnaires: [devicePostureQuestionnaire()],
        answers: new Map([
          [answerKey(DEVICE_QUESTIONNAIRE_ID, 'cert-expired'), { status: 'answered', value: 'some' }],
        ]),
      }),
    );
    expect(devices.source).toBe('devices');
    expect(devices.reasons[0]!.answer).toBe('Open findings');
    expect(devices.nextStep).toMatch(/^Ask the vendor for fixed firmware/);
  });
});

describe('a flag’s owner and next step', () => {
  const conditions = [
    { text: 'Enforce MFA for every administrator account', owner: 'Priya Raman', due: '2027-01-31' },
    { text: 'Deliver a current penetration test summary', owner: 'Marcus Oyelaran', due: '2026-11-30' },
  ];

  it('takes the decision’s condition that covers the flag, with its owner and due date', () => {
    const line = flagLine(
      flag({
        ruleId: 'tri_mfa_and_region',
        questionId: null,
        severity: 'medium',
        knockout: false,
        message: 'No MFA.',
      }),
      ctx({
        decision: { decision: 'approve-with-conditions', decidedAt: '2026-10-01T10:00:00Z', conditions },
      }),
    );
    expect(line).toMatchObject({
      owner: 'Priya Raman',
      due: '2027-01-31',
      fromCondition: true,
      nextStep: 'Condition of the approval: Enforce MFA for every administrator account, due 2027-01-31',
    });
  });

  it('says when the covering condition is past due', () => {
    const line = flagLine(
      flag({ message: 'No independent penetration test in the last 12 months.', knockout: false }),
      ctx({ decision: { decision: 'approve-with-conditions', decidedAt: '2026-10-01', conditions } }),
    );
    expect(line.nextStep).toBe(
      'Condition of the approval: Deliver a current penetration test summary, due 2026-11-30 (past due)',
    );
    expect(line.owner).toBe('Marcus Oyelaran');
  });

  it('needs two distinctive words in common: one shared word is not enough', () => {
    expect(
      coveringCondition(
        { message: 'The vendor would use shared administrator credentials.' },
        [],
        conditions,
      ),
    ).toBeNull();
    expect(coveringCondition({ message: 'Administrators have no MFA.' }, [], conditions)).toBe(conditions[0]);
  });

  it('derives a step from the flag when no condition covers it, with the vendor’s owner', () => {
    const c = ctx();
    expect(flagLine(flag({}), c)).toMatchObject({
      owner: 'Dana Whitfield',
      nextStep: 'Ask the vendor for a remediation plan with dates; re-assess by 2027-01-06',
      due: '2027-01-06',
      fromCondition: false,
    });
    const refused = flagLine(
      flag({ questionId: 'tri_soc2', ruleId: 'x', reason: 'refused', knockout: false, severity: 'high' }),
      c,
    );
    expect(refused.nextStep).toBe(
      'Ask the vendor again for an answer, or for evidence instead, by 2027-02-05',
    );
    // Never said as a fact the vendor stated.
    expect(refused.message).toBe(`Refused to answer, counted as: ${flag({}).message}`);
    expect(flagLine(flag({}), c).message).toBe(flag({}).message);
    expect(
      flagLine(flag({ questionId: 'tri_soc2', ruleId: 'x', knockout: false, severity: 'medium' }), c)
        .nextStep,
    ).toBe('Ask the vendor for current evidence by 2027-03-07');
    expect(derivedNextStep(flag({ knockout: false, severity: 'low' }), c).step).toBe(
      'Re-assess by 2027-06-01',
    );
    expect(flagLine(flag({}), ctx({ vendorOwner: ' ' })).owner).toBe('Unassigned');
  });

  it('after a rejection, the next step is the exit', () => {
    const line = flagLine(
      flag({}),
      ctx({ decision: { decision: 'reject', decidedAt: '2026-10-01', conditions: [] } }),
    );
    expect(line.nextStep).toMatch(/^The vendor was rejected: plan the exit/);
  });

  it('lists knockouts first, then by severity', () => {
    const lines = flagLines(
      [
        flag({ severity: 'low', knockout: false, message: 'low' }),
        flag({ severity: 'high', knockout: false, message: 'high' }),
        flag({ severity: 'high', knockout: true, message: 'ko' }),
      ],
      ctx(),
    );
    expect(lines.map((l) => l.message)).toEqual(['ko', 'high', 'low']);
  });
});

describe('the vendor report’s headline', () => {
  it('says the tier and score, the worst thing and the decision', () => {
    expect(
      vendorHeadline({
        tier: 'critical',
        score: 40.2,
        provisional: false,
        residual: 61.5,
        flags: [
          { message: 'Data ownership is unclear.', knockout: true, severity: 'critical' },
          { message: 'No MFA.', knockout: false, severity: 'high' },
        ],
        decision: {
          decision: 'approve-with-conditions',
          decidedAt: '2026-10-01T10:00:00Z',
          conditions: [{ due: '2027-01-31' }, { due: '2026-11-01' }],
        },
        today: '2026-12-07',
      }),
    ).toBe(
      'Critical risk tier, control score 40 of 100, residual risk 61.5 of 100. ' +
        'Worst: Data ownership is unclear (knockout; 1 more flag). ' +
        'Decision: Approved with conditions on 2026-10-01 with 2 conditions, 1 past due.',
    );
  });

  it('says when nothing is assessed or decided', () => {
    expect(
      vendorHeadline({
        tier: null,
        score: null,
        provisional: false,
        residual: 70,
        flags: [],
        decision: null,
        today: '2026-12-07',
      }),
    ).toBe('Not assessed yet: there is no control score and no tier. No decision recorded yet.');
  });
});

describe('maturity against the previous self-assessment', () => {
  const now = [
    { area: 'Edge devices', sectionId: 'edge', score: 62.4, level: 'Defined' },
    { area: 'Third-party risk', sectionId: 'tp', score: 30, level: 'Developing' },
    { area: 'New area', sectionId: 'new', score: 80, level: 'Managed' },
  ];
  const previous = [
    { area: 'Edge devices', sectionId: 'edge', score: 50 },
    { area: 'Third-party risk', sectionId: 'tp', score: 41 },
  ];

  it('shows both values and the change, area by area', () => {
    expect(maturityComparison(now, previous)).toEqual([
      { area: 'Edge devices', now: 62.4, level: 'Defined', previous: 50, change: 12 },
      { area: 'Third-party risk', now: 30, level: 'Developing', previous: 41, change: -11 },
      { area: 'New area', now: 80, level: 'Managed', previous: null, change: null },
    ]);
    expect(maturityComparison(now, null).every((m) => m.previous === null && m.change === null)).toBe(true);
    expect([signed(12), signed(-11), signed(0)]).toEqual(['+12', '−11', '±0']);
  });

  it('names one area of several that tie, and says how many', () => {
    const tied = maturityComparison(
      [
        { area: 'A', sectionId: 'a', score: 100, level: 'Managed' },
        { area: 'B', sectionId: 'b', score: 100, level: 'Managed' },
        { area: 'C', sectionId: 'c', score: 10, level: 'Initial' },
      ],
      null,
    );
    expect(selfHeadline({ score: 70, previous: null, areas: tied, quickWins: [], unanswered: 0 })).toBe(
      'Overall maturity: Defined, score 70 of 100 (the first self-assessment). ' +
        'Strongest: 2 areas at 100, among them A; weakest area: C (10).',
    );
  });

  it('the headline: overall maturity and its change, strongest and weakest area, the first quick wins', () => {
    const areas = maturityComparison(now, previous);
    expect(
      selfHeadline({
        score: 57,
        previous: { score: 49, date: '2026-03-01T10:00:00Z' },
        areas,
        quickWins: ['Have default passwords been changed?', 'Is MFA enforced?'],
        unanswered: 0,
      }),
    ).toBe(
      'Overall maturity: Defined, score 57 of 100 (+8 since 2026-03-01, when it was 49). ' +
        'Strongest area: New area (80); weakest area: Third-party risk (30). ' +
        'First quick wins (controls still missing): “Have default passwords been changed?” “Is MFA enforced?”',
    );
    expect(selfHeadline({ score: 57, previous: null, areas, quickWins: [], unanswered: 3 })).toBe(
      'Overall maturity: Defined, score 57 of 100 (the first self-assessment). ' +
        'Strongest area: New area (80); weakest area: Third-party risk (30). 3 questions are still unanswered.',
    );
  });
});
