/**
 * The portfolio dashboard's figures: tier counts, the vendors with the highest residual
 * risk, open knockouts, overdue and upcoming reassessments, and expiring evidence. Pure:
 * it aggregates per-vendor score results that were computed elsewhere (services/scores).
 */
import { dayNumber } from './days';
import { z } from 'zod';
import type { Evidence } from './assessment';
import { EVIDENCE_KINDS, SEVERITIES, type Severity } from './questionnaire';
import { TIERS, type Tier } from './risk';
import { addMonths, evidenceValidity, SOC2_VALID_MONTHS } from './scoring';
import type { Criticality, VendorStatus } from './vendor';
import { DECISIONS, type DecisionKind } from './decision';

/** Tier counts include vendors not yet assessed, which have no tier of their own. */
export const PORTFOLIO_TIERS = ['critical', 'high', 'medium', 'low', 'unassessed'] as const;
export type PortfolioTier = (typeof PORTFOLIO_TIERS)[number];

/** How many vendors the "by residual risk" list shows. */
export const TOP_RISKS = 10;
/** How far ahead a reassessment counts as upcoming. */
export const UPCOMING_DAYS = 90;
/** The expiring-evidence bands, in days from today (each file falls in one band). */
export const EVIDENCE_BANDS = [30, 60, 90] as const;

/** One vendor and its score result (the fields of domain/score-shapes' VendorScore that matter here). */
export interface PortfolioEntry {
  vendor: { id: string; name: string; status: VendorStatus; criticality?: Criticality };
  result: {
    assessment: { id: string } | null;
    score: number | null;
    /** Answered / applicable, 0–1. */
    completeness: number;
    residual: number;
    /** Null: no tier (a provisional score, domain/risk vendorTier). */
    tier: Tier | null;
    /** A score on too few answers (VendorScore.provisional); absent counts as not. */
    provisional?: boolean;
    knockouts: number;
    flags: readonly {
      questionnaireId: string;
      questionId: string | null;
      severity: Severity;
      message: string;
      knockout: boolean;
      reason: 'rule' | 'refused';
    }[];
    lastAssessed: string | null;
    nextReassessment: string | null;
    /** Contract clauses recorded for the vendor (they score like answers). */
    contract?: object | null;
    /** Devices the vendor makes in our inventory (their findings score like answers). */
    devices?: object | null;
  };
  /** The vendor's latest decision, if any. */
  decision?: DecisionKind | null;
  /** The conditions of the vendor's latest decision, if it approved with conditions. */
  conditions?: readonly { text: string; owner: string; due: string }[];
}

export type PortfolioEvidenceInput = Pick<
  Evidence,
  'id' | 'vendorId' | 'fileName' | 'kind' | 'periodEnd' | 'expiresAt'
>;

const ReassessmentSchema = z.object({
  vendorId: z.string(),
  vendorName: z.string(),
  tier: z.enum(TIERS),
  lastAssessed: z.string(),
  due: z.string(),
  /** Days past due (overdue) or until due (upcoming; 0 = due today). */
  days: z.number(),
});
export type PortfolioReassessment = z.infer<typeof ReassessmentSchema>;

const EvidenceItemSchema = z.object({
  vendorId: z.string(),
  vendorName: z.string(),
  evidenceId: z.string(),
  fileName: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  /** When it stops counting: its expiry date, or for a SOC 2 report 12 months after its period end, whichever is first. */
  expiresAt: z.string(),
  /** Days until it stops counting (negative: since it stopped). */
  days: z.number(),
  /** Why it no longer counts (expired ones only). */
  reason: z.string().optional(),
});
export type PortfolioEvidenceItem = z.infer<typeof EvidenceItemSchema>;

