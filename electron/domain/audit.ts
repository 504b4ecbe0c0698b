import { z } from 'zod';

/** What kind of record an audit entry is about. */
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
  const ignored = new Set(['updatedAt', 'createdAt']);
  return [...keys]
    .filter((k) => !ignored.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
