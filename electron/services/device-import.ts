/**
 * The device import itself, on a database connection of its own (storage/import-store.ts): a file is streamed a
 * piece at a time through the reader, mapped, validated and checked, and staged in a
 * temporary table (preview); on confirmation the staged devices are written in one
 * transaction with the import record and its audit entry (apply). It runs in a warm
 * worker thread in the built app and CLI (workers/device-importer.ts), so the main
 * process never waits on it; from source (tests) in the caller's thread.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { FileFacts, InventorySink } from '../domain/device-file';
import {
  changedFields,
  decodeDevice,
  encodeDevice,
  type DeviceMapping,
  type DeviceMappingPatch,
} from '../domain/devices';
import { recogniseFormat } from '../domain/device-formats';
import { composeChoices, resolveMapping, savedChoices, storedChoices } from '../domain/device-mapping';
import {
  createRowReader,
  firstDateOrder,
  settledDateOrder,
  type RowProblem,
  type RowReader,
  nothingToImport,
} from '../domain/device-rows';
import {
  checkDevice,
  DEVICE_CHECKS,
  manufacturerKey,
  type DeviceCheck,
  type DeviceCheckSettings,
} from '../domain/device-checks';
import { toCsv } from '../domain/csv';
import type { Staging } from '../storage/device-staging';
import { openImportStore, type ImportStore } from '../storage/import-store';
import type { DeviceImportResult, StagedPreview } from '../domain/device-api';

import { readTableFile, type ImportFile } from './table-file';

export type { ImportFile };
export { notASavedFile } from './table-file';

export interface PreviewRequest {
  source: string;
  file: ImportFile;
  /** What the user adds to the automatic mapping (the source's last, then the format's and header spellings). */
  mapping: DeviceMappingPatch | null;
  /** A workbook's sheet to read (the first when null). */
  sheet: string | null;
  /** The checks' clock and thresholds. */
  now: string;
  settings: DeviceCheckSettings;
}

export interface ApplyRequest {
  token: string;
  importId: string;
  /** With encryption on, the key the import's audit entry is signed with (base64). */
  auditKey: string | null;
  at: string;
  actor: string;
}

/** A long step's link back to its caller. */
export interface ImportHooks {
  progress(done: number, total: number, message: string): void;
  cancelled(): boolean;
}

/** What applying an import wrote (the name the import worker's protocol uses). */
export type ApplyResult = DeviceImportResult;
export type { StagedPreview };

/** Lines of a JSON file that are no record, kept for the preview and its CSV; beyond, they are counted. */
const MAX_KEPT_BAD_LINES = 100_000;
/** How many row errors, warnings and duplicates a preview carries (the CSV of problems has them all). */
const MAX_PREVIEW_PROBLEMS = 500;
const SAMPLE_ROWS = 20;
const EXAMPLES = 50;
const CANCELLED = 'The import was cancelled; nothing was changed';

interface Pending {
  preview: StagedPreview;
  /** The source's saved choices and the user's new ones: saved together when it is applied. */
  saved: DeviceMappingPatch | null;
  chosen: DeviceMappingPatch | null;
  staging: Staging;
  errors: RowProblem[];
  warnings: RowProblem[];
  /** The inventory as it was when previewed: apply refuses if another import changed it since. */
  version: string;
}

/** An engine on a connection of its own to the database at `path`; `close` ends both. */
export function openImportEngine(path: string): { engine: ImportEngine; close(): void } {
  const store = openImportStore(path);
  const engine = createImportEngine(store);
  return {
    engine,
    close: () => {
      engine.close();
      store.close();
    },
  };
}

