/**
 * The trail proves the data, not only itself: every live record the trail covers is
 * compared with the state the trail last recorded for it (domain/audit-reconcile.ts) —
 * vendors, assessments (whose, which questionnaires, status, submitted), answers, decisions and their conditions, the clause library, vendors' clauses,
 * comments and sign-offs, evidence (its metadata, and its file against the SHA-256
 * recorded), settings and saved filters, and each source's devices against a digest of
 * what its last import wrote. An edit made behind the app's back is named: record, field,
 * the value in the trail, the value found. So is a record with no history, and one the
 * trail has that is gone. Runs on a connection of its own (in the data worker), or on a
 * team database over the team connection (pg/verify-trail.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assessmentState,
  canonical,
  differingFields,
  MISMATCHES_SHOWN,
  shortValue,
  stateKey,
  type Mismatch,
  type Reconciliation,
  type TrailState,
} from '../domain/audit-reconcile';
import { withoutRowVersion, type Clause } from '../domain/clauses';
import { definitionDigest } from '../domain/definition-digest';
import { AppError } from '../domain/errors';
import { createAssessmentRepo } from './assessment-repo';
import { createCipher, isSealed, LOCKED_TEXT, openFields, SENSITIVE_KEYS } from './cipher';
import { createClauseRepo } from './clause-repo';
import type { Database } from './database';
import { createDecisionRepo } from './decision-repo';
import { createEvidenceRepo } from './evidence-repo';
import { place } from './places';
import { createVendorRepo } from './vendor-repo';
import { devicesDigest } from './device-digest';
import type { SqlConnection } from './sql';

/** Settings the trail records that are kept elsewhere than the settings table. */
const KEPT_ELSEWHERE = new Set(['encryption', 'data-folder', 'backup']);
/** Settings the app keeps for itself, not a user's change, so not in the trail. */
const UNRECORDED_SETTINGS = new Set(['reports.boardHistory']);

/** Whether a value holds text that cannot be read while the data is locked. */
function sealedWithin(v: unknown): boolean {
  if (typeof v === 'string') return isSealed(v) || v.includes(LOCKED_TEXT);
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some(sealedWithin);
}

/**
 * Compares the live records with the trail's last states. `dataKey` opens sealed values
 * (notes, clause values, comments) and sealed evidence files; without it (`locked`) those
 * are not compared, and the answer says so. `builtins`: the clauses the app ships, which
 * enter the library without an entry. `kind` 'team': a team database, whose evidence files
 * are in this computer's folder or in the database (evidence_content).
 */