/** The dashboard's figures, as `portfolio.summary` returns them. */
export const PortfolioSummarySchema = z.object({
  today: z.string(),
  totals: z.object({
    /** Vendors counted: every vendor except offboarded ones. */
    vendors: z.number().int(),
    /** Vendors with a tier (a final score, or a knockout). */
    assessed: z.number().int(),
    /** Vendors without a tier: never assessed, nothing scored, or a provisional score. */
    unassessed: z.number().int(),
    /** Of the unassessed, those with a provisional score (too few answers to set a tier). */
    provisional: z.number().int(),
    /** Mean control score of the vendors with a final (not provisional) one, one decimal; null when none. */
    averageScore: z.number().nullable(),
    /** Offboarded vendors, left out of every other figure. */
    offboarded: z.number().int(),
  }),
  tiers: z.object({
    critical: z.number().int(),
    high: z.number().int(),
    medium: z.number().int(),
    low: z.number().int(),
    unassessed: z.number().int(),
  }),
  /** Assessed vendors, highest residual risk first. */
  topRisks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      tier: z.enum(TIERS),
      residual: z.number(),
      score: z.number().nullable(),
      /** The score is provisional (the tier is a knockout's): the residual risk is not final. */
      provisional: z.boolean(),
      knockouts: z.number().int(),
    }),
  ),
  /** Every raised knockout flag, most severe first. */
  knockouts: z.array(
    z.object({
      vendorId: z.string(),
      vendorName: z.string(),
      severity: z.enum(SEVERITIES),
      message: z.string(),
      questionnaireId: z.string(),
      questionId: z.string().nullable(),
      reason: z.enum(['rule', 'refused']),
    }),
  ),
  reassessments: z.object({ overdue: z.array(ReassessmentSchema), upcoming: z.array(ReassessmentSchema) }),
  /** Conditions of approvals whose due date has passed. */
  conditionsPastDue: z.array(
    z.object({
      vendorId: z.string(),
      vendorName: z.string(),
      text: z.string(),
      owner: z.string(),
      due: z.string(),
      days: z.number(),
    }),
  ),
  evidence: z.object({
    expired: z.array(EvidenceItemSchema),
    days0to30: z.array(EvidenceItemSchema),
    days31to60: z.array(EvidenceItemSchema),
    days61to90: z.array(EvidenceItemSchema),
  }),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummarySchema>;

/**
 * A vendor counts as assessed when it has an assessment (or contract clauses) that gives
 * something to go on: a control score or a raised flag. No assessment, or one with nothing scored answered
 * yet, is "unassessed" — never "low" because of a missing score.
 */
export function isAssessed(
  result: Pick<PortfolioEntry['result'], 'assessment' | 'contract' | 'devices' | 'score' | 'flags'>,
): boolean {
  return (
    (result.assessment !== null || Boolean(result.contract) || Boolean(result.devices)) &&
    (result.score !== null || result.flags.length > 0)
  );
}

/**
 * What the dashboard needs of one vendor's score result, decision and profile: kept with the
 * vendor's standing (storage/standing-repo), so a summary reads it instead of scoring every
 * vendor again. Plain JSON (it is stored as such).
 */
export interface VendorFigures {
  /** Whether the vendor counts as assessed ({@link isAssessed}); the rest matters only then. */
  assessed: boolean;
  /** Null: no tier, the score being provisional (counted as unassessed). */
  tier: Tier | null;
  /** The score is provisional. Figures stored without it are computed again (storage/standing-repo). */
  provisional: boolean;
  score: number | null;
  residual: number;
  knockouts: number;
  /** The raised knockout flags, in the order the score gives them. */
  knockoutFlags: {
    questionnaireId: string;
    questionId: string | null;
    severity: Severity;
    message: string;
    reason: 'rule' | 'refused';
  }[];
  lastAssessed: string | null;
  nextReassessment: string | null;
  /** The conditions of the latest decision. */
  conditions: { text: string; owner: string; due: string }[];
  /** The scored assessment (where a knockout's question is); absent in figures kept before it was. */
  assessmentId?: string | null;
}

