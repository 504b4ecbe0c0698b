/**
 * What the matches mean to a reader: per vendor (vulnerable devices, catalogued ones, the
 * oldest unpatched advisory), per maker (devices running exploited firmware), per advisory
 * (which of our devices it touches and what to do), and the open flaws a vendor's promises
 * are held against. Pure: matches and advisories in, figures out.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../primitives';
import { daysBetween } from '../days';
import {
  MATCH_CONFIDENCES,
  type Advisory,
  type AdvisoryVulnerability,
  type DeviceVulnerability,
  type Remediation,
} from './model';
import type { OpenVulnerability } from './cross-check';
import { oldestUnpatched, type OpenMatch } from './match-rollup';

/** Matches that count: those no VEX statement suppresses. */
export const active = <T extends DeviceVulnerability>(matches: readonly T[]): T[] =>
  matches.filter((m) => !m.suppressedBy);

/** One CVE as a vendor's page lists it. */
export const CveLineSchema = z
  .object({
    cve: z.string(),
    advisoryId: z.string(),
    title: z.string(),
    cvss: z.number().nullable(),
    inKev: z.boolean(),
    ransomware: z.boolean(),
    devices: z.number().int(),
    fix: z.string().nullable(),
    released: IsoDateSchema.nullable(),
  })
  .strict();
export type CveLine = z.infer<typeof CveLineSchema>;

/** The vulnerability picture of one vendor's devices. */
export const VendorVulnerabilitySummarySchema = z
  .object({
    /** Devices with at least one unsuppressed match. */
    devices: z.number().int(),
    /** Devices running firmware with a catalogued (known exploited) flaw. */
    kevDevices: z.number().int(),
    highestCvss: z.number().nullable(),
    /** The advisory released longest ago that still affects an active device (match-rollup's oldestUnpatched), with its age in days. */
    oldest: z
      .object({ advisoryId: z.string(), title: z.string(), released: IsoDateSchema, days: z.number().int() })
      .strict()
      .nullable(),
    /** Matches a VEX statement suppressed, shown apart. */
    suppressed: z.number().int(),
    /** One line per CVE: catalogued first, then by score. */
    cves: z.array(CveLineSchema),
  })
  .strict();
export type VendorVulnerabilitySummary = z.infer<typeof VendorVulnerabilitySummarySchema>;

/** Summarises one vendor's matches (already limited to that vendor's devices). */
export function vendorVulnerabilitySummary(
  matches: readonly (DeviceVulnerability & OpenMatch)[],
  advisories: ReadonlyMap<string, Advisory>,
  today: string,
): VendorVulnerabilitySummary {
  const live = active(matches);
  const byCve = new Map<string, { m: DeviceVulnerability; devices: Set<string> }>();
  for (const m of live) {
    const line = byCve.get(m.cve) ?? { m, devices: new Set<string>() };
    line.devices.add(m.deviceId);
    byCve.set(m.cve, line);
  }
  const open = oldestUnpatched(matches);
  const cves: CveLine[] = [...byCve.values()].map(({ m, devices }) => {
    const a = advisories.get(m.advisoryId);
    return {
      cve: m.cve,
      advisoryId: m.advisoryId,
      title: a?.vulnerabilities.find((v) => v.cve === m.cve)?.title || a?.title || m.cve,
      cvss: m.cvss,
      inKev: m.inKev,
      ransomware: m.ransomware,
      devices: devices.size,
      fix: m.fix,
      released: a?.releaseDate ?? null,
    };
  });
  cves.sort(
    (x, y) =>
      Number(y.inKev) - Number(x.inKev) ||
      (y.cvss ?? -1) - (x.cvss ?? -1) ||
      y.devices - x.devices ||
      x.cve.localeCompare(y.cve),
  );
  const scores = live.map((m) => m.cvss).filter((s): s is number => s !== null);
  return {
    devices: new Set(live.map((m) => m.deviceId)).size,
    kevDevices: new Set(live.filter((m) => m.inKev).map((m) => m.deviceId)).size,
    highestCvss: highest(scores),
    oldest: open && {
      advisoryId: open.advisoryId,
      title: advisories.get(open.advisoryId)?.title ?? open.advisoryId,
      released: open.date,
      days: daysBetween(open.date, today),
    },
    suppressed: matches.length - live.length,
    cves,
  };
}