export function reconcile(
  sqlite: SqlConnection,
  input: {
    dataDir: string;
    trail: TrailState;
    dataKey: Buffer | null;
    locked: boolean;
    builtins: Clause[];
    kind?: Database['kind'];
  },
): Reconciliation {
  const { dataDir, trail, locked } = input;
  const team = input.kind === 'team';
  const cipher = createCipher(() => false);
  if (input.dataKey) cipher.setKey(input.dataKey, true);
  const db = { kind: input.kind ?? 'solo', sql: sqlite, cipher, path: '' } as unknown as Database;
  // A team database's evidence files: on the computer that added them, or in the database.
  const storedContent = team
    ? sqlite.prepare(
        // A sealed file is hashed here once opened; a plain one by the server.
        "SELECT sealed, CASE WHEN sealed THEN content END AS content, encode(sha256(content), 'hex') AS sha FROM evidence_content WHERE evidence_id = ?",
      )
    : null;
  let elsewhere = 0;
  const mismatches: Mismatch[] = [];
  let total = 0;
  let records = 0;
  const unchecked = new Set<string>();
  const seen = new Set<string>();
  const differ = (m: Mismatch) => {
    total += 1;
    if (mismatches.length < MISMATCHES_SHOWN) mismatches.push(m);
  };
  /** Runs one read; a value that does not open where it is (moved there) is a difference of its own. */
  const guarded = (what: string, read: () => void) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'DATA_DAMAGED') throw error;
      differ({ record: what, field: null, trail: null, found: null, message: `${what}: ${error.message}` });
    }
  };

  /** Compares one live record with the trail's last state of it. */
  const check = (
    entity: string,
    entityId: string,
    label: string,
    live: object,
    how: {
      /** Whether a record with no history is as it should be (a built-in clause as shipped). */
      noHistory?: () => boolean;
      /** The trail's state as the live record is shaped (a setting's value). */
      shape?: (after: unknown) => Record<string, unknown>;
    } = {},
  ) => {
    records += 1;
    const key = stateKey(entity, entityId);
    seen.add(key);
    const recorded = trail.last.get(key);
    if (!recorded || recorded.after === null) {
      if (!recorded && how.noHistory?.()) return;
      differ({
        record: label,
        field: null,
        trail: null,
        found: shortValue(canonical(live)),
        message: recorded
          ? `${label} is in the data, but the trail records it deleted (entry #${recorded.id})`
          : `${label} has no history in the audit trail: it was added outside the app`,
      });
      return;
    }
    const opened = openFields(cipher, JSON.parse(recorded.after), `${place.auditEntry(recorded.id)}/after`);
    const after = {
      ...(how.shape ? how.shape(opened) : (opened as Record<string, unknown>)),
      ...recorded.patch,
    };
    const { differ: fields, unreadable } = differingFields(
      after,
      live as Record<string, unknown>,
      // Locked, a sensitive field reads as a placeholder (or nothing): it cannot be compared.
      (field, was, is) => locked && (SENSITIVE_KEYS.has(field) || sealedWithin(was) || sealedWithin(is)),
    );
    for (const f of unreadable) unchecked.add(`${entity} ${f} (the data is locked)`);
    for (const f of fields)
      differ({
        record: label,
        ...f,
        message: `${label}: ${f.field} is ${shortValue(f.found)}, but the trail last recorded ${shortValue(f.trail)} (entry #${recorded.id})`,
      });
  };

  const vendors = createVendorRepo(db);
  const names = new Map<string, string>();
  for (const { id } of sqlite.prepare('SELECT id FROM vendors ORDER BY name').all() as { id: string }[])
    guarded(`Vendor ${id.slice(0, 8)}`, () => {
      const v = vendors.get(id)!;
      names.set(id, v.name);
      check('vendor', id, `Vendor ${v.name} (${id.slice(0, 8)})`, v);
    });
  const whose = (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : 'our warehouse');

  const assessments = createAssessmentRepo(db);
  const evidence = createEvidenceRepo(db, dataDir);
  const rows = sqlite.prepare('SELECT id, vendor_id FROM assessments').all() as {
    id: string;
    vendor_id: string | null;
  }[];
  for (const a of rows) {
    guarded(`An assessment of ${whose(a.vendor_id)}`, () => {
      const live = assessments.get(a.id)!;
      const recorded = trail.last.get(stateKey('assessment', a.id));
      const was = recorded?.after ? (JSON.parse(recorded.after) as Record<string, unknown>) : null;
      check(
        'assessment',
        a.id,
        `The assessment "${live.title}" (${a.id.slice(0, 8)})`,
        assessmentState(live as unknown as Record<string, unknown>, was),
        // Started before assessments were compared, or by the app before it recorded them: its answers still are.
        { noHistory: () => true, shape: (after) => assessmentState(after as Record<string, unknown>, was) },
      );
    });
    guarded(`The answers for ${whose(a.vendor_id)}`, () => {
      for (const answer of assessments.answers(a.id))
        check(
          'answer',
          `${a.id}/${answer.questionnaireId}/${answer.questionId}`,
          `The answer to ${answer.questionnaireId}/${answer.questionId} for ${whose(a.vendor_id)}`,
          answer,
        );
    });
    for (const e of evidence.listForAssessment(a.id)) {
      const label = `Evidence ${e.fileName} (${e.id.slice(0, 8)})`;
      check('evidence', e.id, label, e);
      const file = join(dataDir, 'evidence', e.id);
      if (!existsSync(file) && storedContent) {
        const stored = storedContent.get(e.id) as
          { sealed: number; content: Uint8Array | null; sha: string } | undefined;
        if (!stored) elsewhere += 1;
        else {
          let sha = stored.sha;
          if (stored.sealed) {
            if (!cipher.active) {
              unchecked.add('evidence files (the data is locked)');
              continue;
            }
            try {
              sha = createHash('sha256')
                .update(cipher.openFile(stored.content!, place.evidenceFile(e.id)))
                .digest('hex');
            } catch {
              differ({
                record: label,
                field: 'file',
                trail: e.sha256,
                found: null,
                message: `${label}: its sealed file in the team database does not open where it is; it was replaced outside the app`,
              });
              continue;
            }
          }
          if (sha !== e.sha256)
            differ({
              record: label,
              field: 'sha256',
              trail: e.sha256,
              found: sha,
              message: `${label}: the file in the team database is not the one recorded; its SHA-256 is ${sha.slice(0, 12)}…, the trail recorded ${e.sha256.slice(0, 12)}…`,
            });
        }
        continue;
      }
      if (!existsSync(file)) {
        differ({
          record: label,
          field: 'file',
          trail: e.sha256,
          found: null,
          message: `${label}: its file is missing from the data folder`,
        });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = cipher.openFile(readFileSync(file), place.evidenceFile(e.id));
      } catch (error) {
        if (error instanceof AppError && error.code === 'LOCKED') {
          unchecked.add('evidence files (the data is locked)');
          continue;
        }
        differ({
          record: label,
          field: 'file',
          trail: e.sha256,
          found: null,
          message: `${label}: its file does not open where it is; it was replaced outside the app`,
        });
        continue;
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== e.sha256)
        differ({
          record: label,
          field: 'sha256',
          trail: e.sha256,
          found: sha,
          message: `${label}: the file is not the one recorded; its SHA-256 is ${sha.slice(0, 12)}…, the trail recorded ${e.sha256.slice(0, 12)}…`,
        });
    }
  }

  const decisions = createDecisionRepo(db);
  const clauses = createClauseRepo(db);
  for (const [id, name] of names) {
    guarded(`The decisions on ${name}`, () => {
      for (const d of decisions.listForVendor(id)) {
        const { assessmentTitle: _shownOnly, ...stored } = d;
        check('decision', d.id, `The decision on ${name} of ${d.decidedAt.slice(0, 10)}`, stored);
      }
    });
    guarded(`The clause comments of ${name}`, () => {
      for (const c of clauses.comments(id))
        check('clause-comment', c.id, `A comment on clause ${c.clauseId} of ${name}`, c);
    });
  }
  guarded('The vendors’ clauses', () => {
    for (const c of clauses.listAll())
      check(
        'vendor-clause',
        `${c.vendorId}/${c.clauseId}`,
        `Clause ${c.clauseId} of ${whose(c.vendorId)}`,
        c,
      );
  });
  const builtins = new Map(input.builtins.map((c) => [c.id, canonical(c)]));
  for (const c of clauses.library())
    check(
      'clause',
      c.id,
      `Clause ${c.title} (${c.id}) of the library`,
      c,
      // A built-in clause as the app ships it needs no history (a team database's row version aside).
      { noHistory: () => builtins.get(c.id) === canonical(withoutRowVersion(c)) },
    );
  for (const r of sqlite
    .prepare(
      'SELECT id, vendor_id, reviewer, signed_at, statuses, reopened_by, reopened_clause FROM legal_signoffs',
    )
    .all() as Record<string, string | null>[])
    check(
      'sign-off',
      String(r.id),
      `The legal sign-off of ${whose(r.vendor_id!)} of ${r.signed_at!.slice(0, 10)}`,
      {
        vendorId: r.vendor_id,
        reviewer: r.reviewer,
        signedAt: r.signed_at,
        statuses: JSON.parse(r.statuses!) as unknown,
        reopenedBy: r.reopened_by,
        reopenedClause: r.reopened_clause,
      },
    );

  for (const r of sqlite.prepare('SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[]) {
    if (UNRECORDED_SETTINGS.has(r.key)) continue;
    // A team database keeps its key record as the setting the trail records turning encryption on by.
    if (team && KEPT_ELSEWHERE.has(r.key)) continue;
    check(
      'settings',
      r.key,
      `Setting ${r.key}`,
      { value: JSON.parse(r.value) as unknown },
      { shape: (after) => ({ value: after }) },
    );
  }

  // Each stored questionnaire (imported, or pinned by an assessment: what its answers are
  // scored against) against the digest the trail recorded of its definition.
  let undigested = 0;
  for (const q of sqlite
    .prepare('SELECT id, version, title, definition FROM questionnaires ORDER BY id, version')
    .all() as {
    id: string;
    version: string;
    title: string;
    definition: string;
  }[]) {
    records += 1;
    const recorded = trail.definitions.get(`${q.id}@${q.version}`);
    if (!recorded) {
      undigested += 1;
      continue;
    }
    const label = `Questionnaire ${q.title} ${q.version} (${q.id})`;
    let found: string | null = null;
    try {
      found = definitionDigest(JSON.parse(q.definition));
    } catch {
      // Not JSON any more: it differs from what was recorded.
    }
    if (found !== recorded.digest)
      differ({
        record: label,
        field: 'definition',
        trail: recorded.digest,
        found,
        message: `${label}: its questions, points or red flags are not the ones recorded (entry #${recorded.id}): it was changed outside the app`,
      });
  }
  if (undigested)
    unchecked.add(
      `${undigested} questionnaire definition${undigested === 1 ? '' : 's'} (stored before the trail recorded their digest)`,
    );

  // Records the trail has that are gone from the data.
  const evidenceRow = sqlite.prepare('SELECT assessment_id FROM evidence WHERE id = ?');
  for (const [key, recorded] of trail.last) {
    if (seen.has(key) || recorded.after === null) continue;
    const [entity, entityId] = key.split('\u0000') as [string, string];
    if (entity === 'settings' && KEPT_ELSEWHERE.has(entityId)) continue;
    // Evidence is read through its assessment: a row taken from it is there, not deleted.
    const moved =
      entity === 'evidence'
        ? (evidenceRow.get(entityId) as { assessment_id: string | null } | undefined)
        : undefined;
    if (moved) {
      const was = (JSON.parse(recorded.after) as { assessmentId?: unknown }).assessmentId ?? null;
      differ({
        record: `evidence ${entityId}`,
        field: 'assessmentId',
        trail: canonical(was),
        found: canonical(moved.assessment_id),
        message: `evidence ${entityId} is in the data, but not with the assessment the trail recorded (entry #${recorded.id}): it was moved outside the app`,
      });
      continue;
    }
    differ({
      record: `${entity} ${entityId}`,
      field: null,
      trail: shortValue(recorded.after),
      found: null,
      message: `${entity} ${entityId} is in the trail (entry #${recorded.id}) but not in the data: it was deleted outside the app`,
    });
  }

  // Each source's devices against what its last import wrote.
  for (const { source } of sqlite.prepare('SELECT DISTINCT source FROM devices ORDER BY source').all() as {
    source: string;
  }[]) {
    records += 1;
    const label = `The devices of ${source}`;
    const recorded = trail.imports.get(source);
    if (!recorded) {
      differ({
        record: label,
        field: null,
        trail: null,
        found: null,
        message: `${label} have no import in the audit trail: they were added outside the app`,
      });
      continue;
    }
    if (recorded.digest === undefined) {
      unchecked.add(`${label} (imported before imports recorded a digest)`);
      continue;
    }
    const found = devicesDigest(sqlite, source, recorded.digest);
    if (found !== recorded.digest)
      differ({
        record: label,
        field: 'digest',
        trail: recorded.digest,
        found,
        message: `${label} are not what its last import wrote (entry #${recorded.id}): a device was changed, added or removed outside the app`,
      });
  }

  // No entry at all behind records: not each record's story but the trail's, said first.
  if (total > 0 && trail.last.size === 0 && trail.imports.size === 0) {
    total += 1;
    mismatches.unshift({
      record: 'The audit trail',
      field: null,
      trail: null,
      found: null,
      message: `The audit trail holds no entries while the data holds ${records} records: the trail was deleted outside the app (its record of its length too), or the data was put there without it`,
    });
    if (mismatches.length > MISMATCHES_SHOWN) mismatches.pop();
  }
  if (elsewhere)
    unchecked.add(
      `${elsewhere} evidence file${elsewhere === 1 ? '' : 's'} (kept on the computer${elsewhere === 1 ? '' : 's'} that added ${elsewhere === 1 ? 'it' : 'them'}, not in the team database)`,
    );
  return { records, mismatches, total, unchecked: [...unchecked] };
}
