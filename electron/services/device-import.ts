/**
 * The device import itself, on a database connection of its own: a file is streamed a
 * piece at a time through the reader, mapped, validated and checked, and staged in a
 * temporary table (preview); on confirmation the staged devices are written in one
 * transaction with the import record and its audit entry (apply). It runs in a warm
 * worker thread in the built app and CLI (workers/device-importer.ts), so the main
 * process never waits on it; from source (tests) in the caller's thread.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { AppError } from '../domain/errors';
import { streamInventory, type FileFacts, type ParsedFile } from '../domain/device-file';
import {
  changedFields,
  decodeDevice,
  DeviceMappingSchema,
  encodeDevice,
  suggestColumns,
  type Device,
  type DeviceDiff,
  type DeviceMapping,
  type DeviceMappingInput,
} from '../domain/devices';
import {
  createRowReader,
  firstDateOrder,
  settledDateOrder,
  type ReadRows,
  type RowError,
  type RowReader,
} from '../domain/device-rows';
import {
  checkDevice,
  DEVICE_CHECKS,
  manufacturerKey,
  type DeviceCheck,
  type DeviceCheckSettings,
} from '../domain/device-checks';
import { toCsv } from '../domain/csv';
import { createDeviceRepo } from '../storage/device-repo';
import { createAuditRepo } from '../storage/audit-repo';
import { createCipher } from '../storage/cipher';
import { createStaging, type Staging } from '../storage/device-staging';
import type { Database } from '../storage/database';

/** The file to import: a path to read from disk, or its bytes. */
export type ImportFile = { fileName: string } & ({ path: string } | { bytes: Uint8Array });

export interface PreviewRequest {
  source: string;
  file: ImportFile;
  /** The mapping the user chose; otherwise the source's last, then header spellings. */
  mapping: DeviceMappingInput | null;
  /** The checks' clock and thresholds. */
  now: string;
  settings: DeviceCheckSettings;
}

export interface ApplyRequest {
  token: string;
  importId: string;
  at: string;
  actor: string;
}

/** A long step's link back to its caller. */
export interface ImportHooks {
  progress(done: number, total: number, message: string): void;
  cancelled(): boolean;
}

/** What importing a file would do; the service adds vendor suggestions for its manufacturers. */
export interface StagedPreview {
  token: string;
  source: string;
  fileName: string;
  format: ParsedFile['format'];
  encoding: ParsedFile['encoding'];
  delimiter: string | null;
  headers: string[];
  mapping: DeviceMapping;
  /** The mapping came from the last import of this source. */
  mappingSaved: boolean;
  dates: ReadRows['dates'];
  warnings: string[];
  counts: { read: number; valid: number; rejected: number; duplicates: number };
  errors: RowError[];
  errorsTotal: number;
  duplicates: ReadRows['duplicates'];
  unmapped: ReadRows['unmapped'];
  sample: { row: number; raw: Record<string, string>; device: Device }[];
  diff: {
    added: number;
    changed: number;
    removed: number;
    unchanged: number;
    firstTime: boolean;
    examples: DeviceDiff;
  };
  findings: Record<DeviceCheck, number>;
  /** Manufacturer names (as first written) with their device counts and linked vendor. */
  manufacturers: { name: string; devices: number; vendorId: string | null }[];
}

export interface ApplyResult {
  importId: string;
  added: number;
  changed: number;
  removed: number;
  devices: number;
}

/** How many row errors and duplicates a preview carries (the CSV of errors has them all). */
const MAX_PREVIEW_ERRORS = 500;
const SAMPLE_ROWS = 20;
const EXAMPLES = 50;
/** Bytes read from disk at a time. */
const READ_BYTES = 4 * 1024 * 1024;
const CANCELLED = 'The import was cancelled; nothing was changed';

interface Pending {
  preview: StagedPreview;
  staging: Staging;
  allErrors: RowError[];
  /** The inventory as it was when previewed: apply refuses if another import changed it since. */
  version: string;
}

/** Opens the importing connection on the database file (the app's own stays free). */
export function openImportConnection(path: string): DatabaseSync {
  const sqlite = new DatabaseSync(path);
  // As the app's own connection: WAL commits without a sync each (the WAL is synced at
  // checkpoints), and what is deleted or overwritten is zeroed (docs/security.md).
  // Checkpoints are the engine's idle work (see idle()), not part of a commit.
  sqlite.exec(
    'PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA temp_store = FILE; PRAGMA wal_autocheckpoint = 0;',
  );
  return sqlite;
}

/** An engine on a connection of its own to the database at `path`; `close` ends both. */
export function openImportEngine(path: string): { engine: ImportEngine; close(): void } {
  const sqlite = openImportConnection(path);
  const engine = createImportEngine(sqlite);
  return {
    engine,
    close: () => {
      engine.close();
      sqlite.close();
    },
  };
}