/** Devices running firmware with a catalogued flaw, counted by maker, most first. */
export function kevDevicesByMaker(
  matches: readonly DeviceVulnerability[],
  makerOf: (deviceId: string) => string | null,
): { maker: string; devices: number; cves: string[] }[] {
  const makers = new Map<string, { devices: Set<string>; cves: Set<string> }>();
  for (const m of active(matches)) {
    if (!m.inKev) continue;
    const maker = makerOf(m.deviceId) ?? 'Unknown maker';
    const entry = makers.get(maker) ?? { devices: new Set(), cves: new Set() };
    entry.devices.add(m.deviceId);
    entry.cves.add(m.cve);
    makers.set(maker, entry);
  }
  return [...makers.entries()]
    .map(([maker, e]) => ({ maker, devices: e.devices.size, cves: [...e.cves].sort() }))
    .sort((a, b) => b.devices - a.devices || a.maker.localeCompare(b.maker));
}

/** The first remediation of a category that covers any of the products. */
function remediationFor(
  v: AdvisoryVulnerability,
  categories: readonly Remediation['category'][],
): Remediation | null {
  for (const category of categories) {
    const r = v.remediations.find((x) => x.category === category);
    if (r) return r;
  }
  return null;
}

/**
 * The open flaws of one vendor's devices as its promises are held against them: per CVE,
 * when the advisory appeared, when a fix and a mitigation did (a remediation's own date,
 * else the advisory's, which is when the vendor's word was published), since when it is
 * catalogued, and the devices still exposed with their firmware and last firmware update.
 * Only sure matches count: active devices whose model and firmware version matched.
 */
export function openVulnerabilities(
  matches: readonly (DeviceVulnerability & OpenMatch)[],
  advisories: ReadonlyMap<string, Advisory>,
  deviceOf: (deviceId: string) => { firmware: string | null; lastUpdate: string | null } | null,
): OpenVulnerability[] {
  const byCve = new Map<string, OpenVulnerability>();
  for (const m of active(matches)) {
    if (!m.active || m.confidence !== 'exact') continue;
    const a = advisories.get(m.advisoryId);
    if (!a) continue;
    let open = byCve.get(m.cve);
    if (!open) {
      const v = a.vulnerabilities.find((x) => x.cve === m.cve);
      const fix = v ? remediationFor(v, ['vendor_fix']) : null;
      const mitigation = v ? remediationFor(v, ['mitigation', 'workaround']) : null;
      open = {
        cve: m.cve,
        advisoryId: a.trackingId,
        released: a.releaseDate,
        fixedVersion: m.fixedVersion ?? fix?.fixedVersion ?? null,
        fixDate: fix ? (fix.date ?? a.releaseDate) : null,
        mitigationDate: mitigation ? (mitigation.date ?? a.releaseDate) : null,
        inKev: m.inKev,
        kevDateAdded: m.kevDateAdded,
        devices: [],
      };
      byCve.set(m.cve, open);
    }
    if (!open.devices.some((d) => d.deviceId === m.deviceId)) {
      const d = deviceOf(m.deviceId);
      open.devices.push({
        deviceId: m.deviceId,
        firmware: d?.firmware ?? null,
        lastUpdate: d?.lastUpdate ?? null,
      });
    }
  }
  return [...byCve.values()];
}

/** One group of our devices an advisory touches: same model and firmware. */
export const AffectedGroupSchema = z
  .object({
    model: z.string().nullable(),
    firmware: z.string().nullable(),
    devices: z.array(z.string()),
    cves: z.array(z.string()),
    confidence: z.enum(MATCH_CONFIDENCES),
    fix: z.string().nullable(),
  })
  .strict();
export type AffectedGroup = z.infer<typeof AffectedGroupSchema>;

/**
 * What an advisory means for us: our affected devices grouped by model and firmware (the
 * least certain confidence of the group shown), and the ones a VEX statement suppressed.
 */
