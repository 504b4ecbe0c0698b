import { changedFields, type AuditEntry } from '../domain/audit';
import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  STATUS_LABELS,
  VENDOR_CATEGORIES,
  VENDOR_STATUSES,
} from '../domain/vendor';
import { VendorIdSchema } from '../domain/primitives';
import {
  COMPLETENESS_FILTERS,
  DECISION_FILTERS,
  FLAG_FILTERS,
  VENDOR_SORT_KEYS,
  VendorListQuerySchema,
  type VendorListItem,
  type VendorListQueryInput,
} from '../domain/vendor-list';
import { EVIDENCE_STATES, PORTFOLIO_TIERS, REASSESSMENT_STATES } from '../domain/portfolio';
import { DECISION_LABELS } from '../domain/decision';
import { definedFields } from '../domain/patch';
import { formatTable, printable } from './format';
import { done, failureFromError } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';
import { formatVendor } from './vendor-fields';

/** Request field -> flag, for error messages of vendors.list. */
const LIST_FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  categories: 'category',
  statuses: 'status',
  criticalities: 'criticality',
  tiers: 'tier',
  decisions: 'decision',
  minScore: 'min-score',
  maxScore: 'max-score',
  conditionsPastDue: 'conditions-past-due',
  direction: 'desc',
};

/** `vendors list`: search, filter and sort the portfolio. */
export const vendorsList: CommandSpec = {
  words: ['vendors', 'list'],
  summary: 'List vendors, with search, filters and sort',
  description:
    'Lists vendors as an aligned table and a "N of M vendors" line (M counts every vendor). ' +
    'Filters may be repeated or comma-separated; different filters must all match. A score built on ' +
    'too few answers is marked provisional (standing.provisional in --json); it sets no tier ' +
    '("unassessed") unless a knockout raised one.',
  args: [],
  options: {
    search: {
      type: 'string',
      value: 'TEXT',
      description: 'Text in name, services, owner, tags or notes (accents and case ignored)',
    },
    category: {
      type: 'string',
      list: true,
      value: 'C',
      description: `Only these categories: ${VENDOR_CATEGORIES.join(', ')}`,
    },
    status: {
      type: 'string',
      list: true,
      value: 'S',
      description: `Only these statuses: ${VENDOR_STATUSES.join(', ')}`,
    },
    criticality: {
      type: 'string',
      list: true,
      value: 'C',
      description: `Only these levels: ${CRITICALITIES.join(', ')}`,
    },
    tier: {
      type: 'string',
      list: true,
      value: 'T',
      description: `Only these risk tiers: ${PORTFOLIO_TIERS.join(', ')} (unassessed includes provisional scores)`,
    },
    decision: {
      type: 'string',
      list: true,
      value: 'D',
      description: `Only vendors whose latest decision is: ${DECISION_FILTERS.join(', ')}`,
    },
    flags: { type: 'string', value: 'F', description: `Red flags: ${FLAG_FILTERS.join(', ')}` },
    completeness: {
      type: 'string',
      value: 'C',
      description: `Assessment completeness: ${COMPLETENESS_FILTERS.join(', ')}`,
    },
    'min-score': { type: 'string', value: 'N', description: 'Control score at least N (0–100)' },
    'max-score': { type: 'string', value: 'N', description: 'Control score at most N (0–100)' },
    reassessment: {
      type: 'string',
      value: 'R',
      description: `Reassessment ${REASSESSMENT_STATES.join(' or ')} (upcoming: within 90 days)`,
    },
    evidence: {
      type: 'string',
      value: 'E',
      description: `Evidence ${EVIDENCE_STATES.join(', ')} (expired, or stops counting within 30/60/90 days)`,
    },
    'conditions-past-due': { type: 'boolean', description: 'Only vendors with approval conditions past due' },
    saved: {
      type: 'string',
      value: 'NAME',
      description: 'Start from a saved filter (see `vendors filters`); other flags add to it',
    },
    sort: {
      type: 'string',
      value: 'KEY',
      description: `Sort by: ${VENDOR_SORT_KEYS.join(', ')} (default name)`,
    },
    desc: { type: 'boolean', description: 'Sort in descending order' },
  },
  examples: [
    'vendor-risk vendors list',
    'vendor-risk vendors list --status active --criticality high,critical --sort criticality --desc',
    'vendor-risk vendors list --tier critical,high --decision none --sort tier',
    'vendor-risk vendors list --flags knockout --completeness complete --json',
    'vendor-risk vendors list --saved "Critical without decision"',
  ],
  async run({ dispatcher, flags }) {
    let base: Record<string, unknown> = {};
    const savedName = flags.string('saved');
    if (savedName !== undefined) {
      const saved = await request(dispatcher, 'filters.list', {});
      if (!saved.ok) return failureFromError(saved.error);
      const found = saved.value.find(
        (f) => f.name.toLocaleLowerCase() === savedName.trim().toLocaleLowerCase(),
      );
      if (!found)
        return failureFromError({ code: 'NOT_FOUND', message: `No saved filter named "${savedName}"` });
      base = found.query;
    }
    // Typed loosely: the contract checks every value and names the flag that is wrong.
    const given: Record<string, unknown> = {
      search: flags.string('search'),
      categories: flags.list('category'),
      statuses: flags.list('status'),
      criticalities: flags.list('criticality'),
      tiers: flags.list('tier'),
      decisions: flags.list('decision'),
      flags: flags.string('flags'),
      completeness: flags.string('completeness'),
      minScore: numberFlag(flags.string('min-score')),
      maxScore: numberFlag(flags.string('max-score')),
      reassessment: flags.string('reassessment'),
      evidence: flags.string('evidence'),
      conditionsPastDue: flags.boolean('conditions-past-due') || undefined,
      sort: flags.string('sort'),
      direction: flags.boolean('desc') ? 'desc' : undefined,
    };
    const query = { ...base, ...definedFields(given) };
    const result = await request(dispatcher, 'vendors.list', query);
    if (!result.ok) return failureFromError(result.error, (path) => renameFirst(path, LIST_FLAG_OF_FIELD));
    const { items, total } = result.value;
    const footer = `${items.length} of ${total} vendors`;
    return done(() => (items.length ? `${vendorTable(items)}\n\n${footer}` : footer), result.value);
  },
};