/** One vendor's figures for the dashboard, from its entry (offboarded or not: the summary skips those). */
export function figuresOf(entry: PortfolioEntry): VendorFigures {
  const { result } = entry;
  return {
    assessed: isAssessed(result),
    tier: result.tier,
    provisional: result.provisional ?? false,
    score: result.score,
    residual: result.residual,
    knockouts: result.knockouts,
    knockoutFlags: result.flags
      .filter((f) => f.knockout)
      .map((f) => ({
        questionnaireId: f.questionnaireId,
        questionId: f.questionId,
        severity: f.severity,
        message: f.message,
        reason: f.reason,
      })),
    lastAssessed: result.lastAssessed,
    nextReassessment: result.nextReassessment,
    conditions: (entry.conditions ?? []).map((c) => ({ text: c.text, owner: c.owner, due: c.due })),
    assessmentId: result.assessment?.id ?? null,
  };
}

/** Builds the dashboard figures for a day (ISO date). */
export function summarisePortfolio(
  entries: readonly PortfolioEntry[],
  evidence: readonly PortfolioEvidenceInput[],
  today: string,
): PortfolioSummary {
  return summariseFigures(
    entries.map((e) => ({
      vendor: e.vendor,
      figures: e.vendor.status === 'offboarded' ? null : figuresOf(e),
    })),
    evidence,
    today,
  );
}

/**
 * Builds the dashboard figures for a day from each vendor's {@link VendorFigures} (null for
 * an offboarded vendor, which is only counted); the same as {@link summarisePortfolio} over
 * the entries they were taken from.
 */
export function summariseFigures(
  vendors: readonly { vendor: PortfolioEntry['vendor']; figures: VendorFigures | null }[],
  evidence: readonly PortfolioEvidenceInput[],
  today: string,
): PortfolioSummary {
  const tiers: Record<PortfolioTier, number> = { critical: 0, high: 0, medium: 0, low: 0, unassessed: 0 };
  const topRisks: PortfolioSummary['topRisks'] = [];
  const knockouts: PortfolioSummary['knockouts'] = [];
  const overdue: PortfolioReassessment[] = [];
  const upcoming: PortfolioReassessment[] = [];
  const conditionsPastDue: PortfolioSummary['conditionsPastDue'] = [];
  const names = new Map<string, string>();
  const todayN = dayNumber(today);
  let offboarded = 0;
  let scoreSum = 0;
  let scored = 0;
  let provisional = 0;

  for (const { vendor, figures } of vendors) {
    if (vendor.status === 'offboarded' || figures === null) {
      offboarded += 1;
      continue;
    }
    names.set(vendor.id, vendor.name);
    // Conditions count whether or not the vendor is assessed.
    for (const c of figures.conditions) {
      if (!isPastDue(c, today)) continue;
      conditionsPastDue.push({
        vendorId: vendor.id,
        vendorName: vendor.name,
        ...c,
        days: todayN - dayNumber(c.due),
      });
    }
    // A provisional score sets no tier: the vendor counts as unassessed unless a knockout gave it one.
    if (!figures.assessed || figures.tier === null) {
      tiers.unassessed += 1;
      if (figures.assessed && figures.provisional) provisional += 1;
      continue;
    }
    tiers[figures.tier] += 1;
    if (figures.score !== null && !figures.provisional) {
      scoreSum += figures.score;
      scored += 1;
    }
    topRisks.push({
      id: vendor.id,
      name: vendor.name,
      tier: figures.tier,
      residual: figures.residual,
      score: figures.score,
      provisional: figures.provisional,
      knockouts: figures.knockouts,
    });
    for (const f of figures.knockoutFlags) {
      knockouts.push({
        vendorId: vendor.id,
        vendorName: vendor.name,
        severity: f.severity,
        message: f.message,
        questionnaireId: f.questionnaireId,
        questionId: f.questionId,
        reason: f.reason,
      });
    }
    const due = reassessmentDue(figures, todayN);
    if (due) {
      const row = {
        vendorId: vendor.id,
        vendorName: vendor.name,
        tier: figures.tier,
        lastAssessed: figures.lastAssessed!,
        due: figures.nextReassessment!,
      };
      if (due.state === 'overdue') overdue.push({ ...row, days: due.days });
      else upcoming.push({ ...row, days: due.days });
    }
  }

  const byName = (a: string, b: string) => a.localeCompare(b);
  topRisks.sort((a, b) => b.residual - a.residual || b.knockouts - a.knockouts || byName(a.name, b.name));
  topRisks.length = Math.min(topRisks.length, TOP_RISKS);
  knockouts.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      byName(a.vendorName, b.vendorName) ||
      byName(a.message, b.message),
  );
  overdue.sort((a, b) => b.days - a.days || byName(a.vendorName, b.vendorName));
  upcoming.sort((a, b) => a.days - b.days || byName(a.vendorName, b.vendorName));
  conditionsPastDue.sort((a, b) => b.days - a.days || byName(a.vendorName, b.vendorName));

  const counted = vendors.length - offboarded;
  return {
    today,
    totals: {
      vendors: counted,
      assessed: counted - tiers.unassessed,
      unassessed: tiers.unassessed,
      provisional,
      averageScore: scored ? Math.round((scoreSum / scored) * 10) / 10 : null,
      offboarded,
    },
    tiers,
    topRisks,
    knockouts,
    reassessments: { overdue, upcoming },
    conditionsPastDue,
    evidence: evidenceBuckets(evidence, names, today),
  };
}

