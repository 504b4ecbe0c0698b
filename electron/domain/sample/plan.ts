/**
 * The sample warehouse as a plan: every step a person would have taken over two years —
 * vendors added, assessed (some two or three times), evidence attached, decisions with
 * conditions, contract clauses recorded and signed off, device inventories imported and
 * their makers linked, our own warehouse assessed, a board report made — each at its
 * moment, relative to the day it is loaded, so what is "due", "expiring" or "past due" is
 * true whenever it is loaded. Pure: the demo service applies it through the services.
 */
import type { AnswerInput } from '../assessment';
import type { ClauseSetInput } from '../clauses';
import type { DecisionKind } from '../decision';
import type { EvidenceKind, Questionnaire } from '../questionnaire';
import type { VendorInputDraft } from '../vendor';
import { DEMO_VENDORS } from '../demo-portfolio';
import { sampleAnswers, type AnswerStyle } from './answers';
import { sampleAdvisories, sampleKevCatalog } from './advisories';
import { sampleInventories, SAMPLE_MAKERS, type SampleInventory } from './devices';
import { momentOn, seeded, shiftDate } from './random';

/** The seed of the sample: the same plan for the same day, every time. */
export const SAMPLE_SEED = 18;
/** The questionnaires the sample answers. */
export const SAMPLE_QUESTIONNAIRES = [
  'quick-triage',
  'identity-access',
  'incident-response',
  'vulnerability-disclosure',
  'self-assessment',
] as const;
export type SampleQuestionnaireId = (typeof SAMPLE_QUESTIONNAIRES)[number];

/** A clause record of the plan (the vendor by its index in the sample). */
export type SampleClause = Omit<ClauseSetInput, 'vendorId'>;

/** One step of the plan; `at` is the moment it happens, `vendor` an index into the plan's vendors. */
export type SampleStep = { at: string } & (
  | { kind: 'vendor'; vendor: number }
  | { kind: 'start'; ref: string; vendor: number | null; questionnaireIds: string[] }
  | { kind: 'answers'; ref: string; answers: AnswerInput[] }
  | {
      kind: 'evidence';
      ref: string;
      questionnaireId: string;
      questionId: string;
      fileName: string;
      text: string;
      evidenceKind: EvidenceKind;
      issuer: string;
      periodStart: string;
      periodEnd: string;
      expiresAt: string;
    }
  | { kind: 'status'; ref: string; status: 'submitted' | 'closed' }
  | {
      kind: 'decision';
      ref: string;
      decision: DecisionKind;
      conditions: { text: string; owner: string; due: string }[];
      notes: string;
    }
  | { kind: 'clause'; vendor: number; clause: SampleClause }
  | { kind: 'sign-off'; vendor: number }
  | { kind: 'devices'; inventory: SampleInventory }
  | { kind: 'link'; manufacturer: string; vendor: number }
  | { kind: 'board-point' }
  /** The fictional advisories and exploited catalog, as files a user brings. */
  | { kind: 'advisories'; files: { fileName: string; document: unknown }[] }
);

export interface SamplePlan {
  /** The day it was planned for (YYYY-MM-DD). */
  today: string;
  vendors: readonly VendorInputDraft[];
  /** In the order they happen. */
  steps: SampleStep[];
}

/** How a vendor was reviewed: one round a review, its quality, what went wrong. */
interface Profile {
  /** Quality (0–1) of each round's answers, oldest first. */
  rounds: number[];
  /** Questionnaires beyond the quick triage. */
  more?: SampleQuestionnaireId[];
  /** Answers forced in every round (and per round, by its index). */
  forced?: Record<string, string | number>;
  forcedIn?: Record<number, Record<string, string | number>>;
  /** The last round is still under way with this share of the questions answered. */
  partial?: number;
  /** Evidence of the last round: valid, expiring within a month, or expired. */
  evidence?: 'valid' | 'expiring' | 'expired';
  /** The conditions of the last decision are past due. */
  pastDue?: boolean;
}

