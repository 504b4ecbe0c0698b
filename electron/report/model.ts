/**
 * What each report is drawn from: plain data gathered by services/reports on the main
 * side and sent to the report worker (so it must survive structured cloning: no
 * functions, no class instances).
 */
import type { Criticality, Vendor } from '../domain/vendor';
import type { AssessmentSummary, Evidence } from '../domain/assessment';
import type { Decision } from '../domain/decision';
import type { ClauseState, ClauseStatus } from '../domain/clauses';
import type { Posture } from '../domain/device-checks';
import type { PortfolioSummary } from '../domain/portfolio';
import type { SelfAssessmentResult } from '../domain/roadmap';
import type { VendorScore } from '../domain/score-shapes';
import type { Tier } from '../domain/risk';
import type { FlagLine } from '../domain/flag-words';
import type { BoardChanges, BoardDecision, BoardPoint, KeyFigure } from '../domain/board-pack';
import type { ClauseGap, CoverageRow, KnockoutTheme } from '../domain/board-groups';
import type { HeatMap } from '../domain/heat-map';
import type { TierTrend } from '../domain/tier-trend';

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

/** One critical or high vendor's page in the board pack's appendix. */
export interface BoardVendorPage {
  id: string;
  name: string;
  tier: Tier;
  criticality: Criticality;
  owner: string;
  services: string;
  score: number | null;
  /** The score is provisional (the tier is a knockout's). */
  provisional: boolean;
  residual: number;
  completeness: number;
  decision: string | null;
  nextReassessment: string | null;
  domains: { title: string; score: number | null; applicable: number }[];
  /** Red flags, knockouts and the most severe first, each with the question and the answer given. */
  flags: {
    severity: string;
    message: string;
    knockout: boolean;
    /** The question's text, when the flag comes from a question. */
    question: string | null;
    /** The answer given, in words. */
    answer: string | null;
  }[];
  /** Clauses missing or deviating; null while no clause of its contract is recorded. */
  clauseGaps: number | null;
  deviceFindings: number;
}

/** One of the top risks, with who owns it and what happens next. */
export interface BoardTopRisk {
  name: string;
  tier: Tier;
  residual: number;
  score: number | null;
  provisional: boolean;
  knockouts: number;
  services: string;
  owner: string;
  action: string;
  due: string;
}

export interface BoardReportData {
  kind: 'board';
  generated: string;
  /** The audit trail's newest entry when the report was made: printed on its last page, a witness. */
  trailHead: { id: number; hash: string };
  author: string;
  /** The company whose portfolio this is (Settings), printed on the cover when given. */
  company?: string;
  /** From the last board report's day (null: this is the first) to today. */
  period: { from: string | null; to: string };
  headline: string;
  decisions: BoardDecision[];
  keyFigures: KeyFigure[];
  totals: PortfolioSummary['totals'];
  tiers: PortfolioSummary['tiers'];
  heatMap: HeatMap;
  trend: TierTrend;
  /** Null: the last report kept no snapshot (or there was none). */
  changes: BoardChanges | null;
  topRisks: BoardTopRisk[];
  knockoutThemes: KnockoutTheme[];
  clauseGaps: { gaps: ClauseGap[]; unrecorded: number };
  coverage: CoverageRow[];
  devices: {
    devices: number;
    /**
     * Makers with the most open findings; name null: devices whose maker is linked to no
     * vendor. `exploited`: devices running firmware with a known exploited vulnerability.
     */
    makers: {
      name: string | null;
      devices: number;
      open: number;
      exploited: number;
      worst: string | null;
    }[];
  };
  /** The appendix's vendor pages; null when the appendix is left out. */
  appendix: BoardVendorPage[] | null;
  /** Critical and high vendors left without a page (beyond BOARD_VENDOR_PAGES). */
  vendorPagesLeftOut: number;
  /** What this report keeps for the next one (stored once the file is saved). */
  point: BoardPoint;
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