export const REASSESSMENT_STATES = ['overdue', 'upcoming'] as const;
export type ReassessmentState = (typeof REASSESSMENT_STATES)[number];

/** Whether a vendor's reassessment is overdue or due within {@link UPCOMING_DAYS}, with the days past or until. */
function reassessmentDue(
  result: Pick<PortfolioEntry['result'], 'lastAssessed' | 'nextReassessment'>,
  todayN: number,
): { state: ReassessmentState; days: number } | null {
  if (!result.lastAssessed || !result.nextReassessment) return null;
  const days = dayNumber(result.nextReassessment) - todayN;
  if (days < 0) return { state: 'overdue', days: -days };
  return days <= UPCOMING_DAYS ? { state: 'upcoming', days } : null;
}

function isPastDue(condition: { due: string }, today: string): boolean {
  return condition.due < today;
}

/** Where a piece of evidence stands: no longer counting, or stopping within 30/60/90 days. */
export const EVIDENCE_STATES = ['expired', '30', '60', '90'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];
const BAND_BUCKETS = { '30': 'days0to30', '60': 'days31to60', '90': 'days61to90' } as const;

function evidenceBand(
  e: Pick<Evidence, 'kind' | 'periodEnd' | 'expiresAt'>,
  until: string | null,
  today: string,
): EvidenceState | null {
  if (!until) return null;
  if (!evidenceValidity(e, today).valid) return 'expired';
  const days = dayNumber(until) - dayNumber(today);
  if (days <= EVIDENCE_BANDS[0]) return '30';
  if (days <= EVIDENCE_BANDS[1]) return '60';
  if (days <= EVIDENCE_BANDS[2]) return '90';
  return null;
}

/**
 * One vendor's standing, as the vendor list shows and filters it: the figures the
 * dashboard counts, for this vendor alone, by the same rules (so a dashboard number and
 * the list it clicks through to agree).
 */
