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
import { inRange as inRangeOf, parseRange, parseVersion, type VersionRange } from './version';
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

/** The products a device's maker and model may be: those of its makers sharing a word with the model. */
function candidates(index: ProductIndex, vendors: readonly string[], model: PreparedName): ProductRef[] {
  const found = new Set<ProductRef>();
  const words = lookupWords(model);
  for (const vendor of vendors) {
    const entry = index.byVendor.get(vendor)!;
    for (const w of words) entry.words.get(w)?.forEach((r) => found.add(r));
    entry.patterned.forEach((r) => found.add(r));
  }
  return [...found];
}

/** The advisories' makers a device's makers are ("schneider" → "schneider electric"). */
function vendorsOf(index: ProductIndex, makers: readonly string[]): string[] {
  const out = new Set<string>();
  for (const maker of makers)
    for (const key of index.byBucket.get(vendorBucket(maker)) ?? []) if (sameVendor(key, maker)) out.add(key);
  return [...out];
}

/** A model's name matches among the products of its makers (what does not depend on the firmware). */
type Named = { ref: ProductRef; name: NonNullable<ReturnType<typeof matchProductName>> }[];

function namedProducts(index: ProductIndex, vendors: readonly string[], model: PreparedName): Named {
  const out: Named = [];
  for (const ref of candidates(index, vendors, model)) {
    const name = matchProductName(model, ref.name);
    if (name) out.push({ ref, name });
  }
  return out;
}

/** A product's range, read once: null when it cannot be read. */
const rangeOf = (ref: ProductRef): VersionRange | null => {
  if (ref.range === undefined) {
    const text = ref.product.range ?? ref.product.version;
    ref.range = text === null ? null : parseRange(text);
  }
  return ref.range;
};

/** A device's matches against the advisories, before VEX: one per CVE, the surest kept. */
function matchModel(
  kev: Map<string, KevEntry>,
  named: Named,
  manufacturer: string,
  firmware: string | null,
): Template[] {
  const best = new Map<string, { confidence: Template['confidence']; make: () => Template }>();
  const cleared = new Set<string>();
  const version = firmware === null ? null : parseVersion(firmware);
  for (const { ref, name } of named) {
    const range = rangeOf(ref);
    const inRange =
      range === null
        ? 'unknown'
        : range.kind === 'all'
          ? 'yes'
          : version === null
            ? 'unknown'
            : inRangeOf(version, range)
              ? 'yes'
              : 'no';
    if (inRange === 'no') continue;
    for (const { vuln, status } of ref.statuses) {
      const key = `${ref.advisory.trackingId}\u0000${vuln.cve ?? vuln.title}`;
      if (status !== 'affected') {
        // The advisory says this version is fixed or not affected: no match from it.
        if (name.level !== 'fuzzy' && inRange === 'yes' && version !== null) cleared.add(key);
        continue;
      }
      const confidence =
        name.level === 'fuzzy'
          ? 'fuzzy-name'
          : inRange === 'yes' && version !== null
            ? 'exact'
            : 'version-unknown';
      const before = best.get(key);
      if (before && CONFIDENCE_RANK[confidence] >= CONFIDENCE_RANK[before.confidence]) continue;
      const text = ref.product.range ?? ref.product.version;
      const why = () => [
        `manufacturer "${manufacturer}" ~ vendor "${ref.product.vendor || ref.advisory.publisher}" (${ref.advisory.trackingId})`,
        name.why,
        firmware === null
          ? 'no firmware version recorded: version unknown'
          : range?.kind === 'all'
            ? `firmware ${firmware}: all versions affected`
            : inRange === 'yes'
              ? `firmware ${firmware} in "${text}"`
              : range === null
                ? `range "${text ?? ''}" not understood: version unknown`
                : `firmware "${firmware}" not understood: version unknown`,
      ];
      best.set(key, {
        confidence,
        make: () =>
          template(
            { advisory: ref.advisory, productId: ref.product.productId },
            vuln,
            kev,
            confidence,
            why(),
            'inventory',
            null,
          ),
      });
    }
  }
  return dedupeByCve([...best].filter(([k]) => !cleared.has(k)).map(([, t]) => t.make()));
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

/** A matcher over one set of sources, fed devices a page at a time. */
export interface Matcher {
  /** The matches of these devices (the sources indexed and the names read once, across calls). */
  match(devices: Iterable<MatchDevice>): MatchResult;
}

/**
 * A matcher over the sources: the advisories indexed once, then each page of devices
 * matched against them by maker, model and firmware, and through the SBOM of its model and
 * firmware; the catalog joined; VEX statements of the device's vendor applied last (a
 * suppressed match is kept, marked). What devices share (a maker's name, a model's
 * candidate products, a firmware's matches) is kept across pages, so paging changes nothing
 * in the result. A device without firmware matches as "version unknown", never as not affected.
 */
export function createMatcher(sources: VulnerabilitySources): Matcher {
  const index = indexProducts(sources.advisories);
  const kev = new Map(sources.kev.map((k) => [k.cve, k]));
  const sboms = sbomMatches(sources, index, kev);
  const vex = vexIndex(sources.vex);
  /** By maker and model: the products its name matches, and the matches per firmware. */
  const byModel = new Map<string, { named: Named; byFirmware: Map<string, Template[]> }>();
  const makersOf = new Map<string, string[]>();
  const vendorsFor = new Map<string, string[]>();

  function match(devices: Iterable<MatchDevice>): MatchResult {
    const rows: DeviceVulnerabilityRow[] = [];
    let count = 0;
    let suppressed = 0;
    for (const d of devices) {
      count++;
      let found: Template[] = [];
      if (d.model && (d.manufacturer || d.vendorName)) {
        // Makers repeat across a hundred thousand devices: each name is read once.
        const who = `${d.manufacturer ?? ''}\u0001${d.vendorName ?? ''}`;
        let makers = makersOf.get(who);
        if (!makers) {
          const keys = [d.manufacturer, d.vendorName]
            .filter((m): m is string => !!m)
            .map(vendorKey)
            .filter(Boolean);
          makersOf.set(who, (makers = [...new Set(keys)]));
          vendorsFor.set(who, vendorsOf(index, makers));
        }
        const modelKey = `${who}\u0000${d.model}`;
        let entry = byModel.get(modelKey);
        if (!entry) {
          const named = vendorsFor.get(who)!.length
            ? namedProducts(index, vendorsFor.get(who)!, prepareName(d.model, [], makers.join(' ')))
            : [];
          byModel.set(modelKey, (entry = { named, byFirmware: new Map() }));
        }
        if (entry.named.length) {
          const firmware = d.firmware ?? '';
          let cached = entry.byFirmware.get(firmware);
          if (!cached) {
            cached = matchModel(kev, entry.named, d.manufacturer ?? d.vendorName ?? '', d.firmware);
            entry.byFirmware.set(firmware, cached);
          }
          found = cached;
        }
      }
      const fromSbom: Template[] = d.vendorId ? sboms.forDevice(d) : [];
      if (found.length === 0 && fromSbom.length === 0) continue;
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
  return { match };
}

/** Every device's known vulnerabilities in one go (createMatcher over all the devices). */
export function matchDevices(devices: Iterable<MatchDevice>, sources: VulnerabilitySources): MatchResult {
  return createMatcher(sources).match(devices);
}
