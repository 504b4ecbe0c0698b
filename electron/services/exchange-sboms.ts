/**
 * SBOMs through the questionnaire exchange: which model + firmware pairs a package may ask
 * for, what a vendor's response carries for each (reviewed with the SBOM importers' own
 * reader, writing nothing), attaching the readable files to vendor + model + firmware
 * through the SBOM service, and recording a refused file or "not available" beside them.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { ExchangeFormat, Manifest } from '../domain/exchange';
import {
  distinctRequests,
  MAX_SBOM_ATTACHMENT_BYTES,
  MAX_SBOM_REQUESTS,
  sbomPairKey,
  sbomPairLabel,
  type ResponseSbom,
  type SbomReplyOutcome,
  type SbomReplyReview,
  type SbomRequest,
  type SbomRequestStatus,
} from '../domain/exchange-sbom';
import type { SbomReplyRow } from '../storage/exchange-repo';
import type { ServiceContext } from './context';
import type { AppServices } from './services';

/** A reviewed reply kept until the response is accepted: the file's bytes travel with it. */
export type PendingSbomReply = SbomReplyReview & { bytes: Uint8Array | null };

type Sources = { sboms: Pick<AppServices['sboms'], 'check' | 'import'> };

/** A vendor's file name made fit to show and keep: no folders, no control characters, 200 at most. */
function cleanName(name: string): string {
  const base =
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return base.trim().slice(0, 200) || 'unnamed file';
}

