/**
 * Importing a vendor list (CSV or XLSX from a spreadsheet or another tool): the file is
 * read through the same table reader as the device inventory (header below title rows,
 * limits while reading), its rows read into vendors (domain/vendor-import.ts), and each
 * compared with the portfolio by name: added, updated (the fields the file gives and that
 * differ) or unchanged. Nothing is written until apply, which writes every row through
 * the vendor service in one transaction, each with its audit entry, and one entry for the
 * import itself. docs/vendor-import.md.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { InventoryRecord, TableKind } from '../domain/device-file';
import { headerCounter } from '../domain/column-match';
import { toCsv } from '../domain/csv';
import type { Vendor, VendorInput, VendorPatch } from '../domain/vendor';
import {
  MAX_VENDOR_FILE_BYTES,
  MAX_VENDOR_ROWS,
  nothingToImportVendors,
  readVendorRows,
  resolveVendorMapping,
  type VendorImportPreview,
  type VendorImportResult,
  type VendorMapping,
} from '../domain/vendor-import';
import { VENDOR_HEADER_SYNONYMS, type VendorImportField } from '../domain/vendor-import-words';
import { readTableFile, type ImportFile } from './table-file';
import { recordAudit, type JobContext, type ServiceContext } from './context';
import { createVendorService } from './vendors';

/** A vendor list's rows: found by the spellings of vendor fields. */
const VENDOR_TABLE: TableKind = { knownHeaders: headerCounter(VENDOR_HEADER_SYNONYMS), noun: 'vendors' };

/** Rows of the plan a preview carries (its counts have them all). */
const PREVIEW_ROWS = 1000;
const CANCELLED = 'The import was cancelled; nothing was changed';

/** The preview's request as the service takes it. */
export interface VendorPreviewRequest {
  file: ImportFile;
  mapping: VendorMapping | null;
  sheet: string | null;
}

type Step =
  | { row: number; action: 'add'; input: VendorInput }
  | { row: number; action: 'update'; id: string; patch: VendorPatch; input: VendorInput }
  | { row: number; action: 'unchanged'; input: VendorInput };

interface Pending {
  preview: VendorImportPreview;
  steps: Step[];
}

/** The fields compared with a vendor already in the portfolio (the name is how it was found). */
const COMPARED = [
  'category',
  'criticality',
  'status',
  'dataTouched',
  'services',
  'owner',
  'tags',
  'notes',
] as const;

/**
 * Vendor list import: preview (nothing written), then apply in one transaction, each
 * vendor written by the vendor service's own create and update.
 */