/** `vendors show`: one vendor in full. */
export const vendorsShow: CommandSpec = {
  words: ['vendors', 'show'],
  summary: 'Show one vendor',
  description: 'Shows every field of a vendor. VENDOR is an id or the exact name (case is ignored).',
  args: ['VENDOR'],
  options: {},
  examples: [
    'vendor-risk vendors show "Lagerwerk Süd GmbH"',
    'vendor-risk vendors show 0b7c52d4-5f0e-4c53-9a51-2f1f3c1d9e77 --json',
  ],
  async run({ dispatcher, args }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    return done(formatVendor(found.vendor), found.vendor);
  },
};

/** `vendors history`: the audit trail of one vendor, newest first. */
export const vendorsHistory: CommandSpec = {
  words: ['vendors', 'history'],
  summary: 'Show a vendor’s audit trail',
  description:
    'Shows who created, changed or deleted a vendor and when, newest first. ' +
    'A deleted vendor’s history can still be read by its id.',
  args: ['VENDOR'],
  options: { limit: { type: 'string', value: 'N', description: 'At most N entries (default 50)' } },
  examples: ['vendor-risk vendors history "Stackwise Cloud WMS" --limit 5'],
  async run({ dispatcher, args, flags }) {
    const ref = args[0] ?? '';
    const found = await resolveVendor(dispatcher, ref);
    const id = found.ok ? found.vendor.id : ref.trim();
    if (!found.ok && !VendorIdSchema.safeParse(id).success) return found;
    const result = await request(dispatcher, 'vendors.history', {
      id,
      limit: numberFlag(flags.string('limit')),
    });
    if (!result.ok) return failureFromError(result.error);
    if (!found.ok && result.value.length === 0) return found;
    const title = found.ok
      ? `History of ${printable(found.vendor.name)} (${id})`
      : `History of deleted vendor ${id}`;
    const body = result.value.length ? historyTable(result.value) : 'No entries.';
    return done(`${title}\n\n${body}`, result.value);
  },
};

