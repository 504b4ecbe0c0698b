/**
 * The matching engine: devices × advisories (and the SBOMs of their models), joined to the
 * known-exploited catalog, with VEX applied last. Advisory products are indexed by their
 * maker and the words of their names once; a device looks up only the products sharing a
 * word with its model, and devices of the same maker, model and firmware share one answer.
 */
import type { KevEntry, VulnerabilitySources } from './model';
import type { DeviceVulnerabilityRow, MatchDevice } from './match-api';
import { lookupWords, matchProductName, prepareName, type PreparedName } from './product-name';
import { sameVendor, vendorBucket, vendorKey } from './vendor-name';
import { versionInRange } from './version';
import {
  CONFIDENCE_RANK,
  indexProducts,
  template,
  type ProductIndex,
  type ProductRef,
  type Template,
} from './match-index';
import { sbomMatches } from './match-sbom';
import { vexIndex } from './match-vex';

/** The products a device's maker and model may be: those sharing a word with the model. */
function candidates(index: ProductIndex, makers: readonly string[], model: PreparedName): ProductRef[] {
  const found = new Set<ProductRef>();
  const words = lookupWords(model);
  for (const maker of makers) {
    const bucket = index.byBucket.get(vendorBucket(maker));
    if (!bucket) continue;
    const take = (r: ProductRef) => {
      if (sameVendor(r.vendor, maker)) found.add(r);
    };
    for (const w of words) bucket.words.get(w)?.forEach(take);
    bucket.patterned.forEach(take);
  }
  return [...found];
}

/** A device's matches against the advisories, before VEX: one per CVE, the surest kept. */
function matchModel(
  index: ProductIndex,
  kev: Map<string, KevEntry>,
  makers: readonly string[],
  manufacturer: string,
  model: PreparedName,
  firmware: string | null,
): Template[] {
  const best = new Map<string, Template>();
  const cleared = new Set<string>();
  for (const ref of candidates(index, makers, model)) {
    const name = matchProductName(model, ref.name);
    if (!name) continue;
    const range = ref.product.range ?? ref.product.version;
    const inRange = versionInRange(firmware, range);
    if (inRange === 'no') continue;
    for (const { vuln, status } of ref.statuses) {
      const key = `${ref.advisory.trackingId}\u0000${vuln.cve ?? vuln.title}`;
      if (status !== 'affected') {
        // The advisory says this version is fixed or not affected: no match from it.
        if (name.level !== 'fuzzy' && inRange === 'yes' && firmware !== null) cleared.add(key);
        continue;
      }
      const confidence =
        name.level === 'fuzzy'
          ? 'fuzzy-name'
          : inRange === 'yes' && firmware !== null
            ? 'exact'
            : 'version-unknown';
      const why = [
        `manufacturer "${manufacturer}" ~ vendor "${ref.product.vendor || ref.advisory.publisher}" (${ref.advisory.trackingId})`,
        name.why,
        firmware === null
          ? 'no firmware version recorded: version unknown'
          : inRange === 'yes'
            ? range === null || /^(vers:all\/\*|all versions?|\*)$/i.test(range.trim())
              ? `firmware ${firmware}: all versions affected`
              : `firmware ${firmware} in "${range}"`
            : `range "${range ?? ''}" not understood: version unknown`,
      ];
      const t = template(
        { advisory: ref.advisory, productId: ref.product.productId },
        vuln,
        kev,
        confidence,
        why,
        'inventory',
        null,
      );
      const before = best.get(key);
      if (!before || CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[before.confidence]) best.set(key, t);
    }
  }
  return dedupeByCve([...best].filter(([k]) => !cleared.has(k)).map(([, t]) => t));
}

/** One match per CVE: the surest, then the newest advisory; a fuzzy name only when nothing surer matched. */
function dedupeByCve(list: Template[]): Template[] {
  const byCve = new Map<string, Template>();
  for (const t of list) {
    const b = byCve.get(t.cve);
    if (
      !b ||
      CONFIDENCE_RANK[t.confidence] < CONFIDENCE_RANK[b.confidence] ||
      (t.confidence === b.confidence && t.advisoryDate > b.advisoryDate)
    )
      byCve.set(t.cve, t);
  }
  return [...byCve.values()];
}

/** What matching read and found. */
export interface MatchResult {
  rows: DeviceVulnerabilityRow[];
  devices: number;
  suppressed: number;
}

/**
 * Every device's known vulnerabilities: each device matched against the advisories by maker,
 * model and firmware, and through the SBOM of its model and firmware; the catalog joined;
 * VEX statements of the device's vendor applied last (a suppressed match is kept, marked).
 * A device without firmware matches as "version unknown", never as not affected.
 */
export function matchDevices(devices: Iterable<MatchDevice>, sources: VulnerabilitySources): MatchResult {
  const index = indexProducts(sources.advisories);
  const kev = new Map(sources.kev.map((k) => [k.cve, k]));
  const sboms = sbomMatches(sources, index, kev);
  const vex = vexIndex(sources.vex);
  const cache = new Map<string, Template[]>();
  const names = new Map<string, PreparedName>();
  const rows: DeviceVulnerabilityRow[] = [];
  let count = 0;
  let suppressed = 0;
  for (const d of devices) {
    count++;
    const makers = [d.manufacturer, d.vendorName]
      .filter((m): m is string => !!m)
      .map(vendorKey)
      .filter(Boolean);
    let found: Template[] = [];
    if (makers.length && d.model) {
      const key = `${makers.join('\u0001')}\u0000${d.model}\u0000${d.firmware ?? ''}`;
      let cached = cache.get(key);
      if (!cached) {
        let model = names.get(d.model);
        if (!model) names.set(d.model, (model = prepareName(d.model)));
        cached = matchModel(index, kev, makers, d.manufacturer ?? d.vendorName ?? '', model, d.firmware);
        cache.set(key, cached);
      }
      found = cached;
    }
    const fromSbom: Template[] = d.vendorId ? sboms.forDevice(d) : [];
    const seen = new Set(found.map((t) => t.cve));
    for (const t of [...found, ...fromSbom.filter((t) => !seen.has(t.cve))]) {
      const { component, ...rest } = t;
      const suppressedBy = vex.suppression(d, t.cve, component);
      if (suppressedBy) suppressed++;
      rows.push({
        ...rest,
        why: [...rest.why],
        deviceId: d.deviceId,
        source: d.source,
        vendorId: d.vendorId,
        active: d.active,
        suppressedBy,
      });
    }
  }
  return { rows, devices: count, suppressed };
}
