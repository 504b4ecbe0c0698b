/**
 * The trail proves the data, not only itself: each live record it covers is compared with
 * the state the trail last recorded for it. This module holds what is pure of that: the
 * shape of the answer, the last states collected while the chain is walked, and the
 * comparison of one record. Reading the records is storage's (storage/reconcile.ts).
 */
import { z } from 'zod';
import type { ChainEntry } from './audit-chain';

export const MismatchSchema = z.object({
  /** The record, as a person finds it ("Vendor Acme Yard (3f2a1b0c)"). */
  record: z.string(),
  /** The field that differs, or null when the whole record does (no history, gone). */
  field: z.string().nullable(),
  /** The value the trail last recorded (JSON text), or null. */
  trail: z.string().nullable(),
  /** The value found (JSON text), or null. */
  found: z.string().nullable(),
  message: z.string(),
});
export type Mismatch = z.infer<typeof MismatchSchema>;

export const ReconciliationSchema = z.object({
  /** Records compared. */
  records: z.number().int(),
  /** The first differences; all of them are counted in `total`. */
  mismatches: z.array(MismatchSchema),
  total: z.number().int(),
  /** What could not be compared, and why ("clause values (the data is locked)"). */
  unchecked: z.array(z.string()),
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;

/** At most this many differences are listed (all are counted). */
export const MISMATCHES_SHOWN = 50;

/** The last state the trail recorded of one record. */
export interface RecordedState {
  /** The entry that recorded it. */
  id: number;
  /** Its JSON text as stored (sensitive fields sealed when encryption is on); null: deleted. */
  after: string | null;
  /** Fields later entries changed without recording the whole record (a sign-off reopened). */
  patch?: Record<string, unknown>;
}

/** Keys of the last states: entity and id. */
export const stateKey = (entity: string, entityId: string) => `${entity}\u0000${entityId}`;

/** Entities whose entries record the whole record after the change: the newest tells its state. */
export const WHOLE_ENTITIES = [
  'vendor',
  'answer',
  'decision',
  'evidence',
  'settings',
  'clause',
  'assessment',
] as const;

/**
 * What of an assessment the trail proves: who it is of, its questionnaires (the versions it
 * pinned), its status and when it was submitted. Its `updatedAt` and `position` move with
 * every answer (each in the trail as an answer) and are not compared.
 */
const ASSESSMENT_FIELDS = [
  'vendorId',
  'title',
  'status',
  'createdBy',
  'submittedAt',
  'questionnaires',
] as const;

/**
 * An assessment as compared: the fields above that `recorded` has (an entry written by an
 * older version may hold fewer), questionnaires as their ids and versions.
 */
export function assessmentState(
  v: Record<string, unknown>,
  recorded: Record<string, unknown> | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ASSESSMENT_FIELDS) {
    if (recorded && !(f in recorded)) continue;
    out[f] =
      f === 'questionnaires'
        ? ((v.questionnaires ?? []) as { id: string; version: string }[]).map((q) => ({
            id: q.id,
            version: q.version,
          }))
        : (v[f] ?? null);
  }
  return out;
}
const WHOLE = new Set<string>(WHOLE_ENTITIES);
/**
 * Entities whose state is built from several entries (comments, reopenings, each source's
 * imports), or read from every entry of theirs (each stored questionnaire's digest).
 */
export const BUILT_ENTITIES = ['vendor-clause', 'sign-off', 'device-import', 'questionnaire'] as const;

/**
 * The last states of the records the trail covers, from its entries in id order (every
 * entry, or only the newest of each record of WHOLE_ENTITIES and all of BUILT_ENTITIES).
 */
export function trailStateOf(entries: Iterable<ChainEntry>) {
  const state = createTrailState();
  for (const e of entries) state.note(e);
  return { last: state.last, imports: state.imports, definitions: state.definitions };
}

export type TrailState = ReturnType<typeof trailStateOf>;

function createTrailState() {
  const last = new Map<string, RecordedState>();
  /** Each device source's last import: its entry and its recorded digest (absent before digests were kept). */
  const imports = new Map<string, { id: number; digest: string | undefined }>();
  /** Each stored questionnaire ("id@version") and its definition's digest, as last recorded. */
  const definitions = new Map<string, { id: number; digest: string }>();
  const parse = (json: string | null) =>
    json === null ? null : (JSON.parse(json) as Record<string, unknown>);
  return {
    last,
    imports,
    definitions,
    note(e: ChainEntry): void {
      if (e.entityId === null) return;
      if (e.entity === 'questionnaire') {
        const digest = parse(e.afterJson)?.digest;
        if (typeof digest === 'string') definitions.set(e.entityId, { id: e.id, digest });
        return;
      }
      if (e.entity === 'device-import') {
        if (e.action !== 'import') return;
        const after = parse(e.afterJson);
        if (typeof after?.source === 'string')
          imports.set(after.source, {
            id: e.id,
            digest: typeof after.digest === 'string' ? after.digest : undefined,
          });
        return;
      }
      if (WHOLE.has(e.entity)) {
        last.set(stateKey(e.entity, e.entityId), { id: e.id, after: e.afterJson });
        return;
      }
      if (e.entity === 'vendor-clause') {
        // A comment is a record of its own; other actions record the vendor's clause.
        if (e.action === 'comment') {
          const id = parse(e.afterJson)?.id;
          if (typeof id === 'string')
            last.set(stateKey('clause-comment', id), { id: e.id, after: e.afterJson });
        } else last.set(stateKey('vendor-clause', e.entityId), { id: e.id, after: e.afterJson });
        return;
      }
      if (e.entity === 'sign-off') {
        const key = stateKey('sign-off', e.entityId);
        if (e.action !== 'reopen') {
          last.set(key, { id: e.id, after: e.afterJson });
          return;
        }
        // A reopening records the clause that reopened it (as `reopenedBy`), by the entry's actor.
        const was = last.get(key);
        const clause = parse(e.afterJson)?.reopenedBy;
        if (was)
          last.set(key, {
            ...was,
            id: e.id,
            patch: { ...was.patch, reopenedBy: e.actor, reopenedClause: clause ?? null },
          });
      }
    },
  };
}

/** A value as compared: JSON with its keys in a fixed order. */
export function canonical(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/** A value shortened for a sentence. */
export const shortValue = (text: string | null) =>
  text === null ? 'nothing' : text.length > 80 ? `${text.slice(0, 79)}…` : text;

/**
 * The fields of a live record that differ from the trail's state of it: every field the
 * live record has (what the trail adds for its readers, a vendor's name on a sign-off, is
 * not compared). `unreadable` tells a field that cannot be compared (sealed, the data
 * locked): such fields are set apart.
 */
/**
 * Fields a record carries that are not its data: a team database's row `version` (its count
 * of saves, which the stale-save check reads) changes with every save and is not compared.
 */
const BOOKKEEPING_FIELDS = new Set(['version']);

export function differingFields(
  trail: Record<string, unknown>,
  live: Record<string, unknown>,
  unreadable: (field: string, trail: unknown, live: unknown) => boolean,
): { differ: { field: string; trail: string; found: string }[]; unreadable: string[] } {
  const differ: { field: string; trail: string; found: string }[] = [];
  const skipped: string[] = [];
  for (const field of Object.keys(live)) {
    if (BOOKKEEPING_FIELDS.has(field)) continue;
    const was = canonical(trail[field]);
    const is = canonical(live[field]);
    if (was === is) continue;
    if (unreadable(field, trail[field], live[field])) skipped.push(field);
    else differ.push({ field, trail: was, found: is });
  }
  return { differ, unreadable: skipped };
}
