/**
 * What each report is drawn from: plain data gathered by services/reports on the main
 * side and sent to the report worker (so it must survive structured cloning: no
 * functions, no class instances).
 */
import type { Vendor } from '../domain/vendor';
import type { AssessmentSummary, Evidence } from '../domain/assessment';
import type { Decision } from '../domain/decision';
import type { ClauseState, ClauseStatus } from '../domain/clauses';
import type { Posture } from '../domain/device-checks';
import type { PortfolioSummary, PortfolioTier } from '../domain/portfolio';
import type { SelfAssessmentResult } from '../domain/roadmap';
import type { VendorScore } from '../domain/score-shapes';
import type { Tier } from '../domain/risk';
import type { FlagLine } from '../domain/flag-words';

export { REPORT_KINDS, type ReportKind } from '../domain/report-api';

/** At most this many answers go into a vendor report's appendix (the rest are counted in a note). */
export const APPENDIX_LIMIT = 1500;
/** At most this many critical or high vendors get a page of their own in the board report. */
export const BOARD_VENDOR_PAGES = 60;
/** Rows of a board report list beyond which the rest is summarised in a note. */
export const BOARD_LIST_LIMIT = 40;

export interface ClauseLine {
  title: string;
  status: ClauseStatus;
  state: ClauseState;
  value: string | null;
  /** Why the agreed value falls short, and where answers contradict it. */
  problems: string[];
  waiver: string | null;
}

export interface AppendixSection {
  questionnaire: string;
  title: string;
  rows: { id: string; question: string; answer: string; note: string }[];
}

export interface VendorReportData {
  kind: 'vendor';
  generated: string;
  /** The audit trail's newest entry when the report was made: printed on its last page, a witness. */
  trailHead: { id: number; hash: string };
  assessor: string;
  /** The company whose review this is (Settings), printed on the cover when given. */
  company?: string;
  vendor: Vendor;
  score: Omit<VendorScore, 'contributions'>;
  assessment: AssessmentSummary | null;
  decision: Decision | null;
  clauses: { clauses: ClauseLine[]; signOff: string } | null;
  devices: { devices: number; posture: Posture } | null;
  evidence: Evidence[];
  appendix: { sections: AppendixSection[]; shown: number; total: number };
  /** Every red flag with its reasons in words, owner and next step, worst first (domain/flag-words). */
  flagLines: FlagLine[];
}

/** One critical or high vendor's page in the board report. */
export interface BoardVendorPage {
  id: string;
  name: string;
  tier: Tier;
  score: number | null;
  /** The score is provisional (the tier is a knockout's). */
  provisional: boolean;
  residual: number;
  completeness: number;
  decision: string | null;
  nextReassessment: string | null;
  domains: { title: string; score: number | null; applicable: number }[];
  flags: { severity: string; message: string; knockout: boolean }[];
  clauseGaps: number;
  deviceFindings: number;
}

export interface BoardReportData {
  kind: 'board';
  generated: string;
  /** The audit trail's newest entry when the report was made: printed on its last page, a witness. */
  trailHead: { id: number; hash: string };
  author: string;
  /** The company whose portfolio this is (Settings), printed on the cover when given. */
  company?: string;
  summary: PortfolioSummary;
  /** Tier counts of earlier board reports, oldest first (the trend), and the last one (the change). */
  history: { date: string; tiers: Record<PortfolioTier, number> }[];
  clauseGaps: { vendorName: string; missing: number; deviating: number; needsReview: boolean }[];
  devices: {
    devices: number;
    byCheck: { label: string; open: number }[];
    byVendor: { vendorName: string; open: number }[];
  };
  vendorPages: BoardVendorPage[];
  /** Critical and high vendors left without a page (beyond BOARD_VENDOR_PAGES). */
  vendorPagesLeftOut: number;
}

export interface SelfReportData {
  kind: 'self';
  generated: string;
  /** The audit trail's newest entry when the report was made: printed on its last page, a witness. */
  trailHead: { id: number; hash: string };
  author: string;
  assessment: AssessmentSummary;
  result: SelfAssessmentResult;
  /** The self-assessment submitted before this one, or null when this is the first. */
  previous: {
    title: string;
    /** When it was submitted (YYYY-MM-DD…). */
    date: string;
    score: number | null;
    maturity: SelfAssessmentResult['maturity'];
  } | null;
  /** Who owns the roadmap (setting `selfAssessment.roadmapOwner`); '' when nobody is named. */
  roadmapOwner: string;
  /** Roadmap controls (questionnaireId/questionId) whose questionnaire gives no effort: the default estimate. */
  defaultEffort: string[];
}

export type ReportData = VendorReportData | BoardReportData | SelfReportData;