/** Creates the exchange's SBOM part over the SBOM service. */
export function createExchangeSboms(ctx: ServiceContext, services: Sources) {
  const { storage } = ctx;
  const mb = MAX_SBOM_ATTACHMENT_BYTES / 1024 / 1024;

  return {
    /** The pairs a package asks for, without repeats; refused for a workbook (it cannot carry files). */
    requestsFor(format: ExchangeFormat, requests: readonly SbomRequest[]): SbomRequest[] {
      const wanted = distinctRequests(requests);
      if (wanted.length && format !== 'html')
        throw new AppError(
          'INVALID_INPUT',
          'SBOMs can be asked for in the form (.html) only: a workbook cannot carry the files; choose the form',
        );
      if (wanted.length > MAX_SBOM_REQUESTS)
        throw new AppError('INVALID_INPUT', `Ask for at most ${MAX_SBOM_REQUESTS} SBOMs in one package`);
      return wanted;
    },

    /**
     * What the response says about each requested pair, each file read by the SBOM importers'
     * reader (nothing written); replies to pairs never asked for, or given twice, are problems.
     */
    review(vendorId: string, manifest: Manifest, replies: readonly ResponseSbom[]) {
      const requested = new Map((manifest.sboms ?? []).map((r) => [sbomPairKey(r.model, r.firmware), r]));
      const answered = new Set<string>();
      const rows: PendingSbomReply[] = [];
      const problems: string[] = [];
      for (const reply of replies) {
        const key = sbomPairKey(reply.model, reply.firmware);
        const request = requested.get(key);
        const label = sbomPairLabel(reply.model.slice(0, 80), reply.firmware?.slice(0, 80) ?? null);
        if (!request) {
          problems.push(`SBOM for ${label}: this package did not ask for it; left out`);
          continue;
        }
        if (answered.has(key)) {
          problems.push(`SBOM for ${label}: answered twice; the first answer counts`);
          continue;
        }
        answered.add(key);
        const base = { model: request.model, firmware: request.firmware, bytes: null };
        if (reply.status === 'not-available') {
          const reason = reply.reason.trim();
          rows.push({
            ...base,
            state: 'not-available',
            fileName: null,
            summary: 'Not available',
            problem: null,
            reason: reason || 'No reason given',
          });
          continue;
        }
        if (!reply.files.length)
          rows.push({
            ...base,
            state: 'invalid',
            fileName: null,
            summary: '',
            problem: 'No file was attached',
            reason: '',
          });
        for (const file of reply.files) {
          const fileName = cleanName(file.name);
          const bytes = Buffer.from(file.content, 'utf8');
          const row = { ...base, fileName, summary: '', reason: '' };
          if (bytes.byteLength > MAX_SBOM_ATTACHMENT_BYTES) {
            rows.push({
              ...row,
              state: 'invalid',
              problem: `${fileName} cannot be imported: the file is larger than ${mb} MB.`,
            });
            continue;
          }
          try {
            const read = services.sboms.check(vendorId, fileName, bytes);
            rows.push({ ...row, state: 'attach', summary: read.summary, problem: null, bytes });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            rows.push({ ...row, state: 'invalid', problem: error.message });
          }
        }
      }
      for (const [key, r] of requested)
        if (!answered.has(key))
          rows.push({
            model: r.model,
            firmware: r.firmware,
            state: 'missing',
            fileName: null,
            summary: 'No reply',
            problem: null,
            reason: '',
            bytes: null,
          });
      return { rows, problems };
    },

    /**
     * Attaches each readable file to vendor + model + firmware (a VEX file's statements to the
     * vendor) and records every reply; a file the importer refuses now is recorded as refused
     * and the rest go on. Call inside the response's transaction.
     */
    apply(packageId: string, vendorId: string, rows: readonly PendingSbomReply[]): SbomReplyOutcome[] {
      const outcomes: SbomReplyOutcome[] = [];
      const record = (o: SbomReplyOutcome, recordId: string | null) => {
        outcomes.push(o);
        const row: SbomReplyRow = {
          id: randomUUID(),
          packageId,
          vendorId,
          ...o,
          recordId,
          recordedAt: ctx.now().toISOString(),
          recordedBy: ctx.actor(),
        };
        storage.exchange.insertSbomReply(row);
      };
      for (const r of rows) {
        const base = { model: r.model, firmware: r.firmware, fileName: r.fileName };
        if (r.state === 'not-available')
          record({ ...base, outcome: 'not-available', detail: r.reason }, null);
        else if (r.state === 'invalid')
          record({ ...base, outcome: 'refused', detail: r.problem ?? '' }, null);
        else if (r.state === 'attach' && r.bytes) {
          try {
            const done = services.sboms.import({
              vendorId,
              fileName: r.fileName ?? 'unnamed file',
              bytes: r.bytes,
              model: r.model,
              firmware: r.firmware,
            });
            const replaced = done.replacedSbom
              ? `; it replaces ${done.replacedSbom.fileName} of ${done.replacedSbom.importedAt.slice(0, 10)}`
              : '';
            const vexOnly = !done.sbom ? ' (VEX statements go to the vendor)' : '';
            record(
              { ...base, outcome: 'attached', detail: `${r.summary}${vexOnly}${replaced}` },
              done.sbom?.id ?? done.vex?.id ?? null,
            );
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            record({ ...base, outcome: 'refused', detail: error.message }, null);
          }
        }
      }
      return outcomes;
    },

    /** Every SBOM the vendor's packages asked for, newest package first, with the latest reply to it. */
    requests(vendorId: string): SbomRequestStatus[] {
      const replies = storage.exchange.sbomReplies(vendorId);
      const out: SbomRequestStatus[] = [];
      for (const pkg of storage.exchange.packagesOf(vendorId).reverse())
        for (const r of pkg.manifest.sboms ?? []) {
          const key = sbomPairKey(r.model, r.firmware);
          // Once a file was attached for the request, the SBOM is there; otherwise the latest reply counts.
          const mine = replies.filter(
            (x) => x.packageId === pkg.id && sbomPairKey(x.model, x.firmware) === key,
          );
          const last = mine.filter((x) => x.outcome === 'attached').at(-1) ?? mine.at(-1) ?? null;
          out.push({
            packageId: pkg.id,
            requestedAt: pkg.createdAt,
            model: r.model,
            firmware: r.firmware,
            state: last?.outcome ?? 'requested',
            fileName: last?.fileName ?? null,
            detail: last?.detail ?? '',
            repliedAt: last?.recordedAt ?? null,
          });
        }
      return out;
    },
  };
}
