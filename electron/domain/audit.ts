import { z } from 'zod';
import { VendorIdSchema } from './primitives';
import { isCalendarDate } from './days';

/**
 * What kind of record an audit entry is about. A team database's `vr_audit_append` accepts
 * these only (storage/pg/schema-team.ts): a new one needs a team migration that states it again.
 */
export const AUDIT_ENTITIES = [
  'vendor',
  'portfolio',
  'questionnaire',
  'assessment',
  'answer',
  'evidence',
  'settings',
  'decision',
  'clause',
  'vendor-clause',
  'sign-off',
  'device-import',
  'exchange',
  'sbom',
  'vex',
  'advisory-import',
] as const;
/** What happened to it. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'demo-load',
  'import',
  'upgrade',
  'answer',
  'attach',
  'comment',
  'sign-off',
  'reopen',
  'restore',
  'send',
  'pin',
] as const;

/** One entry of the audit trail: who changed what, when, from what to what. */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.enum(AUDIT_ENTITIES),
  entityId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An entry before storage gives it an id. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Names of the top-level fields that differ between two records (for readable history). */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  // When, and a team database's row version: bookkeeping, not a change of the record.
  const ignored = new Set(['updatedAt', 'createdAt', 'version']);
  return [...keys]
    .filter((k) => !ignored.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IsoDateOrTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'Use a date like 2026-11-24 (or an ISO date and time)')
  .refine((s) => isCalendarDate(s.slice(0, 10)), 'No such day: use a date like 2026-11-24');

const AuditFilterSchema = z
  .object({
    vendorId: VendorIdSchema.optional(),
    entities: z.array(z.enum(AUDIT_ENTITIES)).max(AUDIT_ENTITIES.length).default([]),
    actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).default([]),
    actor: z.string().trim().min(1).max(200).optional(),
    /** From this date (inclusive) … */
    from: IsoDateOrTime.optional(),
    /** … to this date (inclusive, the whole day). */
    to: IsoDateOrTime.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(100_000_000).default(0),
  })
  .strict();

/** A range that ends before it starts would show nothing, as if the trail were empty: refused. */
const rangeInOrder = (q: { from?: string; to?: string }) =>
  !q.from || !q.to || q.from.slice(0, 10) <= q.to.slice(0, 10);
const outOfOrder = { message: 'The end date is before the start date', path: ['to'] };

/** Which audit entries to show: by vendor, entity, user, action and date, a page at a time. */
export const AuditQuerySchema = AuditFilterSchema.refine(rangeInOrder, outOfOrder);
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** An audit export: the list's filters, without paging. */
export const AuditExportQuerySchema = AuditFilterSchema.omit({ limit: true, offset: true }).refine(
  rangeInOrder,
  outOfOrder,
);

/** One field that changed, before and after, as readable text. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** The fields that differ between before and after, as text a person can read (a readable diff). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  // A record created or deleted: each of its fields against nothing.
  if (before === null && isRecord(after)) return fieldChanges({}, after);
  if (after === null && isRecord(before)) return fieldChanges(before, {});
  if (!isRecord(before) || !isRecord(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [
      {
        field: '(value)',
        before: before === null ? '—' : show(before),
        after: after === null ? '—' : show(after),
      },
    ];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  // An update's own timestamp is not news (a created or deleted record keeps all its fields).
  const stamps = Object.keys(before).length && Object.keys(after).length ? ['updatedAt'] : [];
  return keys
    .filter((k) => !stamps.includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, before: show(before[k]), after: show(after[k]) }));
}

/** How the audit hash chain can be broken (domain/audit-chain names the first break). */
export const CHAIN_PROBLEM_KINDS = [
  'edited',
  'deleted',
  'out-of-order',
  'unsealed',
  'truncated',
  'rewritten',
  'forged',
] as const;

/** Where a chain breaks. */
export const ChainProblemSchema = z.object({
  /** The entry where the chain breaks. */
  id: z.number().int(),
  kind: z.enum(CHAIN_PROBLEM_KINDS),
  message: z.string(),
});
export type ChainProblem = z.output<typeof ChainProblemSchema>;

/** What walking the chain found. */
export const ChainVerdictSchema = z.object({
  ok: z.boolean(),
  /** Entries walked. */
  entries: z.number().int(),
  /** The newest entry's hash, and its number: print them outside the machine (a witness). */
  head: z.string(),
  headId: z.number().int(),
  /** The first break, or null when the chain holds. */
  problem: ChainProblemSchema.nullable(),
});
export type ChainVerdict = z.output<typeof ChainVerdictSchema>;