/** The reviews of the sample vendors, by index in DEMO_VENDORS. */
const PROFILES: Record<number, Profile> = {
  0: { rounds: [0.55, 0.72, 0.88], more: ['identity-access', 'incident-response'], evidence: 'valid' },
  1: { rounds: [0.55, 0.25], evidence: 'expired', pastDue: true },
  2: { rounds: [0.8, 0.92], evidence: 'valid' },
  3: {
    rounds: [0.6, 0.75],
    evidence: 'expiring',
    forced: { tri_breach_notification: 'yes', tri_breach_hours: 48 },
  },
  6: {
    rounds: [0.45, 0.1],
    more: ['identity-access'],
    forcedIn: { 1: { tri_audit_logs: 'no' } },
    pastDue: true,
  },
  7: { rounds: [0.7] },
  8: { rounds: [0.9] },
  10: { rounds: [0.3] },
  11: {
    rounds: [0.45, 0.62, 0.72],
    more: ['identity-access'],
    forcedIn: {
      0: { tri_data_ownership: 'no' },
      1: { tri_data_ownership: 'yes' },
      2: { tri_data_ownership: 'yes' },
    },
  },
  12: { rounds: [0.75, 0.82], evidence: 'valid' },
  13: { rounds: [0.4], forced: { tri_breach_notification: 'no' }, pastDue: true },
  15: { rounds: [0.65] },
  // Its disclosure answers look sound — a policy, an emergency process, no open pen-test
  // findings, and no known exploited vulnerability open in what it supplies: its PLCs say otherwise.
  16: {
    rounds: [0.5, 0.66],
    more: ['vulnerability-disclosure'],
    evidence: 'expiring',
    forced: {
      vdp_has_policy: 'yes',
      vdp_exploited_process: 'yes',
      vdp_pentest_open_findings: 'no',
      vdp_kev_open: 'no',
    },
  },
  17: { rounds: [0.92] },
  18: { rounds: [0.6, 0.7], evidence: 'expired', forced: { tri_training_use: 'opt_out' } },
  19: { rounds: [0.7], partial: 0.35 },
  20: { rounds: [0.6], partial: 0.4 },
  22: { rounds: [0.8] },
  23: { rounds: [0.55, 0.62] },
  26: { rounds: [0.72] },
  28: { rounds: [0.95] },
  29: { rounds: [0.98] },
};

/** When each round happens: days before today, by round count and round. */
const ROUND_DAYS: Record<number, number[]> = { 1: [300], 2: [560, 200], 3: [660, 360, 70] };

const OWNERS = ['Dana Whitfield', 'Marcus Oyelaran', 'Priya Raman', 'Legal — Hannah Ortiz'];
const CONDITIONS = [
  'Deliver a current penetration test summary',
  'Enforce MFA for every administrator account',
  'Send the incident response plan and the last tabletop exercise report',
  'Move our data to the EU region and confirm in writing',
  'Rotate the shared API keys and issue one per site',
];

const AGREED: SampleClause[] = [
  clause('breach-notification', { type: 'hours', value: 48 }),
  clause('liability-cap', { type: 'months', value: 12 }),
  clause('data-residency', { type: 'regions', value: ['eu'] }),
  clause('audit-rights', { type: 'yes-no', value: true }),
  clause('soc2-type2-annual', { type: 'yes-no', value: true }),
  clause('uptime-sla', { type: 'percentage', value: 99.9 }),
  clause('deletion-at-termination', { type: 'days', value: 30 }),
];

/** Clause records that differ from the standard set, by vendor. */
const CLAUSES: Record<number, SampleClause[]> = {
  0: [],
  1: [
    clause('breach-notification', { type: 'hours', value: 96 }),
    clause('uptime-sla', { type: 'percentage', value: 99.5 }),
  ],
  2: [],
  3: [clause('breach-notification', { type: 'hours', value: 24 })],
  6: [
    clause('liability-cap', { type: 'months', value: 6 }),
    clause('support-sla', { type: 'hours', value: 8 }),
  ],
  11: [
    {
      ...clause('soc2-type2-annual', null),
      status: 'waived',
      waiver: {
        reason: 'ISO 27001 certificate accepted instead for the first term',
        acceptedBy: 'Hannah Ortiz',
      },
    },
  ],
  16: [
    { ...clause('deletion-certificate', null), status: 'missing' },
    clause('critical-patch-time', { type: 'days', value: 14 }),
  ],
  18: [clause('no-training-on-our-data', { type: 'yes-no', value: true })],
  23: [{ ...clause('cyber-insurance', null), status: 'negotiating' }],
};
/** Vendors whose contract legal signed off (the last one reopened by a later change). */
const SIGNED_OFF = [0, 2, 11];

function clause(clauseId: string, value: SampleClause['value']): SampleClause {
  return {
    clauseId,
    status: 'agreed',
    value,
    reference: { document: 'Master services agreement', section: '', page: '' },
    waiver: null,
  };
}