export function createVendorImportService(ctx: ServiceContext) {
  // One import at a time: a new preview replaces the one before.
  let pending: (Pending & { token: string }) | null = null;
  const waiting = (token: string): Pending => {
    if (!pending || pending.token !== token)
      throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
    return pending;
  };

  return {
    /** Reads a vendor list and says what importing it would do; nothing is written. */
    async preview(request: VendorPreviewRequest, job: JobContext): Promise<VendorImportPreview> {
      let headers: string[] = [];
      let records: InventoryRecord[] = [];
      const read = await readTableFile(request.file, {
        sheet: request.sheet,
        kind: VENDOR_TABLE,
        maxBytes: MAX_VENDOR_FILE_BYTES,
        hooks: { progress: job.progress, cancelled: () => job.signal.aborted },
        sink: {
          start(facts) {
            headers = facts.headers;
            records = [];
          },
          records(batch) {
            for (const r of batch) records.push(r);
            if (records.length > MAX_VENDOR_ROWS)
              throw new AppError(
                'INVALID_INPUT',
                `The file has more than ${MAX_VENDOR_ROWS.toLocaleString('en-US')} rows; a vendor list import reads at most that many. Is this the right file?`,
              );
          },
        },
      });
      if (job.signal.aborted) throw new AppError('CANCELLED', CANCELLED);
      const mapping = resolveVendorMapping(headers, request.mapping);
      const rows = readVendorRows(headers, mapping, records);
      job.progress(1, 1, 'Comparing with the portfolio');
      const steps = rows.vendors.map(({ row, input, given }) =>
        plan(row, input, given, (name) => ctx.storage.vendors.findByName(name)),
      );
      const count = (a: Step['action']) => steps.filter((s) => s.action === a).length;
      const token = randomUUID();
      const preview: VendorImportPreview = {
        token,
        fileName: request.file.fileName,
        format: read.facts.format,
        sheets: read.sheets,
        sheet: read.sheet,
        headerRow: read.facts.headerRow,
        headers,
        mapping,
        notes: read.facts.notes,
        counts: {
          read: read.rows,
          added: count('add'),
          updated: count('update'),
          unchanged: count('unchanged'),
          errors: rows.errorsTotal,
          duplicates: rows.duplicatesTotal,
          warned: rows.warnedRows,
        },
        rows: steps.slice(0, PREVIEW_ROWS).map((s) => ({
          row: s.row,
          action: s.action,
          changes: s.action === 'update' ? Object.keys(s.patch) : [],
          vendor: s.input,
        })),
        errors: rows.errors,
        warnings: rows.warnings,
        warningsTotal: rows.warningsTotal,
        duplicates: rows.duplicates,
        values: rows.values,
      };
      pending = { token, preview, steps };
      return preview;
    },

    /** Throws unless the preview is waiting and has something to import. */
    check(token: string): void {
      const p = waiting(token);
      if (p.steps.length === 0) throw new AppError('INVALID_INPUT', nothingToImportVendors(p.preview));
    },

    /** Writes a previewed import in one transaction: each vendor with its audit entry, then the import's. */
    apply(token: string, job: JobContext): VendorImportResult {
      this.check(token);
      const { preview, steps } = waiting(token);
      // One actor and one time for the whole import: asked once, not per vendor (the actor
      // is read from the preferences file, and the OS, each time it is asked).
      const actor = ctx.actor();
      const at = ctx.now();
      const once: ServiceContext = { ...ctx, actor: () => actor, now: () => at };
      const writer = createVendorService(once, () => {});
      const result = ctx.storage.transaction(() => {
        steps.forEach((s, i) => {
          if (i % 500 === 0) {
            if (job.signal.aborted) throw new AppError('CANCELLED', CANCELLED);
            job.progress(i, steps.length, 'Writing vendors');
          }
          try {
            if (s.action === 'add') writer.create(s.input);
            else if (s.action === 'update') writer.update(s.id, s.patch);
          } catch (error) {
            // Someone (a colleague, the CLI) added or removed a vendor of the file since the
            // preview: its plan no longer holds, and the transaction writes none of it.
            if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND'))
              throw new AppError(
                'CONFLICT',
                `The vendors changed since this preview (row ${s.row}, "${s.input.name}": ${error.message}); nothing was imported — preview the file again`,
              );
            throw error;
          }
        });
        const summary = {
          fileName: preview.fileName,
          ...(preview.sheet !== null ? { sheet: preview.sheet } : {}),
          added: preview.counts.added,
          updated: preview.counts.updated,
          unchanged: preview.counts.unchanged,
          errors: preview.counts.errors,
          duplicates: preview.counts.duplicates,
        };
        recordAudit(once, 'vendor', null, 'import', null, summary);
        return summary;
      });
      pending = null;
      return {
        added: result.added,
        updated: result.updated,
        unchanged: result.unchanged,
        errors: result.errors,
      };
    },

    /** Forgets a preview. */
    discard(token: string): { discarded: boolean } {
      if (!pending || pending.token !== token) return { discarded: false };
      pending = null;
      return { discarded: true };
    },

    /** A preview's refused rows and warnings as CSV (formula-safe). */
    errorsCsv(token: string): string {
      const { preview } = waiting(token);
      const rows = [
        ...preview.errors.map((e) => ['Refused', e.row, e.column, e.value, e.reason] as const),
        ...preview.warnings.map((w) => ['Warning', w.row, w.column, w.value, w.reason] as const),
        ...preview.duplicates.map(
          (d) => ['Duplicate', d.rows[1], '', d.name, `the same name as row ${d.rows[0]}; skipped`] as const,
        ),
      ].sort((a, b) => a[1] - b[1]);
      return toCsv(['Kind', 'Row', 'Column', 'Value', 'Reason'], rows);
    },
  };
}

export type VendorImportService = ReturnType<typeof createVendorImportService>;

/**
 * What a row does: a name not in the portfolio is added; one that is gets the fields the
 * file gives (a cell left empty, or a value we could not place, changes nothing).
 */
function plan(
  row: number,
  input: VendorInput,
  given: ReadonlySet<VendorImportField>,
  findByName: (name: string) => Vendor | undefined,
): Step {
  const existing = findByName(input.name);
  if (!existing) return { row, action: 'add', input };
  const patch: Record<string, unknown> = {};
  for (const f of COMPARED)
    if (given.has(f) && JSON.stringify(input[f]) !== JSON.stringify(existing[f])) patch[f] = input[f];
  const merged = {
    ...input,
    ...Object.fromEntries(COMPARED.filter((f) => !given.has(f)).map((f) => [f, existing[f]])),
  };
  return Object.keys(patch).length
    ? {
        row,
        action: 'update',
        id: existing.id,
        patch: patch as VendorPatch,
        input: { ...merged, name: existing.name },
      }
    : { row, action: 'unchanged', input: { ...merged, name: existing.name } };
}