export function advisoryImpact(
  advisoryId: string,
  matches: readonly DeviceVulnerability[],
  deviceOf: (deviceId: string) => { model: string | null; firmware: string | null } | null,
): { groups: AffectedGroup[]; devices: number; suppressed: number } {
  const mine = matches.filter((m) => m.advisoryId === advisoryId);
  const live = active(mine);
  const rank = { exact: 0, 'version-unknown': 1, 'fuzzy-name': 2 } as const;
  const groups = new Map<string, AffectedGroup>();
  for (const m of live) {
    const d = deviceOf(m.deviceId);
    const key = `${d?.model ?? ''}\u0000${d?.firmware ?? ''}`;
    const g = groups.get(key) ?? {
      model: d?.model ?? null,
      firmware: d?.firmware ?? null,
      devices: [],
      cves: [],
      confidence: m.confidence,
      fix: m.fix,
    };
    if (!g.devices.includes(m.deviceId)) g.devices.push(m.deviceId);
    if (!g.cves.includes(m.cve)) g.cves.push(m.cve);
    if (rank[m.confidence] > rank[g.confidence]) g.confidence = m.confidence;
    groups.set(key, g);
  }
  return {
    groups: [...groups.values()].sort(
      (a, b) => b.devices.length - a.devices.length || (a.model ?? '').localeCompare(b.model ?? ''),
    ),
    devices: new Set(live.map((m) => m.deviceId)).size,
    suppressed: new Set(mine.filter((m) => m.suppressedBy).map((m) => m.deviceId)).size,
  };
}

/** One advisory as the advisories list shows it. */
export const AdvisoryRowSchema = z
  .object({
    trackingId: z.string(),
    title: z.string(),
    publisher: z.string(),
    releaseDate: IsoDateSchema,
    /** The makers its product tree names. */
    makers: z.array(z.string()),
    cves: z.array(z.string()),
    highestCvss: z.number().nullable(),
    /** Some of its CVEs are in the exploited catalog. */
    inKev: z.boolean(),
    /** Our devices it affects (no VEX statement suppressing). */
    devices: z.number().int(),
  })
  .strict();
export type AdvisoryRow = z.infer<typeof AdvisoryRowSchema>;

/**
 * The advisories as a list: those touching most of our devices first, then catalogued,
 * then newest. `kevCves` is the set of CVEs in the exploited catalog.
 */
export function advisoryRows(
  advisories: readonly Advisory[],
  matches: readonly DeviceVulnerability[],
  kevCves: ReadonlySet<string>,
): AdvisoryRow[] {
  const devices = new Map<string, Set<string>>();
  for (const m of active(matches)) {
    const set = devices.get(m.advisoryId) ?? new Set<string>();
    set.add(m.deviceId);
    devices.set(m.advisoryId, set);
  }
  return advisories
    .map((a) => {
      const cves = a.vulnerabilities.map((v) => v.cve).filter((c): c is string => !!c);
      const scores = a.vulnerabilities.map((v) => v.cvss?.score).filter((s): s is number => s !== undefined);
      return {
        trackingId: a.trackingId,
        title: a.title,
        publisher: a.publisher,
        releaseDate: a.releaseDate,
        makers: [...new Set(a.products.map((p) => p.vendor).filter(Boolean))].sort(),
        cves,
        highestCvss: highest(scores),
        inKev: cves.some((c) => kevCves.has(c)),
        devices: devices.get(a.trackingId)?.size ?? 0,
      };
    })
    .sort(
      (x, y) =>
        y.devices - x.devices ||
        Number(y.inKev) - Number(x.inKev) ||
        y.releaseDate.localeCompare(x.releaseDate) ||
        x.trackingId.localeCompare(y.trackingId),
    );
}

/**
 * The highest of the scores, or null when there are none. A loop: one score per exposed
 * device, and spreading hundreds of thousands into Math.max overflows the stack.
 */
function highest(scores: readonly number[]): number | null {
  let top: number | null = null;
  for (const score of scores) if (top === null || score > top) top = score;
  return top;
}
