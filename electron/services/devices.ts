import { AppError } from '../domain/errors';
import { DEVICE_FIELDS, DEVICE_FIELD_LABELS, type Device, type DeviceMappingPatch } from '../domain/devices';
import { DEVICE_CATEGORY_LABELS, type DeviceCategory } from '../domain/device-vocabulary';
import {
  checkDevice,
  DEFAULT_DEVICE_CHECK_SETTINGS,
  DEVICE_CHECKS,
  DeviceCheckSettingsSchema,
  emptyPosture,
  manufacturerKey,
  suggestVendor,
  type DeviceCheck,
  type DeviceCheckSettings,
  type Posture,
} from '../domain/device-checks';
import { toCsv } from '../domain/csv';
import { createKeyIndex } from '../domain/key-index';
import { DEFAULT_VENDOR_QUERY } from '../domain/vendor-list';
import { NO_JOB, recordAudit, type JobContext, type ServiceContext } from './context';
import type { ImportFile } from './device-import';
import type {
  Acceptance,
  AcceptanceInput,
  CheckedDevice,
  DeviceQuery,
  ImportPreview,
} from '../domain/device-api';
import { createImportRunner } from './device-import-worker';
import { summarise, type DeviceVulnerabilitySummary } from '../domain/vulnerabilities/match-rollup';

/** A matched device with no match: both vulnerability checks pass. */
const NO_MATCH: DeviceVulnerabilitySummary = { kev: 'pass', critical: 'pass' };

const SETTINGS_KEY = 'deviceChecks';
/** Every device with its checks, and each hardware vendor's devices. */
interface DeviceIndex {
  version: string;
  devices: CheckedDevice[];
  /** Each hardware vendor's devices and (once asked) posture: scoring asks for every vendor. */
  byVendor: Map<string, { devices: CheckedDevice[]; posture?: Posture }>;
}

/** Stored devices read and checked per step of building the index (about 20 ms of work). */
const INDEX_PAGE = 2_000;

