/**
 * The vendor list's query and rows: the vendor's own columns, and its standing (tier,
 * score, completeness, flags, decision …) to show, filter and sort by.
 */
import { z } from 'zod';
import {
  CRITICALITIES,
  CriticalitySchema,
  DataKindSchema,
  VENDOR_CATEGORIES,
  VENDOR_STATUSES,
  VendorCategorySchema,
  VendorStatusSchema,
} from './vendor';
import { VendorIdSchema } from './primitives';
import { DECISIONS } from './decision';
import { EVIDENCE_STATES, PORTFOLIO_TIERS, REASSESSMENT_STATES, VendorStandingSchema } from './portfolio';
import { SCORE_BANDS, type ScoreBand } from './heat-map';
import type { Criticality } from './vendor';

/** The standing figures a list row carries (the rest are only filtered on, in SQL). */
export const ListStandingSchema = VendorStandingSchema.pick({
  tier: true,
  provisional: true,
  score: true,
  completeness: true,
  residual: true,
  openFlags: true,
  knockouts: true,
  decision: true,
  nextReassessment: true,
});
export type ListStanding = z.infer<typeof ListStandingSchema>;

export const VENDOR_SORT_KEYS = [
  'name',
  'category',
  'criticality',
  'status',
  'owner',
  'updatedAt',
  'tier',
  'score',
  'completeness',
  'openFlags',
  'decision',
  'nextReassessment',
] as const;
export type VendorSortKey = (typeof VENDOR_SORT_KEYS)[number];

/** Decisions to filter by; "none" is a vendor without a recorded decision. */
export const DECISION_FILTERS = [...DECISIONS, 'none'] as const;
export const FLAG_FILTERS = ['any', 'knockout', 'none'] as const;
/** complete = every applicable question answered; partial = some; none = nothing answered or no assessment. */
export const COMPLETENESS_FILTERS = ['complete', 'partial', 'none'] as const;

const Score = z.number().min(0).max(100);