function vendorTable(items: readonly VendorListItem[]): string {
  return formatTable(
    ['NAME', 'CATEGORY', 'CRITICALITY', 'STATUS', 'OWNER', 'TIER', 'SCORE', 'DONE', 'FLAGS', 'DECISION'],
    items.map((v) => {
      const s = v.standing;
      return [
        v.name,
        CATEGORY_LABELS[v.category],
        CRITICALITY_LABELS[v.criticality],
        STATUS_LABELS[v.status],
        v.owner || '—',
        s?.tier ?? '—',
        s?.score == null ? '—' : `${s.score.toFixed(1)}${s.provisional ? ' (provisional)' : ''}`,
        s ? `${Math.round(s.completeness * 100)}%` : '—',
        s ? (s.knockouts ? `${s.openFlags} (${s.knockouts} KO)` : String(s.openFlags)) : '—',
        s?.decision ? DECISION_LABELS[s.decision] : '—',
      ];
    }),
  );
}

/** `vendors filters`: the saved filters, for `vendors list --saved`. */
export const vendorsFilters: CommandSpec = {
  words: ['vendors', 'filters'],
  summary: 'List saved vendor-list filters',
  description:
    'Lists the filters saved in the app (or by name with --json), for `vendors list --saved NAME`.',
  args: [],
  options: {},
  examples: ['vendor-risk vendors filters', 'vendor-risk vendors filters --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'filters.list', {});
    if (!result.ok) return failureFromError(result.error);
    const text = result.value.length
      ? formatTable(
          ['NAME', 'FILTERS'],
          result.value.map((f) => [f.name, describeQuery(f.query)]),
          200,
        )
      : 'No saved filters. Save one from the vendor list in the app.';
    return done(text, result.value);
  },
};

/** The filters of a query in a line, as flags would give them. */
function describeQuery(query: VendorListQueryInput): string {
  const q = VendorListQuerySchema.parse(query);
  const parts: string[] = [];
  if (q.search) parts.push(`search "${q.search}"`);
  const lists: [string, readonly string[]][] = [
    ['category', q.categories],
    ['status', q.statuses],
    ['criticality', q.criticalities],
    ['tier', q.tiers],
    ['decision', q.decisions],
  ];
  for (const [name, values] of lists) if (values.length) parts.push(`${name} ${values.join(',')}`);
  if (q.flags) parts.push(`flags ${q.flags}`);
  if (q.completeness) parts.push(`completeness ${q.completeness}`);
  if (q.minScore !== undefined) parts.push(`score ≥ ${q.minScore}`);
  if (q.maxScore !== undefined) parts.push(`score ≤ ${q.maxScore}`);
  if (q.reassessment) parts.push(`reassessment ${q.reassessment}`);
  if (q.evidence) parts.push(`evidence ${q.evidence}`);
  if (q.conditionsPastDue) parts.push('conditions past due');
  parts.push(`sorted by ${q.sort}${q.direction === 'desc' ? ' (descending)' : ''}`);
  return parts.join('; ');
}

function historyTable(entries: readonly AuditEntry[]): string {
  return formatTable(
    ['WHEN', 'WHO', 'ACTION', 'CHANGED'],
    entries.map((e) => [
      e.at,
      e.actor,
      e.action,
      e.action === 'update' ? changedFields(e.before, e.after).join(', ') || '—' : '—',
    ]),
    200,
  );
}

/** A numeric flag as a number when it is one; otherwise as given, for the contract to refuse. */
export function numberFlag(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}

function renameFirst(path: string, names: Readonly<Record<string, string>>): string {
  const [first = '', ...rest] = path.split('.');
  return [names[first] ?? first, ...rest].join('.');
}
