import { describe, expect, it } from 'vitest';
import {
  chipLabel,
  chipsOf,
  isActive,
  parseBound,
  type FilterField,
} from '../../renderer/components/filter-bar-model';
import {
  FIGURE_CHIP,
  VENDOR_FILTER_FIELDS,
  clearedQuery,
  vendorChips,
  vendorFilterValues,
  withFilterValue,
  withoutChip,
} from '../../renderer/components/vendor-filter-fields';
import { parseRoute, hashOf } from '../../renderer/hooks/useHashRoute';
import {
  DEFAULT_VENDOR_QUERY,
  VendorListQuerySchema,
  dashboardQuery,
  type VendorListQueryInput,
} from '../../electron/domain/vendor-list';

const q = (input: VendorListQueryInput) => VendorListQuerySchema.parse(input);
const field = (key: string) => VENDOR_FILTER_FIELDS.find((f) => f.key === key)!;

describe('filter bar chips', () => {
  it.each<[string, readonly string[], string]>([
    ['tiers', ['high', 'critical'], 'Tier: High, Critical'],
    ['tiers', ['unassessed'], 'Tier: Not assessed'],
    ['statuses', ['active'], 'Status: Active'],
    ['flags', ['knockout'], 'Red flags: Knockouts'],
    ['score', ['40', '70'], 'Score: 40–70'],
    ['score', ['40', ''], 'Score: at least 40'],
    ['score', ['', '70'], 'Score: at most 70'],
    ['conditionsPastDue', ['yes'], 'Conditions: Past due'],
  ])('%s %j reads "%s"', (key, values, label) => {
    expect(chipLabel(field(key), values)).toBe(label);
  });

  it('a value the field does not know is shown as it is, not dropped', () => {
    expect(chipLabel(field('tiers'), ['extreme'])).toBe('Tier: extreme');
  });

  it('only fields that filter have a chip, in the order of the fields', () => {
    const fields: FilterField[] = [
      { key: 'a', label: 'A', kind: 'choice', multiple: true, choices: [{ value: 'x', label: 'X' }] },
      { key: 'r', label: 'R', kind: 'range', min: 0, max: 10 },
    ];
    expect(chipsOf(fields, { r: ['', ''], a: ['x'] })).toEqual([{ key: 'a', label: 'A: X' }]);
    expect(isActive(fields[1]!, ['', '3'])).toBe(true);
  });

  it('a range bound is empty, a number within bounds, or invalid', () => {
    const range = { min: 0, max: 100 };
    expect(parseBound(range, ' ')).toBe('');
    expect(parseBound(range, '55.5')).toBe(55.5);
    expect(parseBound(range, '101')).toBeNull();
    expect(parseBound(range, 'abc')).toBeNull();
  });
});

describe('the vendor query as chips and back', () => {
  it('the default list has no chip; each filter has one', () => {
    expect(vendorChips(DEFAULT_VENDOR_QUERY)).toEqual([]);
    const query = q({ tiers: ['high', 'critical'], minScore: 40, evidence: '30', categories: ['wms-saas'] });
    expect(vendorChips(query).map((c) => c.label)).toEqual([
      'Tier: High, Critical',
      'Score: at least 40',
      'Category: WMS / SaaS',
      'Evidence: Expiring within 30 days',
    ]);
  });

  it('values round-trip through the fields for every field', () => {
    const query = q({
      categories: ['wms-saas'],
      statuses: ['active'],
      criticalities: ['high'],
      tiers: ['low'],
      decisions: ['none'],
      flags: 'any',
      completeness: 'partial',
      minScore: 10,
      maxScore: 90,
      reassessment: 'overdue',
      evidence: 'expired',
      conditionsPastDue: true,
    });
    const values = vendorFilterValues(query);
    let rebuilt = DEFAULT_VENDOR_QUERY;
    for (const f of VENDOR_FILTER_FIELDS) rebuilt = withFilterValue(rebuilt, f.key, values[f.key] ?? []);
    expect(rebuilt).toEqual(query);
  });

  it('removing a chip clears that filter only', () => {
    const query = q({ tiers: ['high'], flags: 'knockout', minScore: 20, search: 'robot' });
    const { query: left } = withoutChip(query, undefined, 'tiers');
    expect(left).toEqual(q({ flags: 'knockout', minScore: 20, search: 'robot' }));
    expect(withoutChip(left, undefined, 'score').query).toEqual(q({ flags: 'knockout', search: 'robot' }));
  });

  it('a lowest score above the highest leaves the query as it was', () => {
    const query = q({ maxScore: 30 });
    expect(withFilterValue(query, 'score', ['50', '30'])).toBe(query);
  });

  it('a dashboard figure is one chip while its filters are unchanged, and removing it takes them away', () => {
    const query = dashboardQuery('overdue');
    expect(vendorChips(query, 'overdue')).toEqual([
      { key: FIGURE_CHIP, label: 'From dashboard: Overdue reassessments' },
    ]);
    const narrowed = withFilterValue(query, 'tiers', ['critical']);
    expect(vendorChips(narrowed, 'overdue').map((c) => c.label)).toEqual([
      'From dashboard: Overdue reassessments',
      'Tier: Critical',
    ]);
    const removed = withoutChip(narrowed, 'overdue', FIGURE_CHIP);
    expect(removed.figure).toBeUndefined();
    expect(removed.query).toEqual({ ...q({ tiers: ['critical'] }), sort: query.sort });
    // Changed by hand, the figure's filters show as their own chips.
    const changed = withFilterValue(query, 'statuses', ['active']);
    expect(vendorChips(changed, 'overdue').map((c) => c.label)).toEqual([
      'Status: Active',
      'Reassessment: Overdue',
    ]);
  });

  it('Clear all keeps only the sort', () => {
    const query = q({ tiers: ['high'], search: 'x', sort: 'score', direction: 'desc' });
    expect(clearedQuery(query)).toEqual(q({ sort: 'score', direction: 'desc' }));
  });
});

describe('vendor routes', () => {
  it.each([
    ['#/vendors', { page: 'vendors', peekId: null }],
    ['#/vendors?show=overdue&peek=abc', { page: 'vendors', peekId: 'abc', figure: 'overdue' }],
    ['#/vendors/abc', { page: 'vendor', vendorId: 'abc', tab: 'overview' }],
    ['#/vendors/abc/findings', { page: 'vendor', vendorId: 'abc', tab: 'findings' }],
    ['#/vendors/abc/contract', { page: 'vendor', vendorId: 'abc', tab: 'contract' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(hashOf(parseRoute(hash))).toBe(hash);
  });

  it('an unknown tab is the overview', () => {
    expect(parseRoute('#/vendors/abc/nope')).toEqual({ page: 'vendor', vendorId: 'abc', tab: 'overview' });
  });
});