export const VendorStandingSchema = z.object({
  /** 'unassessed' also for a provisional score that no knockout gave a tier. */
  tier: z.enum(PORTFOLIO_TIERS),
  /** The score is provisional (too few answers; it sets no tier). */
  provisional: z.boolean(),
  score: z.number().nullable(),
  completeness: z.number(),
  residual: z.number(),
  openFlags: z.number().int(),
  knockouts: z.number().int(),
  decision: z.enum(DECISIONS).nullable(),
  nextReassessment: z.string().nullable(),
  reassessment: z.enum(REASSESSMENT_STATES).nullable(),
  conditionsPastDue: z.number().int(),
  /** How many of the vendor's evidence files are in each state. */
  evidence: z.object({
    expired: z.number().int(),
    '30': z.number().int(),
    '60': z.number().int(),
    '90': z.number().int(),
  }),
});
export type VendorStanding = z.infer<typeof VendorStandingSchema>;

/** The standing of one vendor on a day, from its score result, latest decision and evidence. */
export function standingOf(
  entry: PortfolioEntry,
  evidence: readonly Pick<Evidence, 'kind' | 'periodEnd' | 'expiresAt'>[],
  today: string,
): VendorStanding {
  const { result } = entry;
  const assessed = isAssessed(result) && result.tier !== null;
  const counts = { expired: 0, '30': 0, '60': 0, '90': 0 };
  for (const e of evidence) {
    const band = evidenceBand(e, evidenceCountsUntil(e), today);
    if (band) counts[band] += 1;
  }
  return {
    tier: assessed && result.tier !== null ? result.tier : 'unassessed',
    provisional: result.provisional ?? false,
    score: result.score,
    completeness: result.completeness,
    residual: result.residual,
    openFlags: result.flags.length,
    knockouts: result.knockouts,
    decision: entry.decision ?? null,
    nextReassessment: result.nextReassessment,
    reassessment: assessed ? (reassessmentDue(result, dayNumber(today))?.state ?? null) : null,
    conditionsPastDue: (entry.conditions ?? []).filter((c) => isPastDue(c, today)).length,
    evidence: counts,
  };
}

/** When a piece of evidence stops counting, or null when it never does. */
export function evidenceCountsUntil(e: Pick<Evidence, 'kind' | 'periodEnd' | 'expiresAt'>): string | null {
  const soc2 =
    (e.kind === 'soc2-type1' || e.kind === 'soc2-type2') && e.periodEnd
      ? addMonths(e.periodEnd, SOC2_VALID_MONTHS)
      : null;
  if (e.expiresAt && soc2) return e.expiresAt < soc2 ? e.expiresAt : soc2;
  return e.expiresAt ?? soc2;
}

/** Sorts evidence of counted vendors (those in `names`) into expired and the 30/60/90-day bands. */
function evidenceBuckets(
  evidence: readonly PortfolioEvidenceInput[],
  names: ReadonlyMap<string, string>,
  today: string,
): PortfolioSummary['evidence'] {
  const out: PortfolioSummary['evidence'] = { expired: [], days0to30: [], days31to60: [], days61to90: [] };
  const todayN = dayNumber(today);
  for (const e of evidence) {
    const vendorName = e.vendorId === null ? undefined : names.get(e.vendorId);
    if (vendorName === undefined) continue;
    const until = evidenceCountsUntil(e);
    if (!until) continue;
    const item: PortfolioEvidenceItem = {
      vendorId: e.vendorId!,
      vendorName,
      evidenceId: e.id,
      fileName: e.fileName,
      kind: e.kind,
      expiresAt: until,
      days: dayNumber(until) - todayN,
    };
    const band = evidenceBand(e, until, today);
    if (band === 'expired') out.expired.push({ ...item, reason: evidenceValidity(e, today).reason });
    else if (band !== null) out[BAND_BUCKETS[band]].push(item);
  }
  const soonest = (a: PortfolioEvidenceItem, b: PortfolioEvidenceItem) =>
    a.days - b.days || a.vendorName.localeCompare(b.vendorName) || a.fileName.localeCompare(b.fileName);
  for (const list of Object.values(out)) list.sort(soonest);
  return out;
}