/** The plan of the sample warehouse for `today` (YYYY-MM-DD), from the questionnaires it answers. */
export function sampleWarehousePlan(
  today: string,
  questionnaires: Readonly<Record<SampleQuestionnaireId, Questionnaire>>,
): SamplePlan {
  const steps: SampleStep[] = [];
  let minute = 0;
  /** A moment `days` before today; steps on one day keep their order. */
  const at = (daysAgo: number) => momentOn(today, -daysAgo, (minute += 1) % 480);

  DEMO_VENDORS.forEach((_, vendor) => steps.push({ kind: 'vendor', vendor, at: at(730 - vendor * 2) }));

  for (const [key, profile] of Object.entries(PROFILES)) {
    const vendor = Number(key);
    const name = DEMO_VENDORS[vendor]!.name;
    const days = ROUND_DAYS[profile.rounds.length]!;
    profile.rounds.forEach((quality, round) => {
      const ref = `vendor-${vendor}-${round}`;
      const last = round === profile.rounds.length - 1;
      const partial = last && profile.partial !== undefined;
      const d = days[round]! - (vendor % 7);
      const rnd = seeded(SAMPLE_SEED * 10_000 + vendor * 10 + round);
      const ids: SampleQuestionnaireId[] = ['quick-triage', ...(profile.more ?? [])];
      if (round > 0)
        steps.push({ kind: 'status', ref: `vendor-${vendor}-${round - 1}`, status: 'closed', at: at(d + 1) });
      steps.push({ kind: 'start', ref, vendor, questionnaireIds: ids, at: at(d) });
      const evidence = last ? profile.evidence : undefined;
      const style: AnswerStyle = {
        quality,
        answered: partial ? profile.partial! : 0.9,
        partial,
        forced: {
          ...(evidence ? { tri_assurance: 'soc2_type2' } : {}),
          ...profile.forced,
          ...profile.forcedIn?.[round],
        },
      };
      const answers = ids.flatMap((id) =>
        sampleAnswers(questionnaires[id], style, rnd, shiftDate(today, -d)),
      );
      steps.push({ kind: 'answers', ref, answers, at: at(d - 2) });
      if (partial) return;
      if (evidence) {
        const expiresAt =
          evidence === 'valid'
            ? shiftDate(today, 200 + vendor)
            : evidence === 'expiring'
              ? shiftDate(today, 9 + (vendor % 10))
              : shiftDate(today, -20 - (vendor % 10));
        steps.push({
          kind: 'evidence',
          ref,
          questionnaireId: 'quick-triage',
          questionId: 'tri_assurance_evidence',
          fileName: `${name} SOC 2 Type II.pdf`,
          text: `Sample evidence: the SOC 2 Type II report of ${name} (not a real report).\n`,
          evidenceKind: 'soc2-type2',
          issuer: 'Sample Audit LLP',
          periodStart: shiftDate(expiresAt, -365 - 365),
          periodEnd: shiftDate(expiresAt, -365),
          expiresAt,
          at: at(d - 3),
        });
      }
      steps.push({ kind: 'status', ref, status: 'submitted', at: at(d - 7) });
      const decision: DecisionKind =
        vendor === 10 ? 'reject' : quality >= 0.78 ? 'approve' : 'approve-with-conditions';
      const due = last
        ? profile.pastDue
          ? shiftDate(today, -10 - (vendor % 20))
          : shiftDate(today, 25 + vendor * 3)
        : shiftDate(today, -d + 80);
      steps.push({
        kind: 'decision',
        ref,
        decision,
        conditions:
          decision === 'approve-with-conditions'
            ? [0, 1].slice(0, 1 + (vendor % 2)).map((i) => ({
                text: CONDITIONS[(vendor + i) % CONDITIONS.length]!,
                owner: OWNERS[(vendor + i) % OWNERS.length]!,
                due,
              }))
            : [],
        notes: decision === 'reject' ? 'Offboarded after repeated gaps in access control.' : '',
        at: at(d - 12),
      });
    });
  }

  // Contracts: recorded after the first review, signed off, one sign-off reopened later.
  for (const [key, changes] of Object.entries(CLAUSES)) {
    const vendor = Number(key);
    const d = 280 - vendor * 5;
    const changed = new Map(changes.map((c) => [c.clauseId, c]));
    const records = [...AGREED.filter((c) => !changed.has(c.clauseId)), ...changes];
    for (const c of records) steps.push({ kind: 'clause', vendor, clause: c, at: at(d) });
    if (SIGNED_OFF.includes(vendor)) steps.push({ kind: 'sign-off', vendor, at: at(d - 20) });
  }
  steps.push({
    kind: 'clause',
    vendor: 11,
    clause: clause('uptime-sla', { type: 'percentage', value: 99.5 }),
    at: at(18),
  });

  // Devices: the fleet export a while ago, the network scan recently; makers linked to vendors.
  const [fleet, scan] = sampleInventories(today, seeded(SAMPLE_SEED));
  steps.push({ kind: 'devices', inventory: fleet!, at: at(45) });
  steps.push({ kind: 'devices', inventory: scan!, at: at(12) });
  for (const maker of SAMPLE_MAKERS)
    if (maker.vendor !== null)
      steps.push({ kind: 'link', manufacturer: maker.name, vendor: maker.vendor, at: at(11) });

  // The advisories and exploited catalog someone downloaded a week ago.
  steps.push({
    kind: 'advisories',
    files: [...sampleAdvisories(today), sampleKevCatalog(today)],
    at: at(7),
  });

  // Our own warehouse, assessed last quarter.
  const self = questionnaires['self-assessment'];
  steps.push({ kind: 'start', ref: 'self', vendor: null, questionnaireIds: [self.id], at: at(100) });
  steps.push({
    kind: 'answers',
    ref: 'self',
    answers: sampleAnswers(
      self,
      { quality: 0.7, answered: 0.95 },
      seeded(SAMPLE_SEED + 1),
      shiftDate(today, -98),
    ),
    at: at(98),
  });
  steps.push({ kind: 'status', ref: 'self', status: 'submitted', at: at(90) });

  // The board reports of the last two quarters.
  steps.push({ kind: 'board-point', at: at(182) });
  steps.push({ kind: 'board-point', at: at(91) });

  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { today, vendors: DEMO_VENDORS, steps };
}
