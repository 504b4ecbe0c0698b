import { matchDevices } from '../domain/vulnerabilities/match';
import type { DeviceVulnerabilityRow, MatchDevice, MatchRun } from '../domain/vulnerabilities/match-api';
import { oldestUnpatched, vendorVulnerabilityFlags } from '../domain/vulnerabilities/match-rollup';
import { AppError } from '../domain/errors';
import { NO_JOB, type JobContext, type ServiceContext } from './context';
import { loadVulnerabilitySources, type MatchInputs } from './vulnerability-sources';

/** Stored devices read per page while matching. */
const PAGE = 5_000;

/**
 * Devices' known vulnerabilities: `rematch` runs the matcher over every device and the
 * sources, and replaces the stored results in one transaction; it runs in the data host
 * (off the window's and the app's main thread), after device imports and link changes, and
 * whenever the advisories, the catalog, SBOMs or VEX change (their importers call it).
 */
export function createVulnerabilityService(
  ctx: ServiceContext,
  options: { inputs?: (ctx: ServiceContext) => MatchInputs } = {},
) {
  const { storage } = ctx;
  const inputs = options.inputs ?? loadVulnerabilitySources;

  /** Every stored device as the matcher reads it, a page at a time. */
  function* devices(links: MatchInputs['links'], job: JobContext): Generator<MatchDevice> {
    const total = storage.devices.count();
    let read = 0;
    for (let after = 0; ;) {
      const page = storage.devices.page(after, PAGE);
      if (page.length === 0) return;
      if (job.signal.aborted)
        throw new AppError('CANCELLED', 'Matching was cancelled; the earlier results stay');
      for (const { source, device, manufacturerKey } of page) {
        const link = manufacturerKey ? links.get(manufacturerKey) : undefined;
        yield {
          source,
          deviceId: device.deviceId,
          manufacturer: device.manufacturer,
          model: device.model,
          firmware: device.firmwareVersion,
          vendorId: link?.vendorId ?? null,
          vendorName: link?.vendorName ?? null,
          active: device.status !== 'spare' && device.status !== 'decommissioned',
        };
      }
      read += page.length;
      job.progress(read, total, 'Matching devices against advisories');
      after = page[page.length - 1]!.rowid;
    }
  }

  return {
    /** Matches every device against the sources again and stores the result (derived: no audit entry). */
    rematch(job: JobContext = NO_JOB): MatchRun {
      const started = performance.now();
      const { sources, links } = inputs(ctx);
      // Without advisories nothing can match: the devices are counted, not read (a million
      // of them after an import would hold the data host for seconds).
      const result = sources.advisories.length
        ? matchDevices(devices(links, job), sources)
        : { rows: [], devices: storage.devices.count(), suppressed: 0 };
      const run: MatchRun = {
        at: ctx.now().toISOString(),
        devices: result.devices,
        advisories: sources.advisories.length,
        kevEntries: sources.kev.length,
        matches: result.rows.length,
        suppressed: result.suppressed,
        durationMs: Math.round(performance.now() - started),
      };
      storage.transaction(() => storage.vulnerabilities.replace(ctx.newId(), run, result.rows));
      return run;
    },

    /** The last run, or null before the first. */
    lastRun: () => storage.vulnerabilities.lastRun(),

    /** One row per device and CVE, of one vendor's devices or all, KEV-listed only when asked. */
    list(q: {
      vendorId: string | null;
      kev: boolean;
      device?: { source: string; deviceId: string } | null;
      offset: number;
      limit: number;
    }) {
      const rows = q.device
        ? storage.vulnerabilities
            .forDevice(q.device.source, q.device.deviceId)
            .filter((r) => (!q.kev || r.inKev) && (q.vendorId === null || r.vendorId === q.vendorId))
        : storage.vulnerabilities.list(q);
      const last = storage.vulnerabilities.lastRun();
      return {
        run: last && {
          at: last.at,
          devices: last.devices,
          advisories: last.advisories,
          kevEntries: last.kevEntries,
          matches: last.matches,
          suppressed: last.suppressed,
          durationMs: last.durationMs,
        },
        total: rows.length,
        kevDevices: new Set(
          rows.filter((r) => r.inKev && !r.suppressedBy).map((r) => `${r.source}\u0000${r.deviceId}`),
        ).size,
        rows: rows.slice(q.offset, q.offset + q.limit),
      };
    },

    /** A vendor's red flags from its devices' matches, and its oldest advisory still open. */
    vendor(vendorId: string) {
      const rows = storage.vulnerabilities.list({ vendorId, kev: false });
      return {
        flags: vendorVulnerabilityFlags(rows),
        oldestUnpatched: oldestUnpatched(rows),
        devices: new Set(rows.filter((r) => !r.suppressedBy).map((r) => `${r.source}\u0000${r.deviceId}`))
          .size,
      };
    },

    /** The manufacturer-to-vendor links matching goes by, with the vendors' names, by manufacturer. */
    links: () =>
      storage.devices
        .links()
        .map((l) => ({ ...l, vendorName: storage.vendors.get(l.vendorId)?.name ?? l.vendorId }))
        .sort((a, b) => a.manufacturer.localeCompare(b.manufacturer)),

    /** The rows of one device. */
    forDevice: (source: string, deviceId: string): DeviceVulnerabilityRow[] =>
      storage.vulnerabilities.forDevice(source, deviceId),
  };
}

export type VulnerabilityService = ReturnType<typeof createVulnerabilityService>;
