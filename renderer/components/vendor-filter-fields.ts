/**
 * The vendor list's query as FilterBar fields and chips, and back: which fields "+ Filter"
 * offers, what each chip says, and the query left when a chip is removed. A dashboard figure
 * the list was opened from is one chip ("From dashboard: Overdue reassessments") for as long
 * as its own filters are unchanged.
 */
import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  STATUS_LABELS,
  VENDOR_CATEGORIES,
  VENDOR_STATUSES,
} from '../../electron/domain/vendor';
import { DECISION_LABELS } from '../../electron/domain/decision';
import { TIER_LABELS } from '../../electron/domain/risk';
import {
  DEFAULT_VENDOR_QUERY,
  VendorListQuerySchema,
  dashboardQuery,
  type DashboardFigure,
  type VendorListQuery,
} from '../../electron/domain/vendor-list';
import { chipsOf, type FilterChip, type FilterField, type FilterValues } from './filter-bar-model';

/** The key of the chip that stands for a dashboard figure. */
export const FIGURE_CHIP = 'figure';

/** What a dashboard figure counts, as its chip says it. */
export const FIGURE_LABELS: Partial<Record<DashboardFigure, string>> = {
  vendors: 'All vendors',
  assessed: 'Assessed vendors',
  unassessed: 'Not assessed',
  critical: 'Critical tier',
  high: 'High tier',
  medium: 'Medium tier',
  low: 'Low tier',
  knockouts: 'Open knockouts',
  overdue: 'Overdue reassessments',
  upcoming: 'Reassessments due within 90 days',
  conditionsPastDue: 'Conditions past due',
  evidenceExpired: 'Evidence expired',
  evidence30: 'Evidence expiring within 30 days',
  evidence60: 'Evidence expiring in 31–60 days',
  evidence90: 'Evidence expiring in 61–90 days',
};

/** The chip's words for a figure. */
export function figureLabel(figure: DashboardFigure): string {
  return `From dashboard: ${FIGURE_LABELS[figure] ?? figure}`;
}

const ARRAY_KEYS = ['categories', 'statuses', 'criticalities', 'tiers', 'decisions'] as const;
const ONE_KEYS = ['flags', 'completeness', 'reassessment', 'evidence'] as const;

/** The fields "+ Filter" offers for vendors, riskiest facts first. */
export const VENDOR_FILTER_FIELDS: readonly FilterField[] = [
  {
    key: 'tiers',
    label: 'Tier',
    kind: 'choice',
    multiple: true,
    choices: [
      ...(['critical', 'high', 'medium', 'low'] as const).map((t) => ({ value: t, label: TIER_LABELS[t] })),
      { value: 'unassessed', label: 'Not assessed' },
    ],
  },
  { key: 'score', label: 'Score', kind: 'range', min: 0, max: 100 },
  {
    key: 'flags',
    label: 'Red flags',
    kind: 'choice',
    multiple: false,
    choices: [
      { value: 'any', label: 'Any red flag' },
      { value: 'knockout', label: 'Knockouts' },
      { value: 'none', label: 'None' },
    ],
  },
  {
    key: 'decisions',
    label: 'Decision',
    kind: 'choice',
    multiple: true,
    choices: [
      ...(['approve', 'approve-with-conditions', 'reject'] as const).map((d) => ({
        value: d,
        label: DECISION_LABELS[d],
      })),
      { value: 'none', label: 'No decision yet' },
    ],
  },
  {
    key: 'criticalities',
    label: 'Criticality',
    kind: 'choice',
    multiple: true,
    choices: CRITICALITIES.map((c) => ({ value: c, label: CRITICALITY_LABELS[c] })),
  },
  {
    key: 'statuses',
    label: 'Status',
    kind: 'choice',
    multiple: true,
    choices: VENDOR_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
  },
  {
    key: 'categories',
    label: 'Category',
    kind: 'choice',
    multiple: true,
    choices: VENDOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
  },
  {
    key: 'completeness',
    label: 'Completeness',
    kind: 'choice',
    multiple: false,
    choices: [
      { value: 'complete', label: 'Fully answered' },
      { value: 'partial', label: 'Partly answered' },
      { value: 'none', label: 'Nothing answered' },
    ],
  },
  {
    key: 'reassessment',
    label: 'Reassessment',
    kind: 'choice',
    multiple: false,
    choices: [
      { value: 'overdue', label: 'Overdue' },
      { value: 'upcoming', label: 'Due within 90 days' },
    ],
  },
  {
    key: 'evidence',
    label: 'Evidence',
    kind: 'choice',
    multiple: false,
    choices: [
      { value: 'expired', label: 'Expired' },
      { value: '30', label: 'Expiring within 30 days' },
      { value: '60', label: 'Expiring in 31–60 days' },
      { value: '90', label: 'Expiring in 61–90 days' },
    ],
  },
  {
    key: 'conditionsPastDue',
    label: 'Conditions',
    kind: 'choice',
    multiple: false,
    choices: [{ value: 'yes', label: 'Past due' }],
  },
];

