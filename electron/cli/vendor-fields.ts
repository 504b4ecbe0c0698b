import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  DATA_KIND_LABELS,
  DATA_KINDS,
  STATUS_LABELS,
  VENDOR_CATEGORIES,
  VENDOR_STATUSES,
  type Vendor,
} from '../domain/vendor';
import { formatFields } from './format';
import type { Flags, OptionSpecs } from './spec';

/** The flags of `vendors add` and `vendors update`: one per field of a vendor. */
export const VENDOR_FIELD_OPTIONS: OptionSpecs = {
  name: { type: 'string', value: 'NAME', description: 'Vendor name, unique' },
  category: { type: 'string', value: 'CATEGORY', description: `One of: ${VENDOR_CATEGORIES.join(', ')}` },
  services: { type: 'string', value: 'TEXT', description: 'What the vendor provides' },
  data: {
    type: 'string',
    list: true,
    value: 'KINDS',
    description: `Data the vendor touches, comma-separated: ${DATA_KINDS.join(', ')}`,
  },
  criticality: {
    type: 'string',
    value: 'LEVEL',
    description: `One of: ${CRITICALITIES.join(', ')} (new vendors: medium)`,
  },
  owner: { type: 'string', value: 'NAME', description: 'Who owns the relationship' },
  status: {
    type: 'string',
    value: 'STATUS',
    description: `One of: ${VENDOR_STATUSES.join(', ')} (new vendors: prospect)`,
  },
  tags: {
    type: 'string',
    list: true,
    value: 'TAGS',
    description: 'Comma-separated tags; --tags "" clears them',
  },
  notes: { type: 'string', value: 'TEXT', description: 'Free-text notes' },
};

/** Flag name -> request field, where they differ. */
const FIELD_OF_FLAG: Readonly<Record<string, string>> = { data: 'dataTouched' };
const FLAG_OF_FIELD: Readonly<Record<string, string>> = { dataTouched: 'data' };

/** The request fields the vendor flags given on the command line stand for (unvalidated). */
export function vendorFieldsFromFlags(flags: Flags): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(VENDOR_FIELD_OPTIONS)) {
    if (!flags.has(flag)) continue;
    out[FIELD_OF_FLAG[flag] ?? flag] = spec.list ? flags.list(flag) : flags.string(flag);
  }
  return out;
}

/** Renames an issue path of vendors.create / vendors.update to the flag a user typed. */
export function vendorIssuePath(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'patch') parts.shift();
  const first = parts[0] ?? '';
  parts[0] = FLAG_OF_FIELD[first] ?? first;
  return parts.join('.');
}

/** A vendor as a readable block, with labels rather than codes. */
export function formatVendor(vendor: Vendor): string {
  const none = (text: string) => text || '—';
  return formatFields([
    ['Name', vendor.name],
    ['ID', vendor.id],
    ['Category', CATEGORY_LABELS[vendor.category]],
    ['Criticality', CRITICALITY_LABELS[vendor.criticality]],
    ['Status', STATUS_LABELS[vendor.status]],
    ['Owner', none(vendor.owner)],
    ['Services', none(vendor.services)],
    ['Data touched', none(vendor.dataTouched.map((kind) => DATA_KIND_LABELS[kind]).join(', '))],
    ['Tags', none(vendor.tags.join(', '))],
    ['Notes', none(vendor.notes)],
    ['Created', vendor.createdAt],
    ['Updated', vendor.updatedAt],
  ]);
}