/** Search, filters and sort for the vendor list. Filters combine with AND; values in one list with OR. */
export const VendorListQuerySchema = z
  .object({
    search: z.string().trim().max(200).default(''),
    categories: z.array(VendorCategorySchema).max(VENDOR_CATEGORIES.length).default([]),
    statuses: z.array(VendorStatusSchema).max(VENDOR_STATUSES.length).default([]),
    criticalities: z.array(CriticalitySchema).max(CRITICALITIES.length).default([]),
    tiers: z.array(z.enum(PORTFOLIO_TIERS)).max(PORTFOLIO_TIERS.length).default([]),
    decisions: z.array(z.enum(DECISION_FILTERS)).max(DECISION_FILTERS.length).default([]),
    flags: z.enum(FLAG_FILTERS).optional(),
    completeness: z.enum(COMPLETENESS_FILTERS).optional(),
    /** Control score at least / at most (vendors without a score never match). */
    minScore: Score.optional(),
    maxScore: Score.optional(),
    /** Control score band of the dashboard's heat map (domain/heat-map); "none": no score yet. */
    scoreBand: z.enum(SCORE_BANDS).optional(),
    reassessment: z.enum(REASSESSMENT_STATES).optional(),
    conditionsPastDue: z.boolean().optional(),
    /** Vendors with at least one evidence file in this state. */
    evidence: z.enum(EVIDENCE_STATES).optional(),
    sort: z.enum(VENDOR_SORT_KEYS).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict()
  .refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore <= q.maxScore, {
    path: ['maxScore'],
    message: 'The highest score must not be below the lowest',
  });
export type VendorListQuery = z.infer<typeof VendorListQuerySchema>;
export type VendorListQueryInput = z.input<typeof VendorListQuerySchema>;

/** The list as it first shows: everything, by name. */
export const DEFAULT_VENDOR_QUERY: VendorListQuery = VendorListQuerySchema.parse({});

/** Whether the query narrows the list (search or any filter), as opposed to only sorting it. */
export function isFiltered(q: VendorListQuery): boolean {
  return (
    q.search !== '' ||
    q.categories.length + q.statuses.length + q.criticalities.length + q.tiers.length + q.decisions.length >
      0 ||
    q.flags !== undefined ||
    q.completeness !== undefined ||
    q.minScore !== undefined ||
    q.maxScore !== undefined ||
    q.scoreBand !== undefined ||
    q.reassessment !== undefined ||
    q.conditionsPastDue !== undefined ||
    q.evidence !== undefined
  );
}

/**
 * A row of the vendor list (the columns of VendorSummarySchema); the standing is null
 * when it has not been computed (the service computes it before listing). Its fields are
 * checked for type and choice only, as they leave storage: they were stored through
 * VendorInputSchema, whose trimming, tag pattern, refinements and de-duplication, run again
 * on every row of a 5,000-vendor list, were a sixth of `vendor-risk vendors list`.
 */
export const VendorListItemSchema = z.object({
  id: VendorIdSchema,
  name: z.string(),
  category: VendorCategorySchema,
  criticality: CriticalitySchema,
  status: VendorStatusSchema,
  owner: z.string(),
  tags: z.array(z.string()),
  dataTouched: z.array(DataKindSchema),
  updatedAt: z.string(),
  standing: ListStandingSchema.nullable(),
});
export type VendorListItem = z.infer<typeof VendorListItemSchema>;

/** The dashboard's figures that click through to the vendor list. */
export const DASHBOARD_FIGURES = [
  'vendors',
  'assessed',
  'unassessed',
  'critical',
  'high',
  'medium',
  'low',
  'knockouts',
  'overdue',
  'upcoming',
  'conditionsPastDue',
  'evidenceExpired',
  'evidence30',
  'evidence60',
  'evidence90',
  /** Critical or high vendors overdue for reassessment (Today). */
  'overdueImportant',
  /** Critical or high vendors never assessed (Today). */
  'unassessedImportant',
] as const;
/** A heat map cell: the vendors of a criticality in a control score band. */
export type HeatCellFigure = `heat:${Criticality}:${ScoreBand}`;
export type DashboardFigure = (typeof DASHBOARD_FIGURES)[number] | HeatCellFigure;

/** The figure named in a route ("critical", "heat:high:0-40"), or undefined when it names none. */
export function parseDashboardFigure(text: string | null | undefined): DashboardFigure | undefined {
  if (!text) return undefined;
  const named = DASHBOARD_FIGURES.find((f) => f === text);
  if (named) return named;
  const [kind, criticality, band] = text.split(':');
  if (kind !== 'heat') return undefined;
  const c = CRITICALITIES.find((x) => x === criticality);
  const b = SCORE_BANDS.find((x) => x === band);
  return c && b ? `heat:${c}:${b}` : undefined;
}

/**
 * The vendor list behind a dashboard figure: the vendors it counts. The dashboard leaves
 * offboarded vendors out, so every one of these does too.
 */
export function dashboardQuery(figure: DashboardFigure): VendorListQuery {
  const statuses = VENDOR_STATUSES.filter((s) => s !== 'offboarded');
  if (figure.startsWith('heat:')) {
    const [, criticality, band] = figure.split(':') as [string, Criticality, ScoreBand];
    return VendorListQuerySchema.parse({
      statuses,
      criticalities: [criticality],
      scoreBand: band,
      sort: 'score',
    });
  }
  const filters: Record<(typeof DASHBOARD_FIGURES)[number], VendorListQueryInput> = {
    vendors: {},
    assessed: { tiers: ['critical', 'high', 'medium', 'low'], sort: 'tier' },
    unassessed: { tiers: ['unassessed'] },
    critical: { tiers: ['critical'], sort: 'tier' },
    high: { tiers: ['high'], sort: 'tier' },
    medium: { tiers: ['medium'], sort: 'tier' },
    low: { tiers: ['low'], sort: 'tier' },
    knockouts: { flags: 'knockout', sort: 'tier' },
    overdue: { reassessment: 'overdue', sort: 'nextReassessment' },
    upcoming: { reassessment: 'upcoming', sort: 'nextReassessment' },
    conditionsPastDue: { conditionsPastDue: true },
    evidenceExpired: { evidence: 'expired' },
    evidence30: { evidence: '30' },
    evidence60: { evidence: '60' },
    evidence90: { evidence: '90' },
    overdueImportant: {
      criticalities: ['critical', 'high'],
      reassessment: 'overdue',
      sort: 'nextReassessment',
    },
    unassessedImportant: {
      criticalities: ['critical', 'high'],
      tiers: ['unassessed'],
      sort: 'criticality',
      direction: 'desc',
    },
  };
  return VendorListQuerySchema.parse({ statuses, ...filters[figure as (typeof DASHBOARD_FIGURES)[number]] });
}

/** How many saved filters a data folder keeps. */
export const MAX_SAVED_FILTERS = 50;

/** A named vendor-list query, saved with the data so the app and the CLI share it. */
export const SavedFilterSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the filter a name').max(60, 'At most 60 characters'),
    query: VendorListQuerySchema,
  })
  .strict();
export type SavedFilter = z.infer<typeof SavedFilterSchema>;
export type SavedFilterInput = z.input<typeof SavedFilterSchema>;

/** Saved filters as stored: unique names ignoring case, in the order they were first saved. */
export const SavedFiltersSchema = z.array(SavedFilterSchema).max(MAX_SAVED_FILTERS);

/** Whether two queries list the same vendors in the same order (unset and default values are alike). */
export function sameQuery(a: VendorListQueryInput, b: VendorListQueryInput): boolean {
  const canonical = (q: VendorListQueryInput) => {
    const parsed = VendorListQuerySchema.safeParse(q);
    if (!parsed.success) return null;
    const entries = Object.entries(parsed.data)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => x.localeCompare(y));
    return JSON.stringify(entries);
  };
  const ca = canonical(a);
  return ca !== null && ca === canonical(b);
}