/** Device inventory: import (preview, then apply), checks, roll-up to the hardware vendor, export. */
export function createDeviceService(ctx: ServiceContext, options: { databasePath: string }) {
  const { storage } = ctx;
  const imports = createImportRunner(options.databasePath);
  let index: DeviceIndex | null = null;

  const settings = (): DeviceCheckSettings => {
    const parsed = DeviceCheckSettingsSchema.safeParse(storage.settings.get(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_DEVICE_CHECK_SETTINGS;
  };

  /** What the index is built from: devices, links, acceptances, thresholds, the last matching run, and the hour. */
  const indexVersion = () =>
    `${storage.devices.version()} ${storage.vulnerabilities.lastRun()?.id ?? ''} ${ctx.now().toISOString().slice(0, 13)}`;

  /**
   * Builds the index a page of stored devices at a time, yielding between pages (the
   * asynchronous build lets other work run there); stops early once another build has
   * made an index of the same version.
   */
  function* buildIndex(version: string): Generator<void, DeviceIndex | null> {
    const now = ctx.now();
    const s = settings();
    const links = new Map(storage.devices.links().map((l) => [l.manufacturerKey, l.vendorId]));
    // Serials seen more than once across the inventory, found as the pages go (a GROUP BY over
    // every device would hold the thread): a repeat is checked as one at once, the device it
    // repeats once all are read.
    const serials = createKeyIndex();
    /** Devices whose serial turned up again later: checked again once all are read. */
    const firstOfRepeated = new Set<number>();
    const today = now.toISOString().slice(0, 10);
    const accepted = new Map<string, Set<DeviceCheck>>();
    /** Each stored acceptance's version (team database), expired ones too: the next one states it. */
    const acceptanceVersions = new Map<string, Partial<Record<DeviceCheck, number>>>();
    for (const a of storage.devices.acceptances()) {
      const key = `${a.source}\u0000${a.deviceId}`;
      if (a.version !== undefined)
        acceptanceVersions.set(key, { ...acceptanceVersions.get(key), [a.check]: a.version });
      if (a.expiresOn >= today) {
        if (!accepted.has(key)) accepted.set(key, new Set());
        accepted.get(key)!.add(a.check);
      }
    }
    // The last matching run's findings (services/vulnerabilities.ts); none before the first run,
    // nor after one without advisories: nothing was checked, so the checks are unknown.
    const run = storage.vulnerabilities.lastRun();
    const matched = run && run.advisories > 0 ? storage.vulnerabilities.byDevice() : null;
    const vulnerabilitiesOf = (source: string, device: Device): DeviceVulnerabilitySummary | null => {
      if (!matched) return null;
      const rows = matched.get(`${source}\u0000${device.deviceId}`);
      if (rows) return summarise(rows);
      // Without a maker and a model a device cannot be matched: unknown, not "no vulnerability".
      return device.manufacturer && device.model ? NO_MATCH : null;
    };
    const check = (source: string, device: Device, mk: string | null, duplicateSerial: boolean) => {
      const vendorId = mk ? (links.get(mk) ?? null) : null;
      const results = checkDevice(device, {
        now,
        settings: s,
        manufacturerLinked: mk === null ? null : vendorId !== null,
        duplicateSerial,
        vulnerabilities: vulnerabilitiesOf(source, device),
      });
      const acceptedHere = accepted.get(`${source}\u0000${device.deviceId}`);
      const versions = acceptanceVersions.get(`${source}\u0000${device.deviceId}`);
      const failing = DEVICE_CHECKS.filter((c) => results[c] === 'fail');
      return {
        source,
        device,
        vendorId,
        results,
        open: failing.filter((c) => !acceptedHere?.has(c)),
        accepted: failing.filter((c) => acceptedHere?.has(c) ?? false),
        ...(versions ? { acceptanceVersions: versions } : {}),
      };
    };
    const devices: CheckedDevice[] = [];
    const keys: (string | null)[] = [];
    for (let after = 0; ;) {
      const page = storage.devices.page(after, INDEX_PAGE);
      if (page.length === 0) break;
      for (const { source, device, manufacturerKey: mk } of page) {
        let repeated = false;
        if (device.serial !== null) {
          const first = serials.find(device.serial.toLowerCase());
          if (first >= 0) {
            firstOfRepeated.add(first);
            repeated = true;
          } else serials.addLast(devices.length);
        }
        keys.push(mk);
        devices.push(check(source, device, mk, repeated));
      }
      after = page[page.length - 1]!.rowid;
      yield;
      if (index?.version === version) return null;
    }
    let rechecked = 0;
    for (const i of firstOfRepeated) {
      const d = devices[i]!;
      devices[i] = check(d.source, d.device, keys[i] ?? null, true);
      if (++rechecked % INDEX_PAGE === 0) yield;
    }
    const byVendor = new Map<string, { devices: CheckedDevice[]; posture?: Posture }>();
    for (const d of devices) {
      if (!d.vendorId) continue;
      let entry = byVendor.get(d.vendorId);
      if (!entry) byVendor.set(d.vendorId, (entry = { devices: [] }));
      entry.devices.push(d);
    }
    return { version, devices, byVendor };
  }

  /** Every device with its checks, rebuilt here and now if stale (see `ready` for the way that never blocks). */
  const checked = (): CheckedDevice[] => current().devices;
  const current = (): DeviceIndex => {
    const version = indexVersion();
    if (index?.version === version) return index;
    const steps = buildIndex(version);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return (index = step.value ?? index!);
  };
  let building: Promise<void> | null = null;

  const postureIn = (at: DeviceIndex, vendorId: string): Posture | null => {
    const entry = at.byVendor.get(vendorId);
    if (!entry) return null;
    return (entry.posture ??= postureOf(entry.devices));
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
      input: { source: string; file: ImportFile; mapping?: DeviceMappingPatch; sheet?: string },
      job: JobContext,
    ): Promise<ImportPreview> {
      job.progress(0, 1, 'Reading the file');
      const staged = await imports.call(
        'preview',
        {
          source: input.source,
          file: input.file,
          mapping: input.mapping ?? null,
          sheet: input.sheet ?? null,
          now: ctx.now().toISOString(),
          settings: settings(),
        },
        job,
      );
      const vendors = staged.manufacturers.some((m) => !m.vendorId) ? vendorsByName() : [];
      return {
        ...staged,
        readIn: imports.runsIn,
        manufacturers: staged.manufacturers.map((m) => ({
          ...m,
          suggestion: m.vendorId ? null : suggestVendor(m.name, vendors),
        })),
      };
    },

    /** Every row error of a preview, as CSV (formula-safe). */
    errorsCsv: (token: string) => imports.call('errorsCsv', { token }, NO_JOB),

    /** Throws unless a preview with this token is waiting to be applied. */
    checkToken: async (token: string): Promise<void> => {
      await imports.call('check', { token }, NO_JOB);
    },

    /** Writes a previewed import in one transaction, saves the source's mapping, records the import. */
    apply: (token: string, job: JobContext = NO_JOB) => {
      // With encryption on, the import's audit entry is signed too: sign() refuses while locked.
      storage.cipher.sign('');
      const auditKey = storage.cipher.auditKey()?.toString('base64') ?? null;
      return imports.call(
        'apply',
        { token, importId: ctx.newId(), at: ctx.now().toISOString(), actor: ctx.actor(), auditKey },
        job,
      );
    },

    /** Drops a preview without writing anything. */
    discard: (token: string) => imports.call('discard', { token }, NO_JOB),

    /** Ends the import worker (on quit). */
    close: () => imports.close(),

    history: (limit: number) => storage.devices.imports(limit),

    /**
     * Brings the index of checked devices up to date a page at a time, letting other work
     * run in between, so that what reads it next (the devices table, a vendor's posture in
     * its score) finds it ready instead of building it in one go. Handlers that read
     * devices or scores wait for it.
     */
    ready(): Promise<void> {
      return (building ??= (async () => {
        try {
          for (;;) {
            const version = indexVersion();
            if (index?.version === version) return;
            const steps = buildIndex(version);
            let step = steps.next();
            while (!step.done) {
              await new Promise((resolve) => setImmediate(resolve));
              step = steps.next();
            }
            // Devices changed while it was built: build again.
            if (step.value && indexVersion() === version) index = step.value;
          }
        } finally {
          building = null;
        }
      })());
    },

    /**
     * Confirms that a manufacturer name means a vendor; remembered for every later import.
     * `version` is the link's version the caller read (team database; 0: it read no link):
     * a colleague's link since refuses it (CONFLICT, naming them). Unlinking checks nothing.
     */
    link(manufacturer: string, vendorId: string | null, version?: number) {
      return storage.transaction(() => {
        const key = manufacturerKey(manufacturer);
        if (!key) throw new AppError('INVALID_INPUT', 'Name the manufacturer');
        if (vendorId === null) storage.devices.unlink(key);
        else {
          if (!storage.vendors.get(vendorId))
            throw new AppError('NOT_FOUND', `No vendor with id ${vendorId}`);
          storage.devices.link(key, manufacturer, vendorId, ctx.now().toISOString(), ctx.actor(), version);
        }
        recordAudit(ctx, 'device-import', key, 'update', null, { manufacturer, vendorId });
        return storage.devices.links();
      });
    },

    /**
     * Accepts a finding of a device until a date, with the reason and who. `input.version` is
     * the acceptance's version the caller read (team database; 0: it read none, the finding
     * open): a colleague's acceptance since refuses it (CONFLICT, naming them).
     */
    accept({ version, ...input }: AcceptanceInput): Acceptance {
      return storage.transaction(() => {
        const d = checked().find((x) => x.source === input.source && x.device.deviceId === input.deviceId);
        if (!d) throw new AppError('NOT_FOUND', `No device ${input.deviceId} from ${input.source}`);
        if (d.results[input.check] !== 'fail')
          throw new AppError('CONFLICT', `${input.deviceId} has no open "${input.check}" finding to accept`);
        const acceptance = { ...input, acceptedBy: ctx.actor(), at: ctx.now().toISOString() };
        const saved = storage.devices.accept(acceptance, version);
        // The version is the database's bookkeeping, not the acceptance's history.
        recordAudit(ctx, 'device-import', `${input.source}/${input.deviceId}`, 'update', null, acceptance);
        return saved === undefined ? acceptance : { ...acceptance, version: saved };
      });
    },

    /** Devices matching a query, one page, with the total. */
    list(q: DeviceQuery): { total: number; items: CheckedDevice[] } {
      const needle = q.search.trim().toLowerCase();
      let rows = checked().filter(
        (d) =>
          (!q.category || d.device.category === q.category) &&
          (!q.manufacturer || d.device.manufacturer === q.manufacturer) &&
          (!q.location || d.device.location === q.location) &&
          (!q.finding || d.open.includes(q.finding)) &&
          (!q.vendorId || d.vendorId === q.vendorId) &&
          (!needle ||
            d.device.deviceId.toLowerCase().includes(needle) ||
            (d.device.name ?? '').toLowerCase().includes(needle) ||
            (d.device.assetTag ?? '').toLowerCase().includes(needle) ||
            (d.device.serial ?? '').toLowerCase().includes(needle) ||
            (d.device.type ?? '').toLowerCase().includes(needle) ||
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
      const categories = new Set<DeviceCategory>();
      const manufacturers = new Set<string>();
      const locations = new Set<string>();
      for (const d of checked()) {
        if (d.device.category) categories.add(d.device.category);
        if (d.device.manufacturer) manufacturers.add(d.device.manufacturer);
        if (d.device.location) locations.add(d.device.location);
      }
      const sorted = <T extends string>(s: Set<T>) => [...s].sort((a, b) => a.localeCompare(b));
      return {
        categories: sorted(categories),
        manufacturers: sorted(manufacturers),
        locations: sorted(locations),
        total: checked().length,
      };
    },

    /** How many open findings the inventory has (the dashboard's attention count; no vendor names read). */
    openFindings(): number {
      return checked().reduce((n, d) => n + d.open.length, 0);
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

    /** How many devices no vendor is linked to, and how many of them run exploited firmware (the board pack's row). */
    unlinked(): { devices: number; exploited: number } {
      const devices = checked().filter((d) => !d.vendorId);
      return { devices: devices.length, exploited: postureOf(devices)['kev-exploited']?.fail ?? 0 };
    },

    /**
     * The distinct model + firmware of a vendor's devices with how many run each, most
     * devices first (the pairs an SBOM can be asked for); devices without a model are left out.
     */
    vendorModels(vendorId: string): { model: string; firmware: string | null; devices: number }[] {
      const pairs = new Map<string, { model: string; firmware: string | null; devices: number }>();
      for (const d of current().byVendor.get(vendorId)?.devices ?? []) {
        const model = d.device.model?.trim();
        if (!model) continue;
        const firmware = d.device.firmwareVersion?.trim() || null;
        const key = `${model.toLowerCase()}\u0000${(firmware ?? '').toLowerCase()}`;
        const entry = pairs.get(key);
        if (entry) entry.devices += 1;
        else pairs.set(key, { model, firmware, devices: 1 });
      }
      return [...pairs.values()].sort(
        (a, b) =>
          b.devices - a.devices ||
          a.model.localeCompare(b.model) ||
          (a.firmware ?? '').localeCompare(b.firmware ?? ''),
      );
    },

    /** A vendor's device posture, or null when no device is linked to it (for scoring). */
    vendorPosture(vendorId: string): Posture | null {
      return postureIn(current(), vendorId);
    },

    /**
     * Vendors' device postures as the index stands now, its version checked once: for scoring
     * many vendors in one transaction (on a team database the check is two queries).
     */
    postures(): (vendorId: string) => Posture | null {
      const now = current();
      return (vendorId) => postureIn(now, vendorId);
    },

    /** Every device with its open findings, as formula-safe CSV. */
    exportCsv(): { csv: string; rows: number } {
      const rows = checked().map((d) => [
        d.source,
        ...DEVICE_FIELDS.map((f) => d.device[f] ?? ''),
        d.device.category ? DEVICE_CATEGORY_LABELS[d.device.category] : '',
        d.device.statusLabel ?? '',
        d.open.join('; '),
        d.accepted.join('; '),
      ]);
      const csv = toCsv(
        [
          'Source',
          ...DEVICE_FIELDS.map((f) => DEVICE_FIELD_LABELS[f]),
          'Category',
          'Status in the source',
          'Open findings',
          'Accepted findings',
        ],
        rows,
      );
      return { csv, rows: rows.length };
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
