/**
 * The scoring model of docs/scoring.md, table by table. The worked examples of the doc
 * are here with the exact numbers the doc prints: change one, change the other.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addMonths,
  answerPoints,
  apportion,
  evidenceValidity,
  isScored,
  scoreAssessment,
  SOC2_VALID_MONTHS,
} from '../../electron/domain/scoring';
import {
  DEFAULT_RISK_SETTINGS,
  inherentRisk,
  nextReassessment,
  residualRisk,
  tierOf,
} from '../../electron/domain/risk';
import { answerKey } from '../../electron/domain/evaluate-assessment';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';
import type { AnswerValue } from '../../electron/domain/answer';
import type { Evidence } from '../../electron/domain/assessment';
import type { Question, Questionnaire } from '../../electron/domain/questionnaire';
import type { Criticality, DataKind, VendorCategory } from '../../electron/domain/vendor';
import { openApp, vendorInput } from './helpers';

const TODAY = '2026-06-15';

function parse(raw: unknown): Questionnaire {
  const parsed = parseQuestionnaire(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** Builds one question with the format's defaults applied. */
function question(raw: Record<string, unknown>): Question {
  return parse({
    format: 'vendor-risk-questionnaire/1',
    id: 'one',
    version: '1.0.0',
    title: 'One question',
    sections: [{ id: 's', title: 'S', questions: [{ id: 'q', text: 'Q?', ...raw }] }],
  }).sections[0]!.questions[0]!;
}

const yesNo = (id: string, text: string, weight: number, extra: Record<string, unknown> = {}) => ({
  id,
  text,
  type: 'yes-no',
  weight,
  ...extra,
});
const flagWhenNo = (question: string, id: string, severity: string, knockout: boolean, message: string) => ({
  redFlags: [{ id, when: { question, is: 'no' }, severity, knockout, message }],
});

/** The questionnaire of worked examples 1–3 in docs/scoring.md. */
const WORKED = parse({
  format: 'vendor-risk-questionnaire/1',
  id: 'worked',
  version: '1.0.0',
  title: 'Worked examples',
  sections: [
    {
      id: 'access',
      title: 'Access control',
      questions: [
        yesNo(
          'mfa_admins',
          'Is MFA required for every administrator account?',
          3,
          flagWhenNo('mfa_admins', 'no_mfa', 'high', false, 'Administrators can sign in without MFA.'),
        ),
        yesNo('shared_accounts', 'Are any accounts shared between people?', 1, {
          yesNoPoints: { yes: 0, partial: 50, no: 100 },
        }),
      ],
    },
    {
      id: 'logging',
      title: 'Logging and breach response',
      questions: [
        yesNo(
          'audit_logs',
          'Do you keep detailed audit logs of access to our data?',
          2,
          flagWhenNo('audit_logs', 'no_audit_logs', 'critical', true, 'No detailed audit logs of our data.'),
        ),
        yesNo(
          'breach_notice',
          'Do you commit to notify us of a breach within 72 hours?',
          1,
          flagWhenNo(
            'breach_notice',
            'no_breach_notice',
            'critical',
            true,
            'No breach-notification commitment.',
          ),
        ),
      ],
    },
  ],
});

