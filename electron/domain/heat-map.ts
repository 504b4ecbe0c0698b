/**
 * The heat map of the portfolio: vendors by criticality (how important they are to us, rows)
 * and control score band (how well they are controlled, columns), counted per cell. A vendor
 * without a control score — never assessed, nothing scored answered, or a provisional score
 * (built on too few of the applicable questions) — sits in its own "no score yet" column,
 * never in a score band. Pure: the dashboard and the board report read the same cells.
 */
import { z } from 'zod';
import { CRITICALITIES, type Criticality } from './vendor';

/** Control score bands, low (bad) to high (good), then the vendors without a score. */
export const SCORE_BANDS = ['0-40', '40-60', '60-80', '80-100', 'none'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** Each band's scores: at least `min`, below `below` (null: up to and including 100). */
export const SCORE_BAND_RANGES: Record<Exclude<ScoreBand, 'none'>, { min: number; below: number | null }> = {
  '0-40': { min: 0, below: 40 },
  '40-60': { min: 40, below: 60 },
  '60-80': { min: 60, below: 80 },
  '80-100': { min: 80, below: null },
};

/** Column headings of {@link SCORE_BANDS}. */
export const SCORE_BAND_LABELS: Record<ScoreBand, string> = {
  '0-40': 'Below 40',
  '40-60': '40–59',
  '60-80': '60–79',
  '80-100': '80 and up',
  none: 'No score yet',
};

/** Rows of the heat map, most important first. */
export const HEAT_MAP_ROWS: readonly Criticality[] = [...CRITICALITIES].reverse();

export const HeatMapSchema = z.object({
  /** One row per criticality, critical first; cells in {@link SCORE_BANDS} order. */
  rows: z.array(
    z.object({
      criticality: z.enum(CRITICALITIES),
      cells: z.array(z.object({ band: z.enum(SCORE_BANDS), count: z.number().int() })),
      total: z.number().int(),
    }),
  ),
  /** Vendors counted (every vendor the dashboard counts: offboarded ones are left out). */
  total: z.number().int(),
});
export type HeatMap = z.infer<typeof HeatMapSchema>;

/** What the heat map needs of one vendor. */
export interface HeatMapVendor {
  criticality: Criticality;
  /** The control score, or null when there is none. */
  score: number | null;
  /** A score built on too few answers (the "honest scores" rule): counted as no score yet. */
  provisional?: boolean;
}

/** The band of a control score; "none" when there is no score or only a provisional one. */
export function scoreBandOf(score: number | null, provisional = false): ScoreBand {
  if (score === null || provisional) return 'none';
  for (const band of SCORE_BANDS) {
    if (band === 'none') continue;
    const { min, below } = SCORE_BAND_RANGES[band];
    if (score >= min && (below === null || score < below)) return band;
  }
  return 'none';
}

/** Counts vendors per criticality and score band. */
export function heatMap(vendors: readonly HeatMapVendor[]): HeatMap {
  const counts = new Map<string, number>();
  for (const v of vendors) {
    const key = `${v.criticality}|${scoreBandOf(v.score, v.provisional)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = HEAT_MAP_ROWS.map((criticality) => {
    const cells = SCORE_BANDS.map((band) => ({ band, count: counts.get(`${criticality}|${band}`) ?? 0 }));
    return { criticality, cells, total: cells.reduce((n, c) => n + c.count, 0) };
  });
  return { rows, total: vendors.length };
}

/**
 * How urgent a cell is, 0 (calm) to 3 (act): high criticality with a low score is the
 * hottest; "no score yet" counts as unknown, warm for important vendors. The colour scale
 * of the dashboard and the board report.
 */
export function heatOf(criticality: Criticality, band: ScoreBand): 0 | 1 | 2 | 3 {
  const importance = CRITICALITIES.indexOf(criticality); // 0 low … 3 critical
  if (band === 'none') return importance >= 2 ? 2 : importance >= 1 ? 1 : 0;
  const weakness = 3 - SCORE_BANDS.indexOf(band); // 3 below 40 … 0 80 and up
  // A weak score weighs more than importance: a critical vendor scoring 80+ is calm-ish.
  const heat = Math.round((importance + 2 * weakness) / 3);
  return Math.min(3, Math.max(0, heat)) as 0 | 1 | 2 | 3;
}
