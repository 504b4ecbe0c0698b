/**
 * Removing the sample warehouse: the records a manifest names that are still there,
 * each deletion recorded (`delete` with nothing after, so `audit verify` still matches),
 * a sample vendor someone added their own work to kept with its records.
 */
import { withoutRowVersion } from '../domain/clauses';
import type { BoardHistoryPoint } from '../domain/report-data';
import type { SampleCounts, SampleManifest, SampleRemoveResult } from '../domain/sample/manifest';
import type { Storage } from '../storage/storage';
import { recordAudit, type ServiceContext } from './context';
import { BOARD_HISTORY_KEY } from './reports';

/** Where the record of what the sample added is kept. */
export const SAMPLE_KEY = 'sample.records';

/** The board reports' earlier figures as stored. */
export function readBoardHistory(storage: Storage): BoardHistoryPoint[] {
  const stored = storage.settings.get(BOARD_HISTORY_KEY);
  return Array.isArray(stored) ? (stored as BoardHistoryPoint[]) : [];
}

/** Deletes the records of a manifest that are still there, each deletion recorded; returns what went. */
export function removeSampleRecords(
  ctx: ServiceContext,
  m: SampleManifest,
  why: 'removed' | 'cancelled',
): SampleRemoveResult {
  const { storage } = ctx;
  const boardHistory = () => readBoardHistory(storage);
  return storage.transaction(() => {
    const own = {
      assessments: new Set(m.assessments),
      decisions: new Set(m.decisions),
      evidence: new Set(m.evidence),
      signOffs: new Set(m.signOffs),
    };
    const present = storage.sample.present('vendors', m.vendors);
    const keptVendors = storage.sample.vendorsWithOthers([...present], own);
    const gone = [...present].filter((id) => !keptVendors.has(id));
    const goneSet = new Set(gone);
    const keptAssessments = storage.sample.assessmentsWithOthers(m.assessments, own);
    const counts: SampleCounts = {
      vendors: 0,
      assessments: 0,
      answers: 0,
      decisions: 0,
      evidence: 0,
      clauses: 0,
      signOffs: 0,
      devices: 0,
      boardPoints: 0,
      advisories: 0,
    };
    const assessmentRows = m.assessments
      .map((id) => storage.assessments.get(id))
      .filter((a) => a !== undefined && a !== null)
      .filter((a) => (a.vendorId === null ? !keptAssessments.has(a.id) : goneSet.has(a.vendorId)));
    for (const a of assessmentRows) {
      for (const d of storage.decisions
        .listForVendor(a.vendorId ?? '')
        .filter((d) => d.assessmentId === a.id)) {
        storage.sample.deleteDecision(d.id);
        recordAudit(ctx, 'decision', d.id, 'delete', d, null);
        counts.decisions += 1;
      }
      for (const e of storage.evidence.listForAssessment(a.id)) {
        storage.sample.deleteEvidence(e.id);
        recordAudit(ctx, 'evidence', e.id, 'delete', e, null);
        counts.evidence += 1;
      }
      for (const answer of storage.assessments.answers(a.id)) {
        recordAudit(
          ctx,
          'answer',
          `${a.id}/${answer.questionnaireId}/${answer.questionId}`,
          'delete',
          answer,
          null,
        );
        counts.answers += 1;
      }
      storage.sample.deleteAssessment(a.id);
      recordAudit(ctx, 'assessment', a.id, 'delete', { title: a.title, vendorId: a.vendorId }, null);
      counts.assessments += 1;
    }
    for (const id of storage.sample.present('legal_signoffs', m.signOffs)) {
      const vendorId = m.clauses.find((x) => storage.clauses.latestSignOff(x.vendorId)?.id === id)?.vendorId;
      if (vendorId && !goneSet.has(vendorId)) continue;
      storage.sample.deleteSignOff(id);
      recordAudit(ctx, 'sign-off', id, 'delete', { id, vendorId: vendorId ?? null }, null);
      counts.signOffs += 1;
    }
    for (const { vendorId, clauseId } of m.clauses) {
      if (!goneSet.has(vendorId)) continue;
      const before = storage.clauses.listForVendor(vendorId).find((r) => r.clauseId === clauseId);
      if (!before) continue;
      storage.sample.deleteVendorClause(vendorId, clauseId);
      recordAudit(ctx, 'vendor-clause', `${vendorId}/${clauseId}`, 'delete', withoutRowVersion(before), null);
      counts.clauses += 1;
    }
    for (const link of m.links) {
      if (!goneSet.has(link.vendorId)) continue;
      storage.sample.deleteLink(link.key, link.vendorId);
      recordAudit(ctx, 'device-import', link.key, 'update', link, {
        manufacturer: link.manufacturer,
        vendorId: null,
      });
    }
    for (const source of m.deviceSources) {
      const removed = storage.sample.deleteDeviceSource(source);
      recordAudit(ctx, 'device-import', source, 'delete', { source, devices: removed }, null);
      counts.devices += removed;
    }
    for (const id of gone) {
      const before = storage.vendors.get(id)!;
      storage.sample.deleteVendor(id);
      recordAudit(ctx, 'vendor', id, 'delete', before, null);
      counts.vendors += 1;
    }
    const points = new Set(m.boardPoints);
    const history = boardHistory();
    const left = history.filter((p) => !points.has(p.date));
    counts.boardPoints = history.length - left.length;
    if (counts.boardPoints) storage.settings.set(BOARD_HISTORY_KEY, left, ctx.now().toISOString());
    // The fictional advisories, and the fictional catalog unless the user imported theirs since.
    const removedAdvisories = m.advisories.filter((id) => storage.advisories.remove(id));
    counts.advisories = removedAdvisories.length;
    const sampleKev =
      m.kevCatalog !== null && storage.advisories.kevCatalog()?.catalogVersion === m.kevCatalog;
    if (sampleKev) storage.advisories.clearKev();
    if (removedAdvisories.length || sampleKev)
      recordAudit(
        ctx,
        'advisory-import',
        ctx.newId(),
        'delete',
        {
          advisories: removedAdvisories,
          kev: sampleKev ? m.kevCatalog : null,
        },
        null,
      );
    if (storage.settings.get(SAMPLE_KEY) !== undefined) {
      storage.sample.deleteSetting(SAMPLE_KEY);
      recordAudit(ctx, 'settings', SAMPLE_KEY, 'delete', m, null);
    }
    storage.sample.dropStandings();
    const kept = [...keptVendors].map((id) => storage.vendors.get(id)?.name ?? id);
    recordAudit(ctx, 'portfolio', null, 'delete', { sample: 'warehouse', ...counts, kept, why }, null);
    return { removed: true, counts, kept };
  });
}