/** The example questionnaire of docs/questionnaire-format.md (worked example 4). */
const FIRMWARE = parse(
  JSON.parse(readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8')),
);
const FIRMWARE_TEXT = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');

type Given = string | number | string[] | AnswerValue;
const toAnswer = (v: Given): AnswerValue =>
  typeof v === 'object' && !Array.isArray(v) ? v : { status: 'answered', value: v };
const answersOf = (q: Questionnaire, given: Record<string, Given>) =>
  new Map<string, AnswerValue | null>(
    Object.entries(given).map(([id, v]) => [answerKey(q.id, id), toAnswer(v)]),
  );
const NA: AnswerValue = { status: 'not-applicable' };
const REFUSED: AnswerValue = { status: 'refused' };

type Ev = Pick<Evidence, 'id' | 'kind' | 'periodEnd' | 'expiresAt'>;
const ev = (id: string, kind: Evidence['kind'], periodEnd: string | null, expiresAt: string | null): Ev => ({
  id,
  kind,
  periodEnd,
  expiresAt,
});

/** Tenths as integers, so sums are compared without floating-point noise. */
const tenths = (n: number) => Math.round(n * 10);

interface Profile {
  category: VendorCategory;
  dataTouched: DataKind[];
  criticality: Criticality;
}

interface WorkedExample {
  name: string;
  questionnaire: Questionnaire;
  answers: Record<string, Given>;
  evidence?: Ev[];
  profile: Profile;
  score: number;
  answered: number;
  applicable: number;
  domains: Record<string, number | null>;
  /** questionId -> [points, contribution, lost] */
  rows: Record<string, [number, number, number]>;
  flags: { ruleId: string; knockout: boolean; reason: string }[];
  inherent: number;
  residual: number;
  tier: string;
  capped: boolean;
  next: string;
}

const WAREHOUSE_SAAS: Profile = { category: 'wms-saas', dataTouched: ['pii'], criticality: 'high' };

const WORKED_EXAMPLES: WorkedExample[] = [
  {
    name: '1: yes/no answers with weights and an inverted question',
    questionnaire: WORKED,
    answers: { mfa_admins: 'yes', shared_accounts: 'yes', audit_logs: 'partial', breach_notice: 'yes' },
    profile: WAREHOUSE_SAAS,
    score: 71.4,
    answered: 4,
    applicable: 4,
    domains: { access: 75, logging: 66.7 },
    rows: {
      mfa_admins: [100, 42.8, 0],
      shared_accounts: [0, 0, 14.3],
      audit_logs: [50, 14.3, 14.3],
      breach_notice: [100, 14.3, 0],
    },
    flags: [],
    inherent: 86.3,
    residual: 37,
    tier: 'medium',
    capped: false,
    next: '2028-06-15',
  },
  {
    name: '2a: audit logs not applicable — left out',
    questionnaire: WORKED,
    answers: { mfa_admins: 'yes', shared_accounts: 'yes', audit_logs: NA, breach_notice: 'yes' },
    profile: WAREHOUSE_SAAS,
    score: 80,
    answered: 3,
    applicable: 3,
    domains: { access: 75, logging: 100 },
    rows: { mfa_admins: [100, 60, 0], shared_accounts: [0, 0, 20], breach_notice: [100, 20, 0] },
    flags: [],
    inherent: 86.3,
    residual: 31.1,
    tier: 'medium',
    capped: false,
    next: '2028-06-15',
  },
  {
    name: '2b: audit logs refused — zero points and the knockout flag',
    questionnaire: WORKED,
    answers: { mfa_admins: 'yes', shared_accounts: 'yes', audit_logs: REFUSED, breach_notice: 'yes' },
    profile: WAREHOUSE_SAAS,
    score: 57.1,
    answered: 4,
    applicable: 4,
    domains: { access: 75, logging: 33.3 },
    rows: {
      mfa_admins: [100, 42.8, 0],
      shared_accounts: [0, 0, 14.3],
      audit_logs: [0, 0, 28.6],
      breach_notice: [100, 14.3, 0],
    },
    flags: [{ ruleId: 'no_audit_logs', knockout: true, reason: 'refused' }],
    inherent: 86.3,
    residual: 46.9,
    tier: 'high',
    capped: false,
    next: '2027-06-15',
  },
  {
    name: '3: a knockout raises a low tier to high despite a score of 85.7',
    questionnaire: WORKED,
    answers: { mfa_admins: 'yes', shared_accounts: 'no', audit_logs: 'yes', breach_notice: 'no' },
    profile: { category: '3pl', dataTouched: ['supplier-pricing'], criticality: 'medium' },
    score: 85.7,
    answered: 4,
    applicable: 4,
    domains: { access: 100, logging: 66.7 },
    rows: {
      mfa_admins: [100, 42.8, 0],
      shared_accounts: [100, 14.3, 0],
      audit_logs: [100, 28.6, 0],
      breach_notice: [0, 0, 14.3],
    },
    flags: [{ ruleId: 'no_breach_notice', knockout: true, reason: 'rule' }],
    inherent: 60.5,
    residual: 19,
    tier: 'high',
    capped: true,
    next: '2027-06-15',
  },
  {
    name: '4: every answer type — choice, number band, expired evidence',
    questionnaire: FIRMWARE,
    answers: { fw_signed: 'yes', fw_key_storage: 'kms', fw_patch_days: 21, fw_statement: ['ev-1'] },
    evidence: [ev('ev-1', 'firmware-signing', '2025-05-31', '2026-05-31')],
    profile: { category: 'robotics-iot', dataTouched: ['operational-telemetry'], criticality: 'critical' },
    score: 73.3,
    answered: 4,
    applicable: 4,
    domains: { signing: 73.3 },
    rows: {
      fw_signed: [100, 50, 0],
      fw_key_storage: [80, 13.3, 3.3],
      fw_patch_days: [60, 10, 6.7],
      fw_statement: [0, 0, 16.7],
    },
    flags: [],
    inherent: 75,
    residual: 31,
    tier: 'medium',
    capped: false,
    next: '2028-06-15',
  },
];

describe('the worked examples of docs/scoring.md', () => {
  it.each(WORKED_EXAMPLES)('example $name', (x) => {
    const s = scoreAssessment({
      questionnaires: [x.questionnaire],
      answers: answersOf(x.questionnaire, x.answers),
      evidence: x.evidence ?? [],
      today: TODAY,
    });
    expect(s.score).toBe(x.score);
    expect({ answered: s.answered, applicable: s.applicable, completeness: s.completeness }).toEqual({
      answered: x.answered,
      applicable: x.applicable,
      completeness: x.answered / x.applicable,
    });
    expect(Object.fromEntries(s.domains.map((d) => [d.sectionId, d.score]))).toEqual(x.domains);
    expect(
      Object.fromEntries(s.contributions.map((c) => [c.questionId, [c.points, c.contribution, c.lost]])),
    ).toEqual(x.rows);
    // The explanation adds up exactly to the score shown.
    expect(s.contributions.reduce((n, c) => n + tenths(c.contribution), 0)).toBe(tenths(x.score));
    expect(s.flags.map((f) => ({ ruleId: f.ruleId, knockout: f.knockout, reason: f.reason }))).toEqual(
      x.flags,
    );

    const inherent = inherentRisk(x.profile);
    const residual = residualRisk(inherent.value, s.score, DEFAULT_RISK_SETTINGS);
    const tier = tierOf(residual, s.flags.filter((f) => f.knockout).length, DEFAULT_RISK_SETTINGS);
    expect({ inherent: inherent.value, residual, ...tier }).toEqual({
      inherent: x.inherent,
      residual: x.residual,
      tier: x.tier,
      cappedByKnockout: x.capped,
    });
    expect(nextReassessment(TODAY, tier.tier, DEFAULT_RISK_SETTINGS)).toBe(x.next);
  });

  it('example 1: plain rounding would give 71.5; largest remainder gives 71.4', () => {
    const s = scoreAssessment({
      questionnaires: [WORKED],
      answers: answersOf(WORKED, WORKED_EXAMPLES[0]!.answers),
      evidence: [],
      today: TODAY,
    });
    const plain = s.contributions.reduce(
      (n, c) => n + Math.round(((100 * c.weight * c.points) / 100 / 7) * 10),
      0,
    );
    expect(plain).toBe(715);
    expect(s.contributions.map((c) => c.answer)).toEqual(['Partly', 'Yes', 'Yes', 'Yes']);
  });

  it('example 4: the expired file says why it counts as missing', () => {
    const x = WORKED_EXAMPLES[4]!;
    const s = scoreAssessment({
      questionnaires: [FIRMWARE],
      answers: answersOf(FIRMWARE, x.answers),
      evidence: x.evidence!,
      today: TODAY,
    });
    expect(s.contributions[0]).toMatchObject({
      questionId: 'fw_statement',
      answer: 'No valid evidence',
      reason: 'evidence counts as missing: expired on 2026-05-31',
    });
  });
});

describe('points per answer', () => {
  const YES_NO = question({ type: 'yes-no' });
  const INVERTED = question({ type: 'yes-no', yesNoPoints: { yes: 0, partial: 40, no: 100 } });
  const CHOICE = question({
    type: 'single-choice',
    choices: [
      { id: 'hsm', label: 'In an HSM', points: 100 },
      { id: 'file', label: 'In a file', points: 10 },
    ],
  });
  const MULTI = question({
    type: 'multiple-choice',
    choices: [
      { id: 'a', label: 'SSO', points: 60 },
      { id: 'b', label: 'MFA', points: 60 },
      { id: 'c', label: 'IP allow-list', points: 15 },
    ],
  });
  const DAYS = question({
    type: 'number',
    unit: 'days',
    numberBands: [{ max: 14, points: 100 }, { max: 30, points: 60 }, { points: 10 }],
  });
  const UPTIME = question({ type: 'number', unit: '%', numberBands: [{ min: 99.9, points: 100 }] });
  const EVIDENCE = question({ type: 'evidence', evidence: { kinds: ['soc2-type2'], validForMonths: 12 } });
  const files = [
    ev('fresh', 'soc2-type2', '2025-12-31', null),
    ev('expired', 'iso27001', null, '2026-06-14'),
    ev('old-soc2', 'soc2-type2', '2025-06-14', null),
  ];

  const cases: [
    string,
    Question,
    AnswerValue,
    Ev[],
    { points: number; words: string; reason?: string } | null,
  ][] = [
    ['yes, default points', YES_NO, toAnswer('yes'), [], { points: 100, words: 'Yes' }],
    ['partial, default points', YES_NO, toAnswer('partial'), [], { points: 50, words: 'Partly' }],
    ['no, default points', YES_NO, toAnswer('no'), [], { points: 0, words: 'No' }],
    ['yes on an inverted question', INVERTED, toAnswer('yes'), [], { points: 0, words: 'Yes' }],
    ['partial on an inverted question', INVERTED, toAnswer('partial'), [], { points: 40, words: 'Partly' }],
    ['no on an inverted question', INVERTED, toAnswer('no'), [], { points: 100, words: 'No' }],
    ['a single choice', CHOICE, toAnswer('file'), [], { points: 10, words: 'In a file' }],
    ['multiple choice, summed', MULTI, toAnswer(['a', 'c']), [], { points: 75, words: 'SSO, IP allow-list' }],
    [
      'multiple choice, capped at 100',
      MULTI,
      toAnswer(['a', 'b', 'c']),
      [],
      { points: 100, words: 'SSO, MFA, IP allow-list' },
    ],
    ['multiple choice, none chosen', MULTI, toAnswer([]), [], { points: 0, words: 'None' }],
    ['number in the first band', DAYS, toAnswer(14), [], { points: 100, words: '14 days' }],
    ['number just above it', DAYS, toAnswer(14.5), [], { points: 60, words: '14.5 days' }],
    ['number at the second band’s max', DAYS, toAnswer(30), [], { points: 60, words: '30 days' }],
    ['number in the open last band', DAYS, toAnswer(365), [], { points: 10, words: '365 days' }],
    ['number in no band', UPTIME, toAnswer(99.5), [], { points: 0, words: '99.5 %' }],
    ['number at a band’s min', UPTIME, toAnswer(99.9), [], { points: 100, words: '99.9 %' }],
    ['valid evidence', EVIDENCE, toAnswer(['fresh']), files, { points: 100, words: '1 valid file' }],
    [
      'valid among invalid',
      EVIDENCE,
      toAnswer(['expired', 'fresh']),
      files,
      { points: 100, words: '1 valid file' },
    ],
    [
      'expired evidence',
      EVIDENCE,
      toAnswer(['expired']),
      files,
      { points: 0, words: 'No valid evidence', reason: 'evidence counts as missing: expired on 2026-06-14' },
    ],
    [
      'a SOC 2 report more than 12 months after its period end',
      EVIDENCE,
      toAnswer(['old-soc2']),
      files,
      {
        points: 0,
        words: 'No valid evidence',
        reason: 'evidence counts as missing: SOC 2 report period ended 2025-06-14, more than 12 months ago',
      },
    ],
    [
      'no evidence attached',
      EVIDENCE,
      toAnswer([]),
      files,
      { points: 0, words: 'No evidence', reason: 'no evidence attached' },
    ],
    [
      'refused',
      YES_NO,
      REFUSED,
      [],
      { points: 0, words: 'Refused', reason: 'the vendor refused or could not answer' },
    ],
    [
      'refused evidence',
      EVIDENCE,
      REFUSED,
      [],
      { points: 0, words: 'Refused', reason: 'the vendor refused or could not answer' },
    ],
    ['not applicable', YES_NO, NA, [], null],
    ['text is not scored', question({ type: 'short-text' }), toAnswer('EU only'), [], null],
    ['dates are not scored', question({ type: 'date' }), toAnswer('2026-01-01'), [], null],
    ['numbers without bands are not scored', question({ type: 'number' }), toAnswer(3), [], null],
    ['weight 0 is not scored', question({ type: 'yes-no', weight: 0 }), toAnswer('yes'), [], null],
    ['a refused text question is not scored', question({ type: 'long-text' }), REFUSED, [], null],
  ];

  it.each(cases)('%s', (_name, q, answer, evidence, expected) => {
    expect(answerPoints(q, answer, evidence, TODAY)).toEqual(expected);
    if (answer.status === 'answered') expect(isScored(q)).toBe(expected !== null);
  });
});

describe('evidence validity', () => {
  const cases: [string, Ev, string, { valid: boolean; reason?: string }][] = [
    ['no expiry, not a SOC 2 report', ev('a', 'pentest-summary', null, null), TODAY, { valid: true }],
    ['expires today: still valid', ev('a', 'iso27001', null, TODAY), TODAY, { valid: true }],
    [
      'expired yesterday',
      ev('a', 'iso27001', null, '2026-06-14'),
      TODAY,
      { valid: false, reason: 'expired on 2026-06-14' },
    ],
    [
      'SOC 2 exactly 12 months after its period end',
      ev('a', 'soc2-type2', '2025-06-15', null),
      TODAY,
      { valid: true },
    ],
    [
      'SOC 2 Type II 12 months and a day after its period end',
      ev('a', 'soc2-type2', '2025-06-14', null),
      TODAY,
      { valid: false, reason: 'SOC 2 report period ended 2025-06-14, more than 12 months ago' },
    ],
    [
      'SOC 2 Type I counts the same way',
      ev('a', 'soc2-type1', '2024-12-31', '2027-01-01'),
      TODAY,
      { valid: false, reason: 'SOC 2 report period ended 2024-12-31, more than 12 months ago' },
    ],
    [
      'an old SOC 2 report that has also expired says it expired',
      ev('a', 'soc2-type2', '2024-12-31', '2025-12-31'),
      TODAY,
      { valid: false, reason: 'expired on 2025-12-31' },
    ],
    [
      'a non-SOC 2 file with an old period end is valid',
      ev('a', 'iso27001', '2020-01-01', null),
      TODAY,
      { valid: true },
    ],
    [
      'SOC 2 period end on 29 February: 12 months is 28 February',
      ev('a', 'soc2-type2', '2024-02-29', null),
      '2025-02-28',
      { valid: true },
    ],
    [
      'SOC 2 period end on 29 February, a day later',
      ev('a', 'soc2-type2', '2024-02-29', null),
      '2025-03-01',
      { valid: false, reason: 'SOC 2 report period ended 2024-02-29, more than 12 months ago' },
    ],
  ];
  it.each(cases)('%s', (_name, e, today, expected) => {
    expect(evidenceValidity(e, today)).toEqual(expected);
  });

  it('keeps SOC 2 reports for 12 months', () => expect(SOC2_VALID_MONTHS).toBe(12));
});

describe('what counts', () => {
  it('leaves hidden answers (show-if false) out of the score and the explanation', () => {
    // fw_key_storage is shown only when firmware is signed; its stale answer must not count.
    const s = scoreAssessment({
      questionnaires: [FIRMWARE],
      answers: answersOf(FIRMWARE, { fw_signed: 'no', fw_key_storage: 'hsm', fw_patch_days: 10 }),
      evidence: [],
      today: TODAY,
    });
    expect(s.contributions.map((c) => c.questionId)).toEqual(['fw_signed', 'fw_patch_days']);
    expect(s.score).toBe(25);
    expect(s.domains[0]).toMatchObject({ score: 25, answered: 2, applicable: 3 });
    expect(s.flags).toEqual([
      expect.objectContaining({ ruleId: 'fw_unsigned', knockout: true, reason: 'rule' }),
    ]);
  });

  it('not applicable leaves a question out; refused scores zero and raises one flag', () => {
    const base = { fw_signed: 'yes', fw_key_storage: 'hsm', fw_patch_days: 10 } as const;
    const na = scoreAssessment({
      questionnaires: [FIRMWARE],
      answers: answersOf(FIRMWARE, { ...base, fw_signed: NA }),
      evidence: [],
      today: TODAY,
    });
    const refused = scoreAssessment({
      questionnaires: [FIRMWARE],
      answers: answersOf(FIRMWARE, { ...base, fw_signed: REFUSED }),
      evidence: [],
      today: TODAY,
    });
    // Not applicable: fw_key_storage is hidden (fw_signed is not yes/partial); only the number counts.
    expect(na).toMatchObject({ score: 100, answered: 1, applicable: 2, flags: [] });
    expect(refused).toMatchObject({ score: 25, answered: 2, applicable: 3 });
    expect(refused.flags).toEqual([
      expect.objectContaining({
        ruleId: 'fw_unsigned',
        severity: 'critical',
        knockout: true,
        reason: 'refused',
      }),
    ]);
    expect(refused.contributions[0]).toMatchObject({
      questionId: 'fw_signed',
      answer: 'Refused',
      points: 0,
      lost: 75,
    });
  });

  it('a refusal raises one flag: the most severe rule, a knockout if any rule is one', () => {
    const q = parse({
      format: 'vendor-risk-questionnaire/1',
      id: 'two-rules',
      version: '1.0.0',
      title: 'Two rules',
      sections: [
        {
          id: 's',
          title: 'S',
          questions: [
            {
              id: 'ml_versions',
              text: 'Are production models versioned with their lineage?',
              type: 'yes-no',
              redFlags: [
                {
                  id: 'partial',
                  when: { question: 'ml_versions', is: 'partial' },
                  severity: 'medium',
                  knockout: true,
                  message: 'Partly versioned.',
                },
                {
                  id: 'none',
                  when: { question: 'ml_versions', is: 'no' },
                  severity: 'high',
                  message: 'No model versioning or lineage.',
                },
              ],
            },
          ],
        },
      ],
    });
    const s = scoreAssessment({
      questionnaires: [q],
      answers: answersOf(q, { ml_versions: REFUSED }),
      evidence: [],
      today: TODAY,
    });
    expect(s.flags).toEqual([
      {
        questionnaireId: 'two-rules',
        ruleId: 'none',
        questionId: 'ml_versions',
        severity: 'high',
        message: 'No model versioning or lineage.',
        knockout: true,
        reason: 'refused',
      },
    ]);
  });

  it('nothing scored answered: no score, no contributions', () => {
    const s = scoreAssessment({ questionnaires: [FIRMWARE], answers: new Map(), evidence: [], today: TODAY });
    expect(s).toMatchObject({ score: null, completeness: 0, answered: 0, applicable: 3, contributions: [] });
    expect(s.domains[0]!.score).toBeNull();
  });

  it('sorts the explanation by points lost, most first', () => {
    const s = scoreAssessment({
      questionnaires: [WORKED],
      answers: answersOf(WORKED, {
        mfa_admins: 'no',
        shared_accounts: 'partial',
        audit_logs: 'yes',
        breach_notice: 'partial',
      }),
      evidence: [],
      today: TODAY,
    });
    const lost = s.contributions.map((c) => c.lost);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
    expect(s.contributions[0]!.questionId).toBe('mfa_admins');
  });
});

/** A small deterministic pseudo-random generator (an LCG), so failures can be replayed. */
function lcg(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const WEIGHTS = [0, 0.5, 1, 1, 1.5, 2, 3, 7, 10];

/** A questionnaire of every scored and unscored type, with random weights and points. */
function randomQuestionnaire(rand: ReturnType<typeof lcg>): Questionnaire {
  const sections = Array.from({ length: 1 + rand.int(4) }, (_s, s) => ({
    id: `s${s}`,
    title: `Section ${s}`,
    questions: Array.from({ length: 1 + rand.int(12) }, (_q, i) => {
      const id = `s${s}q${i}`;
      const weight = rand.pick(WEIGHTS);
      const points = () => rand.int(101);
      switch (rand.int(6)) {
        case 0:
          return {
            id,
            text: id,
            type: 'yes-no',
            weight,
            yesNoPoints: { yes: points(), partial: points(), no: points() },
          };
        case 1:
          return {
            id,
            text: id,
            type: 'single-choice',
            weight,
            choices: ['a', 'b', 'c'].map((c) => ({ id: c, label: c, points: points() })),
          };
        case 2:
          return {
            id,
            text: id,
            type: 'multiple-choice',
            weight,
            choices: ['a', 'b', 'c'].map((c) => ({ id: c, label: c, points: points() })),
          };
        case 3:
          return {
            id,
            text: id,
            type: 'number',
            weight,
            numberBands: [{ max: 10, points: points() }, { max: 50, points: points() }, { points: points() }],
          };
        case 4:
          return {
            id,
            text: id,
            type: 'evidence',
            weight,
            evidence: { kinds: ['other'], validForMonths: 12 },
          };
        default:
          return { id, text: id, type: 'short-text', weight };
      }
    }),
  }));
  return parse({
    format: 'vendor-risk-questionnaire/1',
    id: 'random',
    version: '1.0.0',
    title: 'Random',
    sections,
  });
}

function randomAnswer(rand: ReturnType<typeof lcg>, q: Question): AnswerValue | undefined {
  const roll = rand.int(10);
  if (roll === 0) return undefined;
  if (roll === 1) return NA;
  if (roll === 2) return REFUSED;
  switch (q.type) {
    case 'yes-no':
      return toAnswer(rand.pick(['yes', 'partial', 'no']));
    case 'single-choice':
      return toAnswer(rand.pick(['a', 'b', 'c']));
    case 'multiple-choice':
      return toAnswer(['a', 'b', 'c'].filter(() => rand.next() < 0.5));
    case 'number':
      return toAnswer(rand.int(80));
    case 'evidence':
      return toAnswer(rand.pick([[], ['good'], ['expired'], ['good', 'expired']]));
    default:
      return toAnswer('text');
  }
}

describe('the explanation adds up to the score', () => {
  const seeds = Array.from({ length: 60 }, (_x, i) => 1000 + i * 7919);
  it.each(seeds)('random answer set, seed %i', (seed) => {
    const rand = lcg(seed);
    const q = randomQuestionnaire(rand);
    const answers = new Map<string, AnswerValue | null>();
    for (const section of q.sections)
      for (const x of section.questions) {
        const a = randomAnswer(rand, x);
        if (a) answers.set(answerKey(q.id, x.id), a);
      }
    const evidence = [ev('good', 'other', null, null), ev('expired', 'other', null, '2026-01-01')];
    const s = scoreAssessment({ questionnaires: [q], answers, evidence, today: TODAY });

    // An independent computation of the score.
    let earned = 0;
    let max = 0;
    for (const section of q.sections)
      for (const x of section.questions) {
        const a = answers.get(answerKey(q.id, x.id));
        const p = a && answerPoints(x, a, evidence, TODAY);
        if (!p) continue;
        earned += (x.weight * p.points) / 100;
        max += x.weight;
      }
    if (max === 0) {
      expect(s.score).toBeNull();
      return;
    }
    expect(s.score).toBe(Math.round((1000 * earned) / max) / 10);
    expect(s.contributions.reduce((n, c) => n + tenths(c.contribution), 0)).toBe(tenths(s.score!));
    for (const c of s.contributions) {
      const exact = (100 * c.weight * c.points) / 100 / max;
      expect(Math.abs(c.contribution - exact)).toBeLessThan(0.1);
      expect(c.contribution * 10).toBe(tenths(c.contribution));
    }
  });
});

describe('apportion (largest remainder to one decimal)', () => {
  const cases: [string, number[], number, number[]][] = [
    ['nothing', [], 0, []],
    ['one value', [73.33333], 73.3, [73.3]],
    ['values already at one decimal', [42.5, 12.5, 0], 55, [42.5, 12.5, 0]],
    ['three thirds of 1', [1 / 3, 1 / 3, 1 / 3], 1, [0.4, 0.3, 0.3]],
    ['ties go to the earlier value', [0.05, 0.05], 0.1, [0.1, 0]],
    ['the largest remainder wins', [0.04, 0.08, 0.06], 0.2, [0, 0.1, 0.1]],
    ['all zero', [0, 0, 0], 0, [0, 0, 0]],
    ['a hundred', [100], 100, [100]],
    ['worked example 1', [300 / 7, 0, 100 / 7, 100 / 7], 71.4, [42.8, 0, 14.3, 14.3]],
    ['floating-point noise below an integer', [2.9999999999999996, 0.1], 3.1, [3, 0.1]],
    [
      'seven sevenths of 100',
      Array.from({ length: 7 }, () => 100 / 7),
      100,
      [14.3, 14.3, 14.3, 14.3, 14.3, 14.3, 14.2],
    ],
  ];
  it.each(cases)('%s', (_name, values, total, expected) => {
    const got = apportion(values, total);
    expect(got).toEqual(expected);
    expect(got.reduce((n, v) => n + tenths(v), 0)).toBe(tenths(total));
  });
});

describe('addMonths', () => {
  const cases: [string, number, string][] = [
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2025-10-31', 12, '2026-10-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-06-15T10:30:00.000Z', 24, '2028-06-15'],
  ];
  it.each(cases)('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('evidence expiry through the service', () => {
  it('a default evidence expiry clamps to the month end like addMonths', async () => {
    // The example's fw_statement is valid for 12 months. A period ending 2024-02-29 should expire
    // 2025-02-28 (as the SOC 2 rule and nextReassessment count months), not roll over to 2025-03-01.
    const app = openApp({ now: () => new Date('2026-06-15T12:00:00Z') });
    const vendor = app.services.vendors.create(vendorInput({ category: 'robotics-iot' }));
    expect((await app.dispatcher.call('questionnaires.import', { content: FIRMWARE_TEXT })).ok).toBe(true);
    const started = await app.dispatcher.call('assessments.start', {
      vendorId: vendor.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const attached = await app.dispatcher.call('evidence.attach', {
      assessmentId: started.value.id,
      questionnaireId: 'example-firmware',
      questionId: 'fw_statement',
      fileName: 'statement.pdf',
      contentBase64: Buffer.from('statement').toString('base64'),
      kind: 'firmware-signing',
      periodEnd: '2024-02-29',
    });
    expect(attached.ok && attached.value.expiresAt).toBe(addMonths('2024-02-29', 12));
  });
});
