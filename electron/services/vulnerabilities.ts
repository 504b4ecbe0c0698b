import { createMatcher } from '../domain/vulnerabilities/match';
import type { DeviceVulnerabilityRow, MatchDevice, MatchRun } from '../domain/vulnerabilities/match-api';
import { oldestUnpatched, vendorVulnerabilityFlags } from '../domain/vulnerabilities/match-rollup';
import { AppError } from '../domain/errors';
import { NO_JOB, type JobContext, type ServiceContext } from './context';
import { loadVulnerabilitySources, type MatchInputs } from './vulnerability-sources';

/** Stored devices read, matched and their matches written per page. */
const PAGE = 5_000;

/**
 * Devices' known vulnerabilities: `rematch` runs the matcher over every device and the
 * sources, and replaces the stored results in one transaction; it runs in the data host
 * (off the window's and the app's main thread), after device imports and link changes, and
 * whenever the advisories, the catalog, SBOMs or VEX change (their importers call it).
 */
export function createVulnerabilityService(
  ctx: ServiceContext,
  options: { inputs?: (ctx: ServiceContext) => MatchInputs; pageSize?: number } = {},
) {
  const { storage } = ctx;
  const inputs = options.inputs ?? loadVulnerabilitySources;
  const pageSize = options.pageSize ?? PAGE;

  /** A stored device as the matcher reads it. */
  const asMatched = (
    { source, device, manufacturerKey }: ReturnType<typeof storage.devices.page>[number],
    links: MatchInputs['links'],
  ): MatchDevice => {
    const link = manufacturerKey ? links.get(manufacturerKey) : undefined;
    return {
      source,
      deviceId: device.deviceId,
      manufacturer: device.manufacturer,
      model: device.model,
      firmware: device.firmwareVersion,
      vendorId: link?.vendorId ?? null,
      vendorName: link?.vendorName ?? null,
      active: device.status !== 'spare' && device.status !== 'decommissioned',
    };
  };

  return {
    /**
     * Matches every device against the sources again and stores the result (derived: no
     * audit entry). A page of devices is read, matched and its matches written before the
     * next is read, all in one transaction: memory holds one page and what devices share,
     * not every device or every match; a cancel rolls back and the earlier results stay.
     * Right after an import (`afterImport`), the pages the import wrote are left in the
     * write-ahead log for the import's connection to move into the file after it has
     * answered: moving them here held the import's answer up by about 0.8 s for a million
     * devices (docs/decisions.md, "The million-row import after the data host").
     */
    rematch(job: JobContext = NO_JOB, { afterImport = false }: { afterImport?: boolean } = {}): MatchRun {
      const started = performance.now();
      const { sources, links } = inputs(ctx);
      const total = storage.devices.count();
      const found = { devices: 0, matches: 0, suppressed: 0 };
      const matchAll = () =>
        storage.transaction(() => {
          storage.vulnerabilities.clear();
          // Without advisories nothing can match: the devices are counted, not read (a million
          // of them after an import would hold the data host for seconds).
          if (sources.advisories.length) {
            const matcher = createMatcher(sources);
            for (let after = 0; ;) {
              const page = storage.devices.page(after, pageSize);
              if (page.length === 0) break;
              if (job.signal.aborted)
                throw new AppError('CANCELLED', 'Matching was cancelled; the earlier results stay');
              const result = matcher.match(page.map((d) => asMatched(d, links)));
              storage.vulnerabilities.append(result.rows);
              found.devices += result.devices;
              found.matches += result.rows.length;
              found.suppressed += result.suppressed;
              job.progress(found.devices, total, 'Matching devices against advisories');
              after = page[page.length - 1]!.rowid;
            }
          } else found.devices = total;
          const run: MatchRun = {
            at: ctx.now().toISOString(),
            devices: found.devices,
            advisories: sources.advisories.length,
            kevEntries: sources.kev.length,
            matches: found.matches,
            suppressed: found.suppressed,
            durationMs: Math.round(performance.now() - started),
          };
          storage.vulnerabilities.recordRun(ctx.newId(), run);
          return run;
        });
      return afterImport ? storage.leavingCheckpoint(matchAll) : matchAll();
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
