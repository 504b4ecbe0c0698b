import { it } from 'vitest';
import { scoreAssessment, apportion } from '../../electron/domain/scoring';
import {
  inherentRisk,
  residualRisk,
  tierOf,
  nextReassessment,
  DEFAULT_RISK_SETTINGS as S,
} from '../../electron/domain/risk';
import { parseQuestionnaire } from '../../electron/domain/validate-questionnaire';
import { readFileSync } from 'node:fs';

const yn = (id: string, text: string, weight: number, extra: object = {}) => ({
  id,
  text,
  type: 'yes-no',
  weight,
  ...extra,
});
const raw = {
  format: 'vendor-risk-questionnaire/1',
  id: 'worked',
  version: '1.0.0',
  title: 'Worked examples',
  sections: [
    {
      id: 'access',
      title: 'Access control',
      questions: [
        yn('mfa_admins', 'Is MFA required for every administrator account?', 3, {
          redFlags: [
            {
              id: 'no_mfa',
              when: { question: 'mfa_admins', is: 'no' },
              severity: 'high',
              message: 'Administrators can sign in without MFA.',
            },
          ],
        }),
        yn('shared_accounts', 'Are any accounts shared between people?', 1, {
          yesNoPoints: { yes: 0, partial: 50, no: 100 },
        }),
      ],
    },
    {
      id: 'logging',
      title: 'Logging and breach response',
      questions: [
        yn('audit_logs', 'Do you keep detailed audit logs of access to our data?', 2, {
          redFlags: [
            {
              id: 'no_audit_logs',
              when: { question: 'audit_logs', is: 'no' },
              severity: 'critical',
              knockout: true,
              message: 'No detailed audit logs of access to our data.',
            },
          ],
        }),
        yn('breach_notice', 'Do you commit to notify us of a breach within 72 hours?', 1, {
          redFlags: [
            {
              id: 'no_breach_notice',
              when: { question: 'breach_notice', is: 'no' },
              severity: 'critical',
              knockout: true,
              message: 'No breach-notification commitment.',
            },
          ],
        }),
      ],
    },
  ],
};
const p = parseQuestionnaire(raw);
if (!p.ok) throw new Error(JSON.stringify(p.issues));
const q = p.value;
const A = (o: Record<string, unknown>) =>
  new Map(
    Object.entries(o).map(([k, v]) => [
      `worked/${k}`,
      typeof v === 'object' ? (v as never) : ({ status: 'answered', value: v } as never),
    ]),
  );
const show = (name: string, answers: Record<string, unknown>, vendor: Parameters<typeof inherentRisk>[0]) => {
  const s = scoreAssessment({ questionnaires: [q], answers: A(answers), evidence: [], today: '2026-06-15' });
  const inh = inherentRisk(vendor);
  const res = residualRisk(inh.value, s.score, S);
  const t = tierOf(res, s.flags.filter((f) => f.knockout).length, S);
  console.log(
    name,
    JSON.stringify(
      {
        score: s.score,
        completeness: s.completeness,
        answered: s.answered,
        applicable: s.applicable,
        domains: s.domains.map((d) => [d.sectionId, d.score, d.answered, d.applicable]),
        contributions: s.contributions.map((c) => [
          c.questionId,
          c.points,
          c.weight,
          c.contribution,
          c.lost,
          c.answer,
          c.reason,
        ]),
        flags: s.flags,
        inh,
        res,
        t,
        next: nextReassessment('2026-06-15', t.tier, S),
      },
      null,
      1,
    ),
  );
};
it('scratch', () => {
  show(
    'A',
    { mfa_admins: 'yes', shared_accounts: 'yes', audit_logs: 'partial', breach_notice: 'yes' },
    { category: 'wms-saas', dataTouched: ['pii'], criticality: 'high' },
  );
  show(
    'B1',
    {
      mfa_admins: 'yes',
      shared_accounts: 'yes',
      audit_logs: { status: 'not-applicable' },
      breach_notice: 'yes',
    },
    { category: 'wms-saas', dataTouched: ['pii'], criticality: 'high' },
  );
  show(
    'B2',
    { mfa_admins: 'yes', shared_accounts: 'yes', audit_logs: { status: 'refused' }, breach_notice: 'yes' },
    { category: 'wms-saas', dataTouched: ['pii'], criticality: 'high' },
  );
  show(
    'C',
    { mfa_admins: 'yes', shared_accounts: 'no', audit_logs: 'yes', breach_notice: 'no' },
    { category: '3pl', dataTouched: ['supplier-pricing'], criticality: 'medium' },
  );
  console.log(apportion([1 / 3, 1 / 3, 1 / 3], 1), 0.4 * 100, 0.4 * 100 + 0.35 * 75 + 0.25 * 80);
});
