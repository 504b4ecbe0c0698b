import { changedFields, type AuditEntry } from '../domain/audit';
import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  STATUS_LABELS,
  VENDOR_CATEGORIES,
  VENDOR_SORT_KEYS,
  VENDOR_STATUSES,
  VendorIdSchema,
  type VendorSummary,
} from '../domain/vendor';
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
  direction: 'desc',
};

/** `vendors list`: search, filter and sort the portfolio. */
export const vendorsList: CommandSpec = {
  words: ['vendors', 'list'],
  summary: 'List vendors, with search, filters and sort',
  description:
    'Lists vendors as an aligned table and a "N of M vendors" line (M counts every vendor). ' +
    'Filters may be repeated or comma-separated; different filters must all match.',
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
    'vendor-risk vendors list --search telemetry --json',
  ],
  async run({ dispatcher, flags }) {
    const result = await request(dispatcher, 'vendors.list', {
      search: flags.string('search'),
      categories: flags.list('category'),
      statuses: flags.list('status'),
      criticalities: flags.list('criticality'),
      sort: flags.string('sort'),
      direction: flags.boolean('desc') ? 'desc' : undefined,
    });
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

function vendorTable(items: readonly VendorSummary[]): string {
  return formatTable(
    ['NAME', 'CATEGORY', 'CRITICALITY', 'STATUS', 'OWNER'],
    items.map((v) => [
      v.name,
      CATEGORY_LABELS[v.category],
      CRITICALITY_LABELS[v.criticality],
      STATUS_LABELS[v.status],
      v.owner || '—',
    ]),
  );
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
