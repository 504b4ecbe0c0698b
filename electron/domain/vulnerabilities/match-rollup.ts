/**
 * Matches rolled up: per device, what its vulnerability checks say; per vendor, the
 * knockout (an active device runs firmware affected by a KEV-listed CVE that no VEX
 * statement suppresses) and the high flag (other matches with CVSS 9 or more), in words
 * that say whether a fix exists and since when.
 */
import type { DeviceVulnerabilityRow } from './match-api';

/** What a device's matches say for its two checks: fail (sure), unknown (unsure), or pass. */
export interface DeviceVulnerabilitySummary {
  kev: 'fail' | 'unknown' | 'pass';
  critical: 'fail' | 'unknown' | 'pass';
}

/** The CVSS from which a match raises the high flag. */
export const CRITICAL_CVSS = 9;

const isKev = (r: DeviceVulnerabilityRow) => r.inKev && r.suppressedBy === null;
const isCritical = (r: DeviceVulnerabilityRow) =>
  !r.inKev && r.suppressedBy === null && r.cvss !== null && r.cvss >= CRITICAL_CVSS;

/**
 * A device's checks from its matches: an exact match fails the check; a match whose
 * version or name is unsure leaves it unknown; no match passes it.
 */
export function summarise(rows: readonly DeviceVulnerabilityRow[]): DeviceVulnerabilitySummary {
  const judge = (pick: (r: DeviceVulnerabilityRow) => boolean) => {
    const hits = rows.filter(pick);
    return hits.some((r) => r.confidence === 'exact') ? 'fail' : hits.length ? 'unknown' : 'pass';
  };
  return { kev: judge(isKev), critical: judge(isCritical) };
}

/** A red flag of a vendor's devices, with the devices and CVEs behind it. */
export interface VulnerabilityFlag {
  severity: 'critical' | 'high';
  knockout: boolean;
  message: string;
  devices: number;
  cves: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Per CVE, in words: "CVE-… (in KEV since …): fixed in V2.4 since 2024-03-12" or "no vendor fix". */
function cveWords(rows: readonly DeviceVulnerabilityRow[], kev: boolean): string {
  const r = rows[0]!;
  const fix = rows.find((x) => x.fixDate !== null);
  const since =
    kev && r.kevDateAdded
      ? ` (in KEV since ${r.kevDateAdded}${r.ransomware ? ', used by ransomware' : ''})`
      : '';
  const cvss = !kev && r.cvss !== null ? ` (CVSS ${r.cvss})` : '';
  const fixText = fix
    ? `a fix exists${fix.fixedVersion ? ` (${fix.fixedVersion})` : ''} since ${fix.fixDate}`
    : rows.some((x) => x.fix)
      ? 'no vendor fix, only a mitigation'
      : 'no fix is known';
  return `${r.cve}${since}${cvss}: ${fixText}`;
}

/** One flag from the sure matches picked, or null. */
function flag(rows: readonly DeviceVulnerabilityRow[], kev: boolean): VulnerabilityFlag | null {
  const sure = rows.filter((r) => r.active && r.confidence === 'exact' && (kev ? isKev(r) : isCritical(r)));
  if (!sure.length) return null;
  const byCve = new Map<string, DeviceVulnerabilityRow[]>();
  for (const r of sure) {
    const list = byCve.get(r.cve);
    if (list) list.push(r);
    else byCve.set(r.cve, [r]);
  }
  const devices = new Set(sure.map((r) => `${r.source}\u0000${r.deviceId}`)).size;
  const cves = [...byCve.keys()].sort();
  const shown = cves.slice(0, 3).map((c) => cveWords(byCve.get(c)!, kev));
  const more = cves.length > 3 ? `; and ${cves.length - 3} more` : '';
  return {
    severity: kev ? 'critical' : 'high',
    knockout: kev,
    message: `Devices: ${plural(devices, 'active device runs', 'active devices run')} firmware ${
      kev ? 'with a known exploited vulnerability' : 'with a critical vulnerability'
    } — ${shown.join('; ')}${more}`,
    devices,
    cves,
  };
}

/** A vendor's red flags from its devices' matches: the KEV knockout and the critical-CVSS high flag. */
export function vendorVulnerabilityFlags(rows: readonly DeviceVulnerabilityRow[]): VulnerabilityFlag[] {
  return [flag(rows, true), flag(rows, false)].filter((f): f is VulnerabilityFlag => f !== null);
}

/** What {@link oldestUnpatched} reads of a match. */
export type OpenMatch = Pick<
  DeviceVulnerabilityRow,
  'active' | 'suppressedBy' | 'confidence' | 'advisoryId' | 'advisoryDate'
>;

/**
 * The oldest advisory still affecting an active device (not suppressed by VEX, matched by
 * a name surer than a fuzzy one), or null: the one rule for the vendor's flags, its page
 * and the CLI.
 */
export function oldestUnpatched(rows: readonly OpenMatch[]): { advisoryId: string; date: string } | null {
  let oldest: OpenMatch | null = null;
  for (const r of rows)
    if (
      r.active &&
      r.suppressedBy === null &&
      r.confidence !== 'fuzzy-name' &&
      (!oldest || r.advisoryDate < oldest.advisoryDate)
    )
      oldest = r;
  return oldest && { advisoryId: oldest.advisoryId, date: oldest.advisoryDate };
}
