/**
 * The tier trend: how many vendors stood in each tier at the end of each of the last
 * quarters. Pure: the history (each vendor's tier at each submitted assessment) is gathered
 * by services/portfolio; the dashboard and the board report draw the same quarters.
 *
 * A vendor counts from the quarter it was added in. At a quarter's end it stands in the tier
 * of its latest assessment submitted by then; before its first one, or when that score was
 * provisional (too few questions answered to set a tier), it is "unassessed". The current
 * quarter is shown "to date": its counts can be the dashboard's own (the vendors' standings
 * today, contract clauses and devices included), passed as `current`.
 */
import { z } from 'zod';
import { TIERS, type Tier } from './risk';
import type { PortfolioTier } from './portfolio';
import type { ChartElement, ChartModel } from './charts';

/** How many quarters the trend shows (the current one, to date, and the seven before). */
export const TREND_QUARTERS = 8;

export const TierTrendQuarterSchema = z.object({
  /** "2026 Q3". */
  label: z.string(),
  /** The quarter's last day (ISO date), or today for the current quarter. */
  end: z.string(),
  /** Whether this is the current quarter, counted as of today. */
  toDate: z.boolean(),
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  unassessed: z.number().int(),
});
export type TierTrendQuarter = z.infer<typeof TierTrendQuarterSchema>;

export const TierTrendSchema = z.object({
  /** Oldest first. */
  quarters: z.array(TierTrendQuarterSchema),
});
export type TierTrend = z.infer<typeof TierTrendSchema>;

/** A vendor's tier as one of its assessments set it. */
export interface TierHistoryPoint {
  vendorId: string;
  /** When the assessment was submitted (ISO date or timestamp). */
  date: string;
  /** Null: no tier at that point (a provisional score without a knockout): counted as unassessed. */
  tier: Tier | null;
}

/** A vendor the trend counts: from when it was added. */
export interface TrendVendor {
  id: string;
  createdAt: string;
}

/** The last `count` quarters up to the one holding `today`, oldest first (the last one ends today). */
export function quarterEnds(
  today: string,
  count = TREND_QUARTERS,
): { label: string; end: string; toDate: boolean }[] {
  const [y, m] = today.slice(0, 10).split('-').map(Number) as [number, number];
  const out: { label: string; end: string; toDate: boolean }[] = [];
  let year = y;
  let q = Math.floor((m - 1) / 3) + 1;
  for (let i = 0; i < count; i++) {
    const lastMonth = q * 3;
    const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
    const end = `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
    out.unshift({ label: `${year} Q${q}`, end: i === 0 ? today.slice(0, 10) : end, toDate: i === 0 });
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/**
 * Counts vendors per tier at each quarter's end from their assessment history; the current
 * quarter from `current` (each vendor's tier today) when given, else from the history too.
 */
export function tierTrend(
  vendors: readonly TrendVendor[],
  history: readonly TierHistoryPoint[],
  today: string,
  current?: ReadonlyMap<string, PortfolioTier>,
  count = TREND_QUARTERS,
): TierTrend {
  const byVendor = new Map<string, TierHistoryPoint[]>();
  for (const p of history) {
    let list = byVendor.get(p.vendorId);
    if (!list) byVendor.set(p.vendorId, (list = []));
    list.push(p);
  }
  for (const list of byVendor.values()) list.sort((a, b) => a.date.localeCompare(b.date));

  const quarters = quarterEnds(today, count).map(({ label, end, toDate }) => {
    const counts: Record<PortfolioTier, number> = { critical: 0, high: 0, medium: 0, low: 0, unassessed: 0 };
    for (const v of vendors) {
      if (v.createdAt.slice(0, 10) > end) continue;
      const now = toDate ? current?.get(v.id) : undefined;
      counts[now ?? tierAt(byVendor.get(v.id), end)] += 1;
    }
    return { label, end, toDate, ...counts };
  });
  return { quarters };
}

/** The tier of the latest point on or before `end` (dates compared by day). */
function tierAt(points: readonly TierHistoryPoint[] | undefined, end: string): PortfolioTier {
  let found: TierHistoryPoint | undefined;
  for (const p of points ?? []) {
    if (p.date.slice(0, 10) > end) break;
    found = p;
  }
  if (!found || found.tier === null) return 'unassessed';
  return TIERS.includes(found.tier) ? found.tier : 'unassessed';
}

const STACK: readonly PortfolioTier[] = ['critical', 'high', 'medium', 'low', 'unassessed'];
const STACK_LABELS: Record<PortfolioTier, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unassessed: 'No tier yet',
};

/**
 * The trend as stacked columns, one per quarter (critical at the bottom, "no tier yet" a grey
 * cap on top), the number of vendors written above each column and a legend with the
 * latest quarter's counts: the same shapes on screen (SvgChart) and on paper (chartSvg).
 */
export function tierTrendChart(trend: TierTrend, width = 520): ChartModel {
  const FONT = 10;
  const top = 16;
  const plot = 130;
  const legendY = top + plot + 34;
  const height = legendY + 12;
  const n = Math.max(1, trend.quarters.length);
  const slot = width / n;
  const column = Math.min(40, slot * 0.6);
  const max = Math.max(1, ...trend.quarters.map((q) => STACK.reduce((s, t) => s + q[t], 0)));
  const elements: ChartElement[] = [
    { kind: 'line', x1: 0, y1: top + plot, x2: width, y2: top + plot, tone: 'grid' },
  ];
  trend.quarters.forEach((q, i) => {
    const x = i * slot + (slot - column) / 2;
    let y = top + plot;
    for (const tier of STACK) {
      if (q[tier] === 0) continue;
      const h = Math.max(1.5, (q[tier] / max) * plot);
      y -= h;
      elements.push({
        kind: 'rect',
        x,
        y,
        width: column,
        height: h,
        tone: tier === 'unassessed' ? 'grid' : tier,
      });
    }
    const total = STACK.reduce((s, t) => s + q[t], 0);
    elements.push(
      {
        kind: 'text',
        x: x + column / 2,
        y: y - 4,
        text: String(total),
        size: FONT,
        anchor: 'middle',
        tone: 'ink',
        bold: true,
      },
      {
        kind: 'text',
        x: x + column / 2,
        y: top + plot + 14,
        text: q.toDate ? `${q.label.slice(2)} now` : q.label.slice(2),
        size: FONT - 1,
        anchor: 'middle',
        tone: 'muted',
      },
    );
  });
  const last = trend.quarters.at(-1);
  const step = width / STACK.length;
  STACK.forEach((tier, i) => {
    const x = i * step;
    elements.push(
      { kind: 'rect', x, y: legendY - 8, width: 9, height: 9, tone: tier === 'unassessed' ? 'grid' : tier },
      {
        kind: 'text',
        x: x + 13,
        y: legendY,
        text: `${STACK_LABELS[tier]} ${last ? last[tier] : 0}`,
        size: FONT,
        anchor: 'start',
        tone: 'ink',
      },
    );
  });
  const summary = last
    ? `Vendors per tier by quarter, ${trend.quarters[0]!.label} to ${last.label}; now ${STACK.map((t) => `${STACK_LABELS[t].toLowerCase()} ${last[t]}`).join(', ')}`
    : 'Vendors per tier by quarter: no quarters';
  return { width, height, summary, elements };
}
