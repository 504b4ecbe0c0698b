import { z } from 'zod';
import { RowVersionSchema, VendorIdSchema } from './primitives';

/**
 * Vendor categories a warehouse buys from. This list, the criticalities and the statuses are
 * checked by a team database too (storage/pg/schema-team.ts): a new one needs a team migration.
 */
export const VENDOR_CATEGORIES = [
  'wms-saas',
  '3pl',
  'robotics-iot',
  'cloud-ml',
  'payments',
  'other',
] as const;

/** Human labels for {@link VENDOR_CATEGORIES}. */
export const CATEGORY_LABELS: Record<VendorCategory, string> = {
  'wms-saas': 'WMS / SaaS',
  '3pl': '3PL',
  'robotics-iot': 'Robotics / IoT hardware',
  'cloud-ml': 'Cloud / ML platform',
  payments: 'Payments',
  other: 'Other',
};

/** Kinds of data a vendor can touch; the guide classes each by sensitivity. */
export const DATA_KINDS = [
  'pii',
  'customer-contracts',
  'supplier-pricing',
  'operational-telemetry',
  'none',
] as const;

/** Human labels for {@link DATA_KINDS}. */
export const DATA_KIND_LABELS: Record<DataKind, string> = {
  pii: 'Personal data (PII)',
  'customer-contracts': 'Customer contracts',
  'supplier-pricing': 'Supplier pricing / order volumes',
  'operational-telemetry': 'Operational telemetry',
  none: 'None',
};

/** How badly operations suffer when the vendor fails. */
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;

/** Human labels for {@link CRITICALITIES}. */
export const CRITICALITY_LABELS: Record<Criticality, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** Where the relationship with the vendor stands. */
export const VENDOR_STATUSES = ['prospect', 'active', 'offboarded'] as const;

/** Human labels for {@link VENDOR_STATUSES}. */
export const STATUS_LABELS: Record<VendorStatus, string> = {
  prospect: 'Prospect',
  active: 'Active',
  offboarded: 'Offboarded',
};

/** An enum whose error says "X is required" when empty and lists the choices otherwise. */
function choice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined || issue.input === ''
        ? `${label} is required`
        : `${label} must be one of: ${values.join(', ')}`,
  });
}

export const VendorCategorySchema = choice('Category', VENDOR_CATEGORIES);
export const DataKindSchema = choice('Data kind', DATA_KINDS);
export const CriticalitySchema = choice('Criticality', CRITICALITIES);
export const VendorStatusSchema = choice('Status', VENDOR_STATUSES);

export type VendorCategory = z.infer<typeof VendorCategorySchema>;
export type DataKind = z.infer<typeof DataKindSchema>;
export type Criticality = z.infer<typeof CriticalitySchema>;
export type VendorStatus = z.infer<typeof VendorStatusSchema>;

const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/&+-]*$/u;

/** Each vendor field's rule, without defaults (a patch must not gain defaults). */
const vendorFields = {
  name: z
    .string({ error: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(200, 'Name must be at most 200 characters'),
  category: VendorCategorySchema,
  services: z.string().trim().max(2000, 'Services must be at most 2,000 characters'),
  dataTouched: z
    .array(DataKindSchema)
    .max(DATA_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'Each data kind may be listed once')
    .refine(
      (kinds) => !(kinds.includes('none') && kinds.length > 1),
      '"None" cannot be combined with other data kinds',
    ),
  criticality: CriticalitySchema,
  owner: z.string().trim().max(200, 'Owner must be at most 200 characters'),
  status: VendorStatusSchema,
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'Tags cannot be empty')
        .max(40, 'A tag must be at most 40 characters')
        .regex(TAG_PATTERN, 'A tag starts with a letter or digit and has no special characters'),
    )
    .max(20, 'At most 20 tags')
    .transform((tags) => dedupeCaseInsensitive(tags)),
  notes: z.string().max(20000, 'Notes must be at most 20,000 characters'),
};

/** What a user enters for a vendor; shared by the form, the IPC contract and the CLI. */
export const VendorInputSchema = z
  .object({
    ...vendorFields,
    services: vendorFields.services.default(''),
    dataTouched: vendorFields.dataTouched.default([]),
    criticality: vendorFields.criticality.default('medium'),
    owner: vendorFields.owner.default(''),
    status: vendorFields.status.default('prospect'),
    tags: vendorFields.tags.default([]),
    notes: vendorFields.notes.default(''),
  })
  .strict();

/** A partial change to a vendor: only the fields given are changed. */
export const VendorPatchSchema = z.object(vendorFields).partial().strict();

/** A stored vendor. */
export const VendorSchema = VendorInputSchema.extend({
  id: VendorIdSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The row's version on a team database (absent in the solo app): a save states it back. */
  version: RowVersionSchema.optional(),
});

/** The columns shown in the vendor list. */
export const VendorSummarySchema = VendorSchema.pick({
  id: true,
  name: true,
  category: true,
  criticality: true,
  status: true,
  owner: true,
  tags: true,
  dataTouched: true,
  updatedAt: true,
});

export type VendorInput = z.infer<typeof VendorInputSchema>;
export type VendorInputDraft = z.input<typeof VendorInputSchema>;
export type VendorPatch = z.infer<typeof VendorPatchSchema>;
export type Vendor = z.infer<typeof VendorSchema>;
export type VendorSummary = z.infer<typeof VendorSummarySchema>;

/** Keeps the first spelling of each tag, comparing case-insensitively. */
export function dedupeCaseInsensitive(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLocaleLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
}

/** Rank of a criticality, for sorting (low = 0). */
export function criticalityRank(value: Criticality): number {
  return CRITICALITIES.indexOf(value);
}
