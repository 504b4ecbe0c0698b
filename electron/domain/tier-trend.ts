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
  tier: Tier;
  /** A provisional score sets no tier: the vendor counts as unassessed at that point. */
  provisional?: boolean;
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
  if (!found || found.provisional) return 'unassessed';
  return TIERS.includes(found.tier) ? found.tier : 'unassessed';
}
