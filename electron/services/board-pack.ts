/**
 * Gathers the board pack's data: the portfolio figures, the snapshot of each vendor (kept
 * for the next report's changes), the decisions asked of the board, key figures against the
 * last report and the targets, the heat map, the tier trend, the grouped lists, and — when
 * asked — an appendix page per critical or high vendor with each flag's question and answer.
 */
import { AppError } from '../domain/errors';
import { DEVICE_CHECK_INFO, DEVICE_CHECKS } from '../domain/device-checks';
import { heatMap } from '../domain/heat-map';
import {
  boardChanges,
  boardDecisions,
  boardHeadline,
  keyFigures,
  type BoardPoint,
  type BoardVendorSnapshot,
  type DecisionVendor,
} from '../domain/board-pack';
import {
  clauseGapsByClause,
  coverage,
  knockoutThemes,
  onTimeShare,
  riskAction,
  type CoverageRow,
} from '../domain/board-groups';
import { boardTargetsOf, type KeyFigureId } from '../domain/board-targets';
import type { PortfolioSummary, PortfolioTier } from '../domain/portfolio';
import type { FiguresRow } from '../storage/standing-repo';
import { BOARD_VENDOR_PAGES, type BoardReportData, type BoardTopRisk } from '../report/model';
import type { JobContext, ServiceContext } from './context';
import { clauseMatrix, vendorPages } from './board-appendix';
import type { AppServices } from './services';
import { COMPANY_KEY } from './organisation';

/** The settings key of the board reports' earlier figures. */
export const BOARD_HISTORY_KEY = 'reports.boardHistory';
/** The settings key of the board pack's targets (domain/board-targets). */
export const BOARD_TARGETS_KEY = 'reports.boardTargets';
/** Makers listed under device posture. */
const DEVICE_MAKERS = 8;
/** Top risks listed. */
const TOP_RISKS = 10;

type Sources = Pick<
  AppServices,
  'vendors' | 'scores' | 'assessments' | 'decisions' | 'clauses' | 'devices' | 'portfolio'
>;

/** The stored board history (points of any age, oldest first). */
export function readBoardPoints(ctx: ServiceContext): BoardPoint[] {
  const stored = ctx.storage.settings.get(BOARD_HISTORY_KEY);
  return Array.isArray(stored) ? (stored as BoardPoint[]) : [];
}

type Row = FiguresRow;
const tierOf = (f: Row['figures']): PortfolioTier => (f && f.assessed && f.tier ? f.tier : 'unassessed');
const knockoutsOf = (f: Row['figures']): string[] =>
  f?.assessed ? f.knockoutFlags.map((k) => k.message) : [];

/** Each counted vendor as a board report remembers it (offboarded vendors left out). */
export function boardSnapshot(rows: readonly Row[]): BoardVendorSnapshot[] {
  return rows
    .filter((r) => r.vendor.status !== 'offboarded')
    .map((r) => ({
      id: r.vendor.id,
      name: r.vendor.name,
      tier: tierOf(r.figures),
      knockouts: knockoutsOf(r.figures),
    }));
}

/** Coverage of the reassessment policy over counted vendors. */
export function coverageOf(rows: readonly Row[], today: string): CoverageRow[] {
  return coverage(
    rows
      .filter((r) => r.vendor.status !== 'offboarded')
      .map((r) => ({
        criticality: r.vendor.criticality,
        assessed: Boolean(r.figures?.assessed),
        nextReassessment: r.figures?.nextReassessment ?? null,
      })),
    today,
  );
}

/** The key figures of today's portfolio (page one, and kept for the next report). */
export function boardFigures(
  summary: PortfolioSummary,
  rows: readonly Row[],
  cover: readonly CoverageRow[],
): Record<KeyFigureId, number | null> {
  // Over the same vendors as the average control score: a tier and a final score (a
  // provisional one sets no tier, and its residual risk is not final either).
  const residuals = rows
    .filter(
      (r) =>
        r.vendor.status !== 'offboarded' &&
        r.figures?.assessed &&
        r.figures.tier !== null &&
        r.figures.score !== null &&
        !r.figures.provisional,
    )
    .map((r) => r.figures!.residual);
  return {
    critical: summary.tiers.critical,
    high: summary.tiers.high,
    knockouts: summary.knockouts.length,
    averageScore: summary.totals.averageScore,
    averageResidual: residuals.length
      ? Math.round((residuals.reduce((a, b) => a + b, 0) / residuals.length) * 10) / 10
      : null,
    criticalOnTime: onTimeShare(cover[0]!),
    overdue: summary.reassessments.overdue.length,
    conditionsPastDue: summary.conditionsPastDue.length,
  };
}

