import { runWorkerOnce } from './off-thread';
import { AppError } from '../domain/errors';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedFile } from '../domain/device-file';
import {
  readInventory,
  type ReadDevice,
  type ReadInventoryInput,
  type ReadInventoryResult,
} from '../domain/device-read';
import {
  DEVICE_FIELDS,
  DEVICE_FIELD_LABELS,
  diffStored,
  type Device,
  type DeviceDiff,
  type DeviceMapping,
  type DeviceMappingInput,
  type ReadRows,
  type RowError,
} from '../domain/devices';
import {
  checkDevice,
  DEFAULT_DEVICE_CHECK_SETTINGS,
  DEVICE_CHECKS,
  DeviceCheckSettingsSchema,
  emptyPosture,
  manufacturerKey,
  suggestVendor,
  type CheckResult,
  type DeviceCheck,
  type DeviceCheckSettings,
  type Posture,
} from '../domain/device-checks';
import { toCsv } from '../domain/csv';
import { DEFAULT_VENDOR_QUERY } from '../domain/vendor-list';
import { recordAudit, type JobContext, type ServiceContext } from './context';

const SETTINGS_KEY = 'deviceChecks';
/** How many row errors a preview carries (the CSV of errors has them all). */
const MAX_PREVIEW_ERRORS = 500;

export interface ImportPreview {
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
  /** Where the file was read: a worker thread (the built app and CLI) or the main thread. */
  readIn: 'worker' | 'main';
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
  manufacturers: {
    name: string;
    devices: number;
    vendorId: string | null;
    suggestion: { id: string; name: string } | null;
  }[];
}

interface Pending {
  preview: ImportPreview;
  /** The devices to write: added or changed since the last import of the source. */
  writes: ReadDevice[];
  valid: number;
  removed: string[];
  allErrors: RowError[];
  /** The inventory as it was when previewed: apply refuses if another import changed it since. */
  version: string;
}

/** One device with its checks, as the devices table and the roll-up read it. */
export interface CheckedDevice {
  source: string;
  device: Device;
  vendorId: string | null;
  results: Record<DeviceCheck, CheckResult>;
  open: DeviceCheck[];
  accepted: DeviceCheck[];
}

