/**
 * The components of a vendor's SBOM matched against the same advisories: by purl, by CPE,
 * else by name (and supplier), each component's version in the product's range. An SBOM
 * applies to the devices of its vendor whose model (when it names one) and firmware (when
 * it names one) are its own.
 */
import type { KevEntry, SbomComponent, VulnerabilitySources } from './model';
import type { MatchDevice } from './match-api';
import { CONFIDENCE_RANK, template, type ProductIndex, type ProductRef, type Template } from './match-index';
import { matchProductName, normaliseName, prepareName } from './product-name';
import { sameVendor, vendorKey } from './vendor-name';
import { compareVersions, versionInRange } from './version';

/** A purl without its version, qualifiers and subpath ("pkg:npm/%40scope/x@1.0?a=b" → "pkg:npm/%40scope/x"), lower case. */
export function purlBase(purl: string): string {
  return purl
    .split(/[?#]/, 1)[0]!
    .replace(/@[^/@]*$/, '')
    .toLowerCase();
}

/** A purl's version, or null. */
const purlVersion = (purl: string) => /@([^/@?#]+)(?:[?#]|$)/.exec(purl)?.[1] ?? null;

/** The vendor and product of a CPE 2.3 or 2.2 name ("cpe:2.3:a:openssl:openssl:1.1.1:…" → "openssl:openssl"). */
export function cpeKey(cpe: string): { key: string; version: string | null } | null {
  const parts = cpe.toLowerCase().startsWith('cpe:2.3:')
    ? cpe.split(':').slice(3)
    : cpe.replace(/^cpe:\/[aho]?:?/i, '').split(':');
  if (parts.length < 2 || !parts[0] || !parts[1]) return null;
  const v = parts[2];
  return { key: `${parts[0]}:${parts[1]}`.toLowerCase(), version: v && v !== '*' && v !== '-' ? v : null };
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** One component's matches against the indexed products. */
function componentMatches(
  c: SbomComponent,
  by: { purl: Map<string, ProductRef[]>; cpe: Map<string, ProductRef[]>; name: Map<string, ProductRef[]> },
  kev: Map<string, KevEntry>,
  where: string,
): Template[] {
  const found: { ref: ProductRef; how: string; sure: boolean }[] = [];
  if (c.purl)
    for (const ref of by.purl.get(purlBase(c.purl)) ?? [])
      found.push({ ref, how: `purl ${c.purl}`, sure: true });
  const cpe = c.cpe ? cpeKey(c.cpe) : null;
  if (cpe) for (const ref of by.cpe.get(cpe.key) ?? []) found.push({ ref, how: `CPE ${c.cpe}`, sure: true });
  if (!found.length)
    for (const ref of by.name.get(normaliseName(c.name)) ?? []) {
      const supplier = c.supplier ? vendorKey(c.supplier) : null;
      if (supplier !== null && !sameVendor(supplier, ref.vendor)) continue;
      found.push({
        ref,
        how: `name "${c.name}"${c.supplier ? ` by ${c.supplier}` : ''}`,
        sure: supplier !== null,
      });
    }
  const version = c.version ?? (c.purl ? purlVersion(c.purl) : null) ?? cpe?.version ?? null;
  const best = new Map<string, Template>();
  const cleared = new Set<string>();
  for (const { ref, how, sure } of found) {
    const productVersion = ref.product.version ?? (ref.product.purl ? purlVersion(ref.product.purl) : null);
    const range = ref.product.range ?? productVersion;
    const inRange = versionInRange(version, range);
    if (inRange === 'no') continue;
    for (const { vuln, status } of ref.statuses) {
      const key = `${ref.advisory.trackingId}\u0000${vuln.cve ?? vuln.title}`;
      if (status !== 'affected') {
        if (sure && inRange === 'yes' && version !== null) cleared.add(key);
        continue;
      }
      const confidence = !sure
        ? 'fuzzy-name'
        : inRange === 'yes' && version !== null
          ? 'exact'
          : 'version-unknown';
      const why = [
        `${where}: component ${c.name}${version ? ` ${version}` : ''} by ${how} ~ "${ref.product.fullName || ref.product.name}" (${ref.advisory.trackingId})`,
        version === null
          ? 'component without a version: version unknown'
          : inRange === 'yes'
            ? `version ${version} in "${range ?? 'all versions'}"`
            : `range "${range ?? ''}" not understood: version unknown`,
      ];
      const t = template(
        { advisory: ref.advisory, productId: ref.product.productId },
        vuln,
        kev,
        confidence,
        why,
        'sbom',
        c.purl ?? c.name,
      );
      const before = best.get(key);
      if (!before || CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[before.confidence]) best.set(key, t);
    }
  }
  return [...best].filter(([k]) => !cleared.has(k)).map(([, t]) => t);
}

/** The SBOM matches of every attached SBOM, computed when a device first asks, and which devices they apply to. */
export function sbomMatches(
  sources: VulnerabilitySources,
  index: ProductIndex,
  kev: Map<string, KevEntry>,
): { forDevice(d: MatchDevice): Template[] } {
  const byVendor = new Map<
    string,
    { entry: VulnerabilitySources['sboms'][number]; matches: Template[] | null }[]
  >();
  for (const entry of sources.sboms) push(byVendor, entry.vendorId, { entry, matches: null });
  if (byVendor.size === 0) return { forDevice: () => [] };
  const by = {
    purl: new Map<string, ProductRef[]>(),
    cpe: new Map<string, ProductRef[]>(),
    name: new Map<string, ProductRef[]>(),
  };
  for (const ref of index.all) {
    if (ref.product.purl) push(by.purl, purlBase(ref.product.purl), ref);
    const cpe = ref.product.cpe ? cpeKey(ref.product.cpe) : null;
    if (cpe) push(by.cpe, cpe.key, ref);
    push(by.name, normaliseName(ref.product.name), ref);
  }
  return {
    forDevice(d) {
      const out: Template[] = [];
      for (const s of byVendor.get(d.vendorId ?? '') ?? []) {
        const { model, firmware } = s.entry;
        if (model !== null) {
          if (!d.model) continue;
          const m = matchProductName(prepareName(d.model), prepareName(model));
          if (!m || m.level === 'fuzzy' || m.level === 'series') continue;
        }
        if (firmware !== null && (d.firmware === null || compareVersions(d.firmware, firmware) !== 0))
          continue;
        const where = `SBOM of ${model ?? 'every model'}${firmware ? ` ${firmware}` : ''}`;
        s.matches ??= s.entry.sbom.components.flatMap((c) => componentMatches(c, by, kev, where));
        out.push(...s.matches);
      }
      return out;
    },
  };
}