/** The import engine over the import's own connection to the database. */
export function createImportEngine(store: ImportStore) {
  const { devices } = store;
  const pending = new Map<string, Pending>();

  /** Staging tables to drop when there is time (dropping a million rows takes a moment). */
  const finished: Staging[] = [];
  let checkpointDue = false;
  const forget = () => {
    for (const p of pending.values()) finished.push(p.staging);
    pending.clear();
  };
  const waiting = (token: string): Pending => {
    const p = pending.get(token);
    if (!p) throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
    return p;
  };

  return {
    /**
     * Reads a file and shows what importing it would do: how its columns and values were
     * read, refused rows and warnings, duplicates, what changes since the last import of
     * the source, and the findings. Nothing is written to the inventory; `apply(token)` does that.
     */
    async preview(request: PreviewRequest, hooks: ImportHooks): Promise<StagedPreview> {
      const { source, file } = request;
      const version = devices.version();
      const saved = savedChoices(devices.mapping(source));
      const links = new Map(devices.links().map((l) => [l.manufacturerKey, l.vendorId]));
      const serialsElsewhere = new Set(devices.serialsOutside(source));
      const now = new Date(request.now);
      const staging = store.stage();
      try {
        let order: 'dmy' | 'mdy' | null = null;
        for (;;) {
          const read = await readFile(file, request, {
            hooks,
            staging,
            saved,
            links,
            serialsElsewhere,
            now,
            order,
          });
          // The whole file may call for the other date order: then it is read again with it.
          const settled = settledDateOrder(read.mapping, read.rest.dates.detected);
          if (settled !== read.rest.dates.order) {
            order = settled;
            continue;
          }
          hooks.progress(1, 1, 'Comparing with the last import');
          staging.keep(read.rest.keptIds);
          const preview = summarize(read, staging, {
            source,
            fileName: file.fileName,
            saved: saved !== null,
            links,
          });
          // One import at a time: an older preview is stale once a new file is read (and kept if it is not).
          forget();
          pending.set(preview.token, {
            preview,
            saved,
            chosen: request.mapping,
            staging,
            errors: read.rest.errors,
            warnings: read.rest.warnings,
            version,
          });
          return preview;
        }
      } catch (error) {
        staging.drop();
        throw error;
      }
    },

    /** Writes a previewed import in one transaction with its record, its mapping and its audit entry. */
    apply(request: ApplyRequest, hooks: ImportHooks): DeviceImportResult {
      const p = waiting(request.token);
      const { preview } = p;
      if (preview.counts.valid === 0) throw new AppError('INVALID_INPUT', nothingToImport(preview));
      store.transaction(() => {
        if (devices.version() !== p.version)
          throw new AppError(
            'CONFLICT',
            'The inventory changed since this preview (another import?); read the file again',
          );
        p.staging.apply(preview.source, request.importId, (done, total) => {
          hooks.progress(done, total, 'Writing devices');
          if (hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
        });
        // The user's choices are remembered, with the date order the file settled (one
        // without d/m/y dates says nothing: the source's next file still decides for itself).
        devices.saveMapping(
          preview.source,
          storedChoices(
            composeChoices(
              p.saved,
              p.chosen,
              preview.mapping.dateOrder !== 'auto' || preview.dates.detected === 'none'
                ? preview.mapping.dateOrder
                : preview.dates.order,
            ),
          ),
          request.at,
        );
        const summary = {
          fileName: preview.fileName,
          format: preview.recognised.name,
          ...(preview.sheet !== null ? { sheet: preview.sheet } : {}),
          counts: preview.counts,
          added: preview.diff.added,
          changed: preview.diff.changed,
          removed: preview.diff.removed,
        };
        devices.recordImport({
          id: request.importId,
          source: preview.source,
          fileName: preview.fileName,
          at: request.at,
          actor: request.actor,
          summary,
        });
        store.audit(request.auditKey).append({
          at: request.at,
          actor: request.actor,
          entity: 'device-import',
          entityId: request.importId,
          action: 'import',
          before: null,
          // What the import leaves the source holding, so `audit verify` notices a device changed since.
          after: { source: preview.source, ...summary, digest: p.staging.digest(preview.source) },
        });
      });
      forget();
      checkpointDue = true;
      return {
        importId: request.importId,
        added: preview.diff.added,
        changed: preview.diff.changed,
        removed: preview.diff.removed,
        devices: preview.counts.valid,
      };
    },

    /**
     * Throws unless a preview with this token is waiting to be applied and has something
     * to import (so a refused import takes no snapshot).
     */
    check(token: string): void {
      const p = waiting(token);
      if (p.preview.counts.valid === 0) throw new AppError('INVALID_INPUT', nothingToImport(p.preview));
    },

    /** Drops a preview without writing anything. */
    discard(token: string): { discarded: boolean } {
      const p = pending.get(token);
      if (!p) return { discarded: false };
      forget();
      return { discarded: true };
    },

    /** Every refused row and every warning of a preview, as CSV (formula-safe). */
    errorsCsv(token: string): string {
      const p = waiting(token);
      const rows = [
        ...p.errors.map((e) => ['Refused', e.row, e.column, e.value, e.reason] as const),
        ...p.warnings.map((w) => ['Warning', w.row, w.column, w.value, w.reason] as const),
      ].sort((a, b) => a[1] - b[1]);
      return toCsv(['Kind', 'Row', 'Column', 'Value', 'Reason'], rows);
    },

    /**
     * Work left for after a reply: dropping finished staging tables, and moving an import's
     * pages from the write-ahead log into the database file (this connection does not do it
     * while committing, so an import is done sooner).
     */
    idle(): void {
      for (const staging of finished.splice(0)) staging.drop();
      if (checkpointDue) {
        checkpointDue = false;
        store.checkpoint();
      }
    },

    close(): void {
      forget();
      this.idle();
    },
  };
}

export type ImportEngine = ReturnType<typeof createImportEngine>;

interface ReadContext {
  hooks: ImportHooks;
  staging: Staging;
  saved: DeviceMappingPatch | null;
  links: Map<string, string>;
  serialsElsewhere: Set<string>;
  now: Date;
  /** The date order to read with; null: the mapping's (auto starts as dmy). */
  order: 'dmy' | 'mdy' | null;
}

interface FileRead {
  facts: FileFacts;
  rows: number;
  sheets: string[];
  sheet: string | null;
  mapping: DeviceMapping;
  valid: number;
  rest: ReturnType<RowReader['finish']>;
  sample: StagedPreview['sample'];
  findings: Record<DeviceCheck, number>;
  manufacturers: Map<string, { name: string; devices: number }>;
}

/** One pass over the file: every device read, checked and staged. */
async function readFile(file: ImportFile, request: PreviewRequest, c: ReadContext): Promise<FileRead> {
  let state: Omit<FileRead, 'facts' | 'rows' | 'rest' | 'sheets' | 'sheet'> & {
    headers: string[];
    reader: RowReader;
    badLines: RowProblem[];
    badTotal: number;
  };
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let k = keys.get(name);
    if (k === undefined) keys.set(name, (k = manufacturerKey(name)));
    return k;
  };
  const cancelled = () => {
    if (c.hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
  };
  const sink: InventorySink = {
    start(facts) {
      const mapping = resolveMapping(facts.headers, request.mapping, c.saved);
      c.staging.clear();
      state = {
        headers: facts.headers,
        mapping,
        reader: createRowReader(facts.headers, mapping, c.order ?? firstDateOrder(mapping)),
        valid: 0,
        badLines: [],
        badTotal: 0,
        sample: [],
        findings: Object.fromEntries(DEVICE_CHECKS.map((k) => [k, 0])) as Record<DeviceCheck, number>,
        manufacturers: new Map(),
      };
    },
    records(batch, badLines) {
      cancelled();
      state.badTotal += badLines.length;
      for (const b of badLines)
        if (state.badLines.length < MAX_KEPT_BAD_LINES)
          state.badLines.push({ row: b.row, column: '', value: '', reason: b.reason });
      const valid = state.reader.read(batch);
      const kept = state.reader.takeKept();
      if (kept.length) c.staging.keep(kept);
      if (state.sample.length < SAMPLE_ROWS) {
        const raw = new Map(batch.map((r) => [r.row, r.values]));
        for (const { row, device } of valid.slice(0, SAMPLE_ROWS - state.sample.length))
          state.sample.push({ row, raw: rawOf(state.headers, raw.get(row)!), device });
      }
      const staged = valid.map(({ device }) => {
        const mk = device.manufacturer ? keyOf(device.manufacturer) : null;
        if (mk) {
          const m = state.manufacturers.get(mk);
          if (m) m.devices += 1;
          else state.manufacturers.set(mk, { name: device.manufacturer!, devices: 1 });
        }
        const r = checkDevice(device, {
          now: c.now,
          settings: request.settings,
          manufacturerLinked: mk === null ? null : c.links.has(mk),
          duplicateSerial: device.serial !== null && c.serialsElsewhere.has(device.serial.toLowerCase()),
        });
        for (const k of DEVICE_CHECKS) if (r[k] === 'fail') state.findings[k] += 1;
        return {
          deviceId: device.deviceId,
          serial: device.serial,
          manufacturerKey: mk,
          json: encodeDevice(device),
        };
      });
      state.valid += staged.length;
      c.staging.add(staged);
    },
  };

  const read = await readTableFile(file, { sheet: request.sheet, sink, hooks: c.hooks });
  const rest = state!.reader.finish();
  // Lines of JSON that are no record are refused rows too.
  if (state!.badTotal) {
    rest.errors = [...state!.badLines, ...rest.errors].sort((a, b) => a.row - b.row);
    rest.errorsTotal += state!.badTotal;
  }
  return { ...read, ...state!, rest };
}

/**
 * What a mapping leaves the devices without that the user should hear before importing: a
 * file whose devices name no maker and no model (an export we read the wrapper of but not
 * its inner fields, GLPI's say) imports, but nothing can match them.
 */
function mappingNotes(mapping: DeviceMapping): string[] {
  const mapped = new Set(Object.values(mapping.columns));
  return mapped.has('manufacturer') || mapped.has('model')
    ? []
    : [
        'No column was read as the manufacturer or the model: the devices cannot be rolled up to their makers or matched against advisories. Map the columns that hold them, if the file has any.',
      ];
}

function summarize(
  read: FileRead,
  staging: Staging,
  meta: { source: string; fileName: string; saved: boolean; links: Map<string, string> },
): StagedPreview {
  const diff = staging.diff(meta.source, EXAMPLES);
  const { facts, rest } = read;
  return {
    token: randomUUID(),
    source: meta.source,
    fileName: meta.fileName,
    format: facts.format,
    recognised: recogniseFormat(facts.headers),
    encoding: facts.encoding,
    delimiter: facts.delimiter,
    sheets: read.sheets,
    sheet: read.sheet,
    headerRow: facts.headerRow,
    headers: facts.headers,
    mapping: read.mapping,
    mappingSaved: meta.saved,
    dates: rest.dates,
    notes: [...facts.notes, ...mappingNotes(read.mapping)],
    counts: {
      read: read.rows,
      valid: read.valid,
      rejected: rest.errorsTotal,
      duplicates: rest.duplicatesTotal,
      warned: rest.warnedRows,
    },
    errors: rest.errors.slice(0, MAX_PREVIEW_PROBLEMS),
    errorsTotal: rest.errorsTotal,
    warnings: rest.warnings.slice(0, MAX_PREVIEW_PROBLEMS),
    warningsTotal: rest.warningsTotal,
    duplicates: rest.duplicates.slice(0, MAX_PREVIEW_PROBLEMS),
    labels: rest.labels.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    labelsOmitted: rest.labelsOmitted,
    sample: read.sample,
    diff: {
      added: diff.added,
      changed: diff.changed,
      removed: diff.removed,
      unchanged: diff.unchanged,
      firstTime: diff.firstTime,
      examples: {
        added: diff.examples.added,
        changed: diff.examples.changed.map((c) => ({
          deviceId: c.deviceId,
          fields: changedFields(decodeDevice(c.before), decodeDevice(c.after)),
        })),
        removed: diff.examples.removed,
        unchanged: diff.unchanged,
      },
    },
    findings: read.findings,
    manufacturers: [...read.manufacturers].map(([key, m]) => ({
      name: m.name,
      devices: m.devices,
      vendorId: meta.links.get(key) ?? null,
    })),
  };
}

function rawOf(headers: readonly string[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(headers.map((h, i) => [h, values[i] ?? '']));
}