export const DEVICE_SORT_KEYS = [
  'deviceId',
  'type',
  'manufacturer',
  'location',
  'status',
  'findings',
  'lastSeen',
] as const;
export interface DeviceQuery {
  search: string;
  type: string | null;
  manufacturer: string | null;
  location: string | null;
  finding: DeviceCheck | null;
  vendorId: string | null;
  sort: (typeof DEVICE_SORT_KEYS)[number];
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Device inventory: import (preview, then apply), checks, roll-up to the hardware vendor, export. */
export function createDeviceService(ctx: ServiceContext) {
  const { storage } = ctx;
  const pending = new Map<string, Pending>();
  let index: {
    version: string;
    devices: CheckedDevice[];
    /** Each hardware vendor's devices and (once asked) posture: scoring asks for every vendor. */
    byVendor: Map<string, { devices: CheckedDevice[]; posture?: Posture }>;
  } | null = null;

  const settings = (): DeviceCheckSettings => {
    const parsed = DeviceCheckSettingsSchema.safeParse(storage.settings.get(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_DEVICE_CHECK_SETTINGS;
  };

  /** Every device with its checks, rebuilt when devices, links, acceptances, settings or the hour change. */
  const checked = (): CheckedDevice[] => current().devices;
  const current = () => {
    const now = ctx.now();
    const version = `${storage.devices.version()} ${now.toISOString().slice(0, 13)}`;
    if (index?.version === version) return index;
    const s = settings();
    const links = new Map(storage.devices.links().map((l) => [l.manufacturerKey, l.vendorId]));
    const serials = storage.devices.serialCounts();
    const today = now.toISOString().slice(0, 10);
    const accepted = new Map<string, Set<DeviceCheck>>();
    for (const a of storage.devices.acceptances())
      if (a.expiresOn >= today) {
        const key = `${a.source}\u0000${a.deviceId}`;
        if (!accepted.has(key)) accepted.set(key, new Set());
        accepted.get(key)!.add(a.check);
      }
    const devices = storage.devices.all().map(({ source, device }) => {
      const mk = device.manufacturer ? manufacturerKey(device.manufacturer) : null;
      const vendorId = mk ? (links.get(mk) ?? null) : null;
      const results = checkDevice(device, {
        now,
        settings: s,
        manufacturerLinked: mk === null ? null : vendorId !== null,
        duplicateSerial: device.serial !== null && (serials.get(device.serial.toLowerCase()) ?? 0) > 1,
      });
      const acceptedHere = accepted.get(`${source}\u0000${device.deviceId}`);
      const failing = DEVICE_CHECKS.filter((c) => results[c] === 'fail');
      return {
        source,
        device,
        vendorId,
        results,
        open: failing.filter((c) => !acceptedHere?.has(c)),
        accepted: failing.filter((c) => acceptedHere?.has(c) ?? false),
      };
    });
    const byVendor = new Map<string, { devices: CheckedDevice[]; posture?: Posture }>();
    for (const d of devices) {
      if (!d.vendorId) continue;
      let entry = byVendor.get(d.vendorId);
      if (!entry) byVendor.set(d.vendorId, (entry = { devices: [] }));
      entry.devices.push(d);
    }
    index = { version, devices, byVendor };
    return index;
  };

  const postureOf = (devices: readonly CheckedDevice[]): Posture => {
    const p = emptyPosture();
    for (const d of devices)
      for (const c of DEVICE_CHECKS) {
        const r = d.results[c];
        if (r === 'fail') p[c][d.accepted.includes(c) ? 'accepted' : 'fail'] += 1;
        else if (r === 'pass') p[c].pass += 1;
        else if (r === 'unknown') p[c].unknown += 1;
      }
    return p;
  };

  const vendorsByName = () =>
    storage.vendors.list(DEFAULT_VENDOR_QUERY).items.map((v) => ({ id: v.id, name: v.name }));

  return {
    settings,

    setSettings(next: DeviceCheckSettings): DeviceCheckSettings {
      return storage.transaction(() => {
        const before = settings();
        storage.settings.set(SETTINGS_KEY, next, ctx.now().toISOString());
        recordAudit(ctx, 'settings', SETTINGS_KEY, 'update', before, next);
        return next;
      });
    },

    /**
     * Reads a file and shows what importing it would do: how its columns and values were
     * read, every bad row, duplicates, what changes since the last import of the source,
     * and the findings. Nothing is written; `apply(token)` does that.
     */
    async preview(
      input: { source: string; fileName: string; contentBase64: string; mapping?: DeviceMappingInput },
      job: JobContext,
    ): Promise<ImportPreview> {
      job.progress(0, 4, 'Reading the file');
      const links = new Map(storage.devices.links().map((l) => [l.manufacturerKey, l.vendorId]));
      // The source's last mapping, unless the user gave one.
      const savedMapping = input.mapping ? null : storage.devices.mapping(input.source);
      const read = await readInventoryOffThread(
        {
          bytes: Buffer.from(input.contentBase64, 'base64'),
          fileName: input.fileName,
          mapping: input.mapping ?? null,
          saved: savedMapping,
          checks: {
            now: ctx.now().toISOString(),
            settings: settings(),
            linked: [...links.keys()],
            serialsElsewhere: storage.devices.serialsOutside(input.source),
          },
        },
        job,
      );
      if (!read.ok) throw new AppError('INVALID_INPUT', read.message);
      const saved = savedMapping !== null;
      const { mapping, findings } = read;
      job.progress(2, 4, 'Comparing with the last import');
      const before = storage.devices.storedForSource(input.source);
      const diff = diffStored(before, read.devices);
      // Rows that were rejected or skipped are still in the file: their stored devices stay.
      const kept = new Set(read.keptIds);
      diff.removed = diff.removed.filter((id) => !kept.has(id));
      await yieldTo(job);
      job.progress(3, 4, 'Preparing the import');
      // Only what is new or changed is written.
      const toWrite = new Set([...diff.added, ...diff.changed.map((c) => c.deviceId)]);
      const writes = read.devices.filter((d) => toWrite.has(d.deviceId));
      const vendors = vendorsByName();
      const allErrors = read.errors;
      const rejectedRows = new Set(allErrors.map((e) => e.row)).size;
      const token = ctx.newId();
      const preview: ImportPreview = {
        token,
        source: input.source,
        fileName: input.fileName,
        format: read.file.format,
        encoding: read.file.encoding,
        delimiter: read.file.delimiter,
        headers: read.file.headers,
        mapping,
        mappingSaved: saved,
        readIn: read.readIn,
        dates: read.dates,
        warnings: read.file.warnings,
        counts: {
          read: read.rowsRead,
          valid: read.devices.length,
          rejected: rejectedRows,
          duplicates: read.duplicates.length,
        },
        errors: allErrors.slice(0, MAX_PREVIEW_ERRORS),
        errorsTotal: allErrors.length,
        duplicates: read.duplicates.slice(0, MAX_PREVIEW_ERRORS),
        unmapped: read.unmapped,
        sample: read.sample,
        diff: {
          added: diff.added.length,
          changed: diff.changed.length,
          removed: diff.removed.length,
          unchanged: diff.unchanged,
          firstTime: before.size === 0,
          examples: {
            added: diff.added.slice(0, 50),
            changed: diff.changed.slice(0, 50),
            removed: diff.removed.slice(0, 50),
            unchanged: diff.unchanged,
          },
        },
        findings,
        manufacturers: read.manufacturers.map((m) => {
          const vendorId = links.get(m.key) ?? null;
          const suggestion = vendorId ? null : suggestVendor(m.name, vendors);
          return { name: m.name, devices: m.devices, vendorId, suggestion };
        }),
      };
      pending.clear(); // one import at a time; an older preview is stale once a new file is read
      pending.set(token, {
        preview,
        writes,
        valid: read.devices.length,
        removed: diff.removed,
        allErrors,
        version: storage.devices.version(),
      });
      job.progress(4, 4, 'Ready');
      return preview;
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

    /** Writes a previewed import in one transaction, saves the source's mapping, records the import. */
    /** Throws unless a preview with this token is waiting to be applied. */
    checkToken(token: string): void {
      if (!pending.has(token)) throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
    },

    apply(token: string): {
      importId: string;
      added: number;
      changed: number;
      removed: number;
      devices: number;
    } {
      const p = pending.get(token);
      if (!p) throw new AppError('NOT_FOUND', 'That preview is gone; read the file again');
      const { preview } = p;
      if (storage.devices.version() !== p.version)
        throw new AppError(
          'CONFLICT',
          'The inventory changed since this preview (another import?); read the file again',
        );
      const importId = ctx.newId();
      storage.transaction(() => {
        storage.devices.apply(preview.source, importId, p.writes, p.removed);
        const at = ctx.now().toISOString();
        // The date order actually used is remembered, so the source's next file cannot flip it.
        storage.devices.saveMapping(
          preview.source,
          {
            ...preview.mapping,
            dateOrder: preview.mapping.dateOrder === 'auto' ? preview.dates.order : preview.mapping.dateOrder,
          },
          at,
        );
        const summary = {
          fileName: preview.fileName,
          counts: preview.counts,
          added: preview.diff.added,
          changed: preview.diff.changed,
          removed: preview.diff.removed,
        };
        storage.devices.recordImport({
          id: importId,
          source: preview.source,
          fileName: preview.fileName,
          at,
          actor: ctx.actor(),
          summary,
        });
        recordAudit(ctx, 'device-import', importId, 'import', null, { source: preview.source, ...summary });
      });
      pending.delete(token);
      return {
        importId,
        added: preview.diff.added,
        changed: preview.diff.changed,
        removed: preview.diff.removed,
        devices: p.valid,
      };
    },

    /** Drops a preview without writing anything. */
    discard(token: string): { discarded: boolean } {
      return { discarded: pending.delete(token) };
    },

    history: (limit: number) => storage.devices.imports(limit),

    /** Confirms that a manufacturer name means a vendor; remembered for every later import. */
    link(manufacturer: string, vendorId: string | null) {
      return storage.transaction(() => {
        const key = manufacturerKey(manufacturer);
        if (!key) throw new AppError('INVALID_INPUT', 'Name the manufacturer');
        if (vendorId === null) storage.devices.unlink(key);
        else {
          if (!storage.vendors.get(vendorId))
            throw new AppError('NOT_FOUND', `No vendor with id ${vendorId}`);
          storage.devices.link(key, manufacturer, vendorId, ctx.now().toISOString(), ctx.actor());
        }
        recordAudit(ctx, 'device-import', key, 'update', null, { manufacturer, vendorId });
        return storage.devices.links();
      });
    },

    /** Accepts a finding of a device until a date, with the reason and who. */
    accept(input: {
      source: string;
      deviceId: string;
      check: DeviceCheck;
      reason: string;
      expiresOn: string;
    }) {
      return storage.transaction(() => {
        const d = checked().find((x) => x.source === input.source && x.device.deviceId === input.deviceId);
        if (!d) throw new AppError('NOT_FOUND', `No device ${input.deviceId} from ${input.source}`);
        if (d.results[input.check] !== 'fail')
          throw new AppError('CONFLICT', `${input.deviceId} has no open "${input.check}" finding to accept`);
        const acceptance = { ...input, acceptedBy: ctx.actor(), at: ctx.now().toISOString() };
        storage.devices.accept(acceptance);
        recordAudit(ctx, 'device-import', `${input.source}/${input.deviceId}`, 'update', null, acceptance);
        return acceptance;
      });
    },

    /** Devices matching a query, one page, with the total. */
    list(q: DeviceQuery): { total: number; items: CheckedDevice[] } {
      const needle = q.search.trim().toLowerCase();
      let rows = checked().filter(
        (d) =>
          (!q.type || d.device.type === q.type) &&
          (!q.manufacturer || d.device.manufacturer === q.manufacturer) &&
          (!q.location || d.device.location === q.location) &&
          (!q.finding || d.open.includes(q.finding)) &&
          (!q.vendorId || d.vendorId === q.vendorId) &&
          (!needle ||
            d.device.deviceId.toLowerCase().includes(needle) ||
            (d.device.serial ?? '').toLowerCase().includes(needle) ||
            (d.device.model ?? '').toLowerCase().includes(needle)),
      );
      const key = (d: CheckedDevice): string | number =>
        q.sort === 'findings' ? d.open.length : ((d.device[q.sort] as string | null) ?? '');
      const dir = q.direction === 'desc' ? -1 : 1;
      rows = [...rows].sort((a, b) => {
        const x = key(a);
        const y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * dir || a.device.deviceId.localeCompare(b.device.deviceId);
      });
      return { total: rows.length, items: rows.slice(q.offset, q.offset + q.limit) };
    },

    /** Values to filter the table by. */
    facets() {
      const types = new Set<string>();
      const manufacturers = new Set<string>();
      const locations = new Set<string>();
      for (const d of checked()) {
        if (d.device.type) types.add(d.device.type);
        if (d.device.manufacturer) manufacturers.add(d.device.manufacturer);
        if (d.device.location) locations.add(d.device.location);
      }
      const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
      return {
        types: sorted(types),
        manufacturers: sorted(manufacturers),
        locations: sorted(locations),
        total: checked().length,
      };
    },

    /** Open findings by check and by vendor (the dashboard widget and `devices findings`). */
    findings(vendorId: string | null) {
      const devices = checked().filter((d) => vendorId === null || d.vendorId === vendorId);
      const byVendor = new Map<string, number>();
      for (const d of devices)
        if (d.open.length)
          byVendor.set(d.vendorId ?? '', (byVendor.get(d.vendorId ?? '') ?? 0) + d.open.length);
      const names = new Map(vendorsByName().map((v) => [v.id, v.name]));
      return {
        devices: devices.length,
        posture: postureOf(devices),
        byVendor: [...byVendor]
          .map(([id, open]) => ({
            vendorId: id || null,
            vendorName: id ? (names.get(id) ?? id) : 'Not linked to a vendor',
            open,
          }))
          .sort((a, b) => b.open - a.open),
      };
    },

    /** A vendor's device posture, or null when no device is linked to it (for scoring). */
    vendorPosture(vendorId: string): Posture | null {
      const entry = current().byVendor.get(vendorId);
      if (!entry) return null;
      return (entry.posture ??= postureOf(entry.devices));
    },

    /** Every device with its open findings, as formula-safe CSV. */
    exportCsv(): { csv: string; rows: number } {
      const rows = checked().map((d) => [
        d.source,
        ...DEVICE_FIELDS.map((f) => d.device[f] ?? ''),
        d.open.join('; '),
        d.accepted.join('; '),
      ]);
      const csv = toCsv(
        ['Source', ...DEVICE_FIELDS.map((f) => DEVICE_FIELD_LABELS[f]), 'Open findings', 'Accepted findings'],
        rows,
      );
      return { csv, rows: rows.length };
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;

/**
 * The worker bundle, next to main.js and cli.js in a build; absent when running from
 * source (tests), unless VENDOR_RISK_DEVICE_WORKER names a built one (the benchmark does).
 */
const WORKER_FILE = process.env.VENDOR_RISK_DEVICE_WORKER ?? join(__dirname, 'device-reader.js');

/**
 * Reads an inventory in a worker thread when the worker bundle is there, so the main
 * process stays responsive (and a cancel ends the worker at once); otherwise here.
 */
async function readInventoryOffThread(
  input: ReadInventoryInput,
  job: JobContext,
): Promise<ReadInventoryResult & { readIn: 'worker' | 'main' }> {
  if (!existsSync(WORKER_FILE)) {
    await yieldTo(job);
    const result = readInventory(input);
    await yieldTo(job);
    return { ...result, readIn: 'main' };
  }
  job.progress(1, 4, 'Reading and checking rows');
  const result = await runWorkerOnce<ReadInventoryResult>(
    WORKER_FILE,
    input,
    job,
    'The import was cancelled; nothing was changed',
  );
  return { ...result, readIn: 'worker' };
}

/** Lets other work run between the steps of a long import, and stops if it was cancelled. */
async function yieldTo(job: JobContext): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (job.signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled; nothing was changed');
}