/** Keys of the query that are not filters (or are filtered elsewhere: the search box). */
const NOT_CHIPS = new Set(['search', 'sort', 'direction']);
const FIELD_QUERY_KEYS = new Set<string>([
  ...ARRAY_KEYS,
  ...ONE_KEYS,
  'minScore',
  'maxScore',
  'conditionsPastDue',
]);

/** Each field's values in a query. */
export function vendorFilterValues(q: VendorListQuery): FilterValues {
  const values: Record<string, readonly string[]> = {};
  for (const key of ARRAY_KEYS) values[key] = q[key];
  for (const key of ONE_KEYS) values[key] = q[key] === undefined ? [] : [q[key]];
  values.score = [
    q.minScore === undefined ? '' : String(q.minScore),
    q.maxScore === undefined ? '' : String(q.maxScore),
  ];
  values.conditionsPastDue = q.conditionsPastDue ? ['yes'] : [];
  return values;
}

/**
 * The query with one field's values set (empty: that filter removed). Values the schema
 * refuses (a lowest score above the highest) leave the query as it was.
 */
export function withFilterValue(q: VendorListQuery, key: string, values: readonly string[]): VendorListQuery {
  const next: Record<string, unknown> = { ...q };
  if ((ARRAY_KEYS as readonly string[]).includes(key)) next[key] = [...values];
  else if ((ONE_KEYS as readonly string[]).includes(key)) next[key] = values[0] || undefined;
  else if (key === 'conditionsPastDue') next.conditionsPastDue = values.includes('yes') || undefined;
  else if (key === 'score') {
    const [min = '', max = ''] = values;
    next.minScore = min === '' ? undefined : Number(min);
    next.maxScore = max === '' ? undefined : Number(max);
  } else next[key] = (DEFAULT_VENDOR_QUERY as Record<string, unknown>)[key];
  const parsed = VendorListQuerySchema.safeParse(next);
  return parsed.success ? parsed.data : q;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The query keys a figure filters on (beside its sort), and whether the query still has them as the figure set them. */
function figureKeys(q: VendorListQuery, figure: DashboardFigure): { keys: string[]; intact: boolean } {
  const base = dashboardQuery(figure) as Record<string, unknown>;
  const defaults = DEFAULT_VENDOR_QUERY as Record<string, unknown>;
  const keys = Object.keys(base).filter((k) => !NOT_CHIPS.has(k) && !same(base[k], defaults[k]));
  const intact = keys.every((k) => same((q as Record<string, unknown>)[k], base[k]));
  return { keys, intact };
}

/** The query keys a field stands for. */
function queryKeysOf(fieldKey: string): string[] {
  return fieldKey === 'score' ? ['minScore', 'maxScore'] : [fieldKey];
}

/**
 * The chips of a query: the dashboard figure it came from (while that figure's filters are
 * as it set them), then one per other field that filters, then any filter this bar has no
 * field for (a newer query field), by its raw name so it can still be seen and removed.
 */
export function vendorChips(q: VendorListQuery, figure?: DashboardFigure): FilterChip[] {
  const absorbed = new Set<string>();
  const chips: FilterChip[] = [];
  if (figure) {
    const { keys, intact } = figureKeys(q, figure);
    if (intact) {
      keys.forEach((k) => absorbed.add(k));
      chips.push({ key: FIGURE_CHIP, label: figureLabel(figure) });
    }
  }
  const values = vendorFilterValues(q);
  const fields = VENDOR_FILTER_FIELDS.filter((f) => !queryKeysOf(f.key).every((k) => absorbed.has(k)));
  chips.push(...chipsOf(fields, values));
  const defaults = DEFAULT_VENDOR_QUERY as Record<string, unknown>;
  for (const [key, value] of Object.entries(q)) {
    if (NOT_CHIPS.has(key) || FIELD_QUERY_KEYS.has(key) || absorbed.has(key)) continue;
    if (!same(value, defaults[key])) chips.push({ key, label: `${key}: ${JSON.stringify(value)}` });
  }
  return chips;
}

/** The query and figure left when one chip is removed (the figure's chip takes its filters with it). */
export function withoutChip(
  q: VendorListQuery,
  figure: DashboardFigure | undefined,
  key: string,
): { query: VendorListQuery; figure: DashboardFigure | undefined } {
  if (key === FIGURE_CHIP) {
    if (!figure) return { query: q, figure };
    const defaults = DEFAULT_VENDOR_QUERY as Record<string, unknown>;
    const next: Record<string, unknown> = { ...q };
    for (const k of figureKeys(q, figure).keys) next[k] = defaults[k];
    return { query: VendorListQuerySchema.parse(next), figure: undefined };
  }
  return { query: withFilterValue(q, key, []), figure };
}

/** The list without any filter or search (the sort is kept). */
export function clearedQuery(q: VendorListQuery): VendorListQuery {
  return { ...DEFAULT_VENDOR_QUERY, sort: q.sort, direction: q.direction };
}