/** The import engine over one connection. */
export function createImportEngine(sqlite: DatabaseSync) {
  // This connection writes devices, imports and their audit entries, none of which holds a sealed field.
  const db = { sqlite, cipher: createCipher(() => false) } as unknown as Database;
  const devices = createDeviceRepo(db);
  const audit = createAuditRepo(db);
  const pending = new Map<string, Pending>();

  /** Staging tables to drop when there is time (dropping a million rows takes a moment). */
  const finished: Staging[] = [];
  let checkpointDue = false;
  const forget = () => {
    for (const p of pending.values()) finished.push(p.staging);
    pending.clear();
  };

  return {
    /**
     * Reads a file and shows what importing it would do: how its columns and values were
     * read, every bad row, duplicates, what changes since the last import of the source,
     * and the findings. Nothing is written to the inventory; `apply(token)` does that.
     */
    preview(request: PreviewRequest, hooks: ImportHooks): StagedPreview {
      const { source, file } = request;
      const version = devices.version();
      const saved = request.mapping ? null : devices.mapping(source);
      const links = new Map(devices.links().map((l) => [l.manufacturerKey, l.vendorId]));
      const serialsElsewhere = new Set(devices.serialsOutside(source));
      const now = new Date(request.now);
      const staging = createStaging(sqlite);
      try {
        let order: 'dmy' | 'mdy' | null = null;
        for (;;) {
          const read = readFile(file, request, {
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
          pending.set(preview.token, { preview, staging, allErrors: read.errors, version });
          return preview;
        }
      } catch (error) {
        staging.drop();
        throw error;
      }
    },

    /** Writes a previewed import in one transaction with its record, its mapping and its audit entry. */
    apply(request: ApplyRequest, hooks: ImportHooks): ApplyResult {
      const p = pending.get(request.token);
      if (!p) throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
      const { preview } = p;
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        if (devices.version() !== p.version)
          throw new AppError(
            'CONFLICT',
            'The inventory changed since this preview (another import?); read the file again',
          );
        p.staging.apply(preview.source, request.importId, (done, total) => {
          hooks.progress(done, total, 'Writing devices');
          if (hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
        });
        // The date order actually used is remembered, so the source's next file cannot flip it.
        devices.saveMapping(
          preview.source,
          {
            ...preview.mapping,
            dateOrder: preview.mapping.dateOrder === 'auto' ? preview.dates.order : preview.mapping.dateOrder,
          },
          request.at,
        );
        const summary = {
          fileName: preview.fileName,
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
        audit.append({
          at: request.at,
          actor: request.actor,
          entity: 'device-import',
          entityId: request.importId,
          action: 'import',
          before: null,
          after: { source: preview.source, ...summary },
        });
        sqlite.exec('COMMIT');
      } catch (error) {
        sqlite.exec('ROLLBACK');
        throw error;
      }
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

    /** Throws unless a preview with this token is waiting to be applied. */
    check(token: string): void {
      if (!pending.has(token)) throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
    },

    /** Drops a preview without writing anything. */
    discard(token: string): { discarded: boolean } {
      const p = pending.get(token);
      if (!p) return { discarded: false };
      forget();
      return { discarded: true };
    },

    /** Every row error of a preview, as CSV (formula-safe). */
    errorsCsv(token: string): string {
      const p = pending.get(token);
      if (!p) throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
      return toCsv(
        ['Row', 'Column', 'Value', 'Reason'],
        p.allErrors.map((e) => [e.row, e.column, e.value, e.reason]),
      );
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
        sqlite.exec('PRAGMA wal_checkpoint(PASSIVE)');
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
  saved: DeviceMapping | null;
  links: Map<string, string>;
  serialsElsewhere: Set<string>;
  now: Date;
  /** The date order to read with; null: the mapping's (auto starts as dmy). */
  order: 'dmy' | 'mdy' | null;
}

interface FileRead {
  facts: FileFacts;
  rows: number;
  mapping: DeviceMapping;
  valid: number;
  errors: RowError[];
  rest: ReturnType<RowReader['finish']>;
  sample: StagedPreview['sample'];
  findings: Record<DeviceCheck, number>;
  manufacturers: Map<string, { name: string; devices: number }>;
}

/** One pass over the file: every valid device checked and staged. */
function readFile(file: ImportFile, request: PreviewRequest, c: ReadContext): FileRead {
  let state: Omit<FileRead, 'facts' | 'rows' | 'rest' | 'errors'> & {
    headers: string[];
    reader: RowReader;
    badErrors: RowError[];
  };
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let k = keys.get(name);
    if (k === undefined) keys.set(name, (k = manufacturerKey(name)));
    return k;
  };
  const size = 'bytes' in file ? file.bytes.length : fstatSize(file.path);
  let done = 0;
  const chunks = function* (): Iterable<Uint8Array> {
    done = 0;
    for (const chunk of 'bytes' in file ? piecesOf(file.bytes) : readPieces(file.path)) {
      if (c.hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
      done += chunk.length;
      yield chunk;
      c.hooks.progress(done, size, 'Reading and checking rows');
    }
  };
  const result = streamInventory(chunks, size, file.fileName, {
    start(facts) {
      const mapping = resolveMapping(facts.headers, request.mapping, c.saved);
      c.staging.clear();
      state = {
        headers: facts.headers,
        mapping,
        reader: createRowReader(facts.headers, mapping, c.order ?? firstDateOrder(mapping)),
        valid: 0,
        badErrors: [],
        sample: [],
        findings: Object.fromEntries(DEVICE_CHECKS.map((k) => [k, 0])) as Record<DeviceCheck, number>,
        manufacturers: new Map(),
      };
    },
    records(batch, badLines) {
      if (c.hooks.cancelled()) throw new AppError('CANCELLED', CANCELLED);
      for (const b of badLines) state.badErrors.push({ row: b.row, column: '', value: '', reason: b.reason });
      const valid = state.reader.read(batch);
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
  });
  if (!result.ok) throw new AppError('INVALID_INPUT', result.message);
  const rest = state!.reader.finish();
  return {
    facts: result.facts,
    rows: result.rows,
    ...state!,
    errors: [...state!.badErrors, ...rest.errors].sort((a, b) => a.row - b.row),
    rest,
  };
}

function summarize(
  read: FileRead,
  staging: Staging,
  meta: { source: string; fileName: string; saved: boolean; links: Map<string, string> },
): StagedPreview {
  const diff = staging.diff(meta.source, EXAMPLES);
  const { facts, rest, errors } = read;
  return {
    token: randomUUID(),
    source: meta.source,
    fileName: meta.fileName,
    format: facts.format,
    encoding: facts.encoding,
    delimiter: facts.delimiter,
    headers: facts.headers,
    mapping: read.mapping,
    mappingSaved: meta.saved,
    dates: rest.dates,
    warnings: facts.warnings,
    counts: {
      read: read.rows,
      valid: read.valid,
      rejected: new Set(errors.map((e) => e.row)).size,
      duplicates: rest.duplicates.length,
    },
    errors: errors.slice(0, MAX_PREVIEW_ERRORS),
    errorsTotal: errors.length,
    duplicates: rest.duplicates.slice(0, MAX_PREVIEW_ERRORS),
    unmapped: rest.unmapped,
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

/**
 * The mapping a file is read with: the user's; else the source's saved mapping, with
 * header spellings filling in columns it does not know, for fields still free.
 */
export function resolveMapping(
  headers: readonly string[],
  chosen: DeviceMappingInput | null,
  saved: DeviceMapping | null,
): DeviceMapping {
  const suggested = suggestColumns(headers);
  const known = (h: string) => saved !== null && Object.hasOwn(saved.columns, h);
  const taken = new Set(
    headers
      .filter(known)
      .map((h) => saved!.columns[h])
      .filter(Boolean),
  );
  const base: DeviceMappingInput = chosen ?? {
    columns: Object.fromEntries(
      headers.map((h) => [
        h,
        known(h) ? saved!.columns[h]! : suggested[h] && !taken.has(suggested[h]) ? suggested[h]! : null,
      ]),
    ),
    values: saved?.values ?? { status: {}, type: {} },
    dateOrder: saved?.dateOrder ?? 'auto',
  };
  const checked = DeviceMappingSchema.safeParse(base);
  if (!checked.success)
    throw new AppError('INVALID_INPUT', `The mapping is not valid: ${checked.error.issues[0]?.message}`);
  const mapping = checked.data;
  if (!Object.values(mapping.columns).some((f) => f === 'deviceId' || f === 'serial'))
    throw new AppError(
      'INVALID_INPUT',
      'No column is the device ID or serial number; map one (a name or hostname column can serve as the ID)',
    );
  return mapping;
}

function rawOf(headers: readonly string[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(headers.map((h, i) => [h, values[i] ?? '']));
}

function* piecesOf(bytes: Uint8Array): Iterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += READ_BYTES) yield bytes.subarray(at, at + READ_BYTES);
}

function fstatSize(path: string): number {
  const fd = openFile(path);
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/** The refusal of a path that is not a saved file (a pipe, a device, a folder). */
export function notASavedFile(path: string): AppError {
  return new AppError('INVALID_INPUT', `${path} is not a file (an import reads a saved CSV or JSON file)`);
}

/** Opens a regular file for reading (a pipe or a device would have no size, or never end). */
function openFile(path: string): number {
  let fd: number;
  try {
    // Without waiting: a named pipe put where the file was would otherwise block the open itself.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT',
      code === 'ENOENT' ? `There is no file ${path}` : `The file ${path} cannot be read (${code ?? 'error'})`,
    );
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw notASavedFile(path);
  }
  return fd;
}

function* readPieces(path: string): Iterable<Uint8Array> {
  const fd = openFile(path);
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      const n = readSync(fd, buffer, 0, READ_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