/** Gathers the board pack, pausing between vendors; `appendix` adds the vendor pages. */
export async function gatherBoardPack(
  ctx: ServiceContext,
  services: Sources,
  job: JobContext,
  appendix: boolean,
  stamp: string,
): Promise<BoardReportData> {
  const pause = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (job.signal.aborted) throw new AppError('CANCELLED', 'The report was cancelled; no file was written');
  };
  const summary = await services.portfolio.summaryInSteps(job);
  const today = ctx.now().toISOString().slice(0, 10);
  const history = readBoardPoints(ctx).filter((h) => h.date.slice(0, 10) < today);
  const last = history.at(-1);
  const rows = ctx.storage.standings.figures(today).filter((r) => r.vendor.status !== 'offboarded');

  // Each counted vendor's standing and latest decision.
  const decisionVendors: DecisionVendor[] = [];
  const latest = new Map<string, ReturnType<Sources['decisions']['list']>[number] | undefined>();
  for (const [i, r] of rows.entries()) {
    if (i % 20 === 19) await pause();
    const [decision] = services.decisions.list(r.vendor.id);
    latest.set(r.vendor.id, decision);
    decisionVendors.push({
      id: r.vendor.id,
      name: r.vendor.name,
      status: r.vendor.status,
      criticality: r.vendor.criticality,
      tier: tierOf(r.figures),
      knockouts: knockoutsOf(r.figures),
      decision: decision ? { kind: decision.decision, at: decision.decidedAt } : null,
    });
  }
  const snapshot = boardSnapshot(rows);
  const decisions = boardDecisions(decisionVendors, summary.conditionsPastDue);
  const changes = boardChanges(last?.vendors, snapshot);

  const cover = coverageOf(rows, today);
  const figures = boardFigures(summary, rows, cover);
  const targets = boardTargetsOf(ctx.storage.settings.get(BOARD_TARGETS_KEY));

  const byId = new Map(rows.map((r) => [r.vendor.id, r]));
  const topRisks: BoardTopRisk[] = summary.topRisks.slice(0, TOP_RISKS).map((t) => {
    const vendor = services.vendors.get(t.id);
    const f = byId.get(t.id)?.figures;
    const decision = latest.get(t.id);
    const { action, due } = riskAction(
      {
        decision: decision?.decision ?? null,
        status: vendor.status,
        knockouts: f?.knockoutFlags.map((k) => k.message) ?? [],
        conditions: decision?.conditions ?? [],
        nextReassessment: f?.nextReassessment ?? null,
      },
      today,
    );
    return {
      name: t.name,
      tier: t.tier,
      residual: t.residual,
      score: t.score,
      provisional: t.provisional,
      knockouts: t.knockouts,
      services: vendor.services,
      owner: vendor.owner,
      action,
      due,
    };
  });
  const worst = summary.topRisks[0];

  await pause();
  const trend = await services.portfolio.tierTrend(job.signal);
  const matrix = await clauseMatrix(services, rows, pause);
  const findings = services.devices.findings(null);
  const makers: BoardReportData['devices']['makers'] = [];
  for (const m of findings.byVendor.slice(0, DEVICE_MAKERS)) {
    await pause();
    // Devices of no known maker: counted apart, without a most common finding.
    if (m.vendorId === null) {
      makers.push({ name: null, open: m.open, worst: null, ...services.devices.unlinked() });
      continue;
    }
    const own = services.devices.findings(m.vendorId);
    const worstCheck = [...DEVICE_CHECKS].sort((a, b) => own.posture[b].fail - own.posture[a].fail)[0];
    makers.push({
      name: m.vendorName,
      devices: own.devices,
      open: m.open,
      exploited: own.posture['kev-exploited']?.fail ?? 0,
      worst: worstCheck && own.posture[worstCheck].fail ? DEVICE_CHECK_INFO[worstCheck].label : null,
    });
  }

  const serious = rows
    .filter((r) => r.figures?.assessed && (r.figures.tier === 'critical' || r.figures.tier === 'high'))
    .sort((a, b) => (b.figures?.residual ?? 0) - (a.figures?.residual ?? 0));
  const company = ctx.storage.settings.get(COMPANY_KEY);
  return {
    kind: 'board',
    generated: stamp,
    trailHead: ctx.storage.audit.head(),
    author: ctx.actor(),
    company: typeof company === 'string' ? company : '',
    period: { from: last ? last.date.slice(0, 10) : null, to: today },
    headline: boardHeadline({
      since: last ? last.date.slice(0, 10) : null,
      changes,
      tiers: summary.tiers,
      previousTiers: last?.tiers ?? null,
      worst: worst
        ? { name: worst.name, tier: worst.tier, residual: worst.residual, knockouts: worst.knockouts }
        : null,
      decisions,
    }),
    decisions,
    keyFigures: keyFigures(figures, last, targets),
    totals: summary.totals,
    tiers: summary.tiers,
    heatMap: heatMap(
      rows
        .filter((r) => r.figures)
        .map((r) => ({
          criticality: r.vendor.criticality,
          score: r.figures!.assessed ? r.figures!.score : null,
          provisional: r.figures!.provisional === true,
        })),
    ),
    trend,
    changes,
    topRisks,
    knockoutThemes: knockoutThemes(summary.knockouts),
    clauseGaps: clauseGapsByClause(matrix),
    coverage: cover,
    devices: { devices: findings.devices, makers },
    appendix: appendix
      ? await vendorPages(services, serious.slice(0, BOARD_VENDOR_PAGES), matrix, findings.byVendor, pause)
      : null,
    vendorPagesLeftOut: appendix ? Math.max(0, serious.length - BOARD_VENDOR_PAGES) : 0,
    point: { date: ctx.now().toISOString(), tiers: summary.tiers, vendors: snapshot, figures },
  };
}
