/**
 * The advisories read once for matching: each product with what every vulnerability says of
 * it, indexed by its maker and the words of its name; and a match in the making, stamped
 * with the known-exploited catalog and the remediation.
 */
import type { Advisory, AdvisoryProduct, AdvisoryVulnerability, KevEntry } from './model';
import type { DeviceVulnerabilityRow } from './match-api';
import { indexWords, prepareName, type PreparedName } from './product-name';
import { vendorBucket, vendorKey } from './vendor-name';
import type { VersionRange } from './version';

export type Status = 'affected' | 'fixed' | 'not-affected';

/** An advisory's product, read once, with what each of the advisory's vulnerabilities says of it. */
export interface ProductRef {
  advisory: Advisory;
  product: AdvisoryProduct;
  name: PreparedName;
  vendor: string;
  statuses: { vuln: AdvisoryVulnerability; status: Status }[];
  /** The product's range once read (match.ts), null when it cannot be. */
  range?: VersionRange | null;
}

/** Advisory products by the first word of their maker's key, then by the words of their names. */
export interface ProductIndex {
  /** Each maker's products by the words of their names, and those with a wildcard apart. */
  byVendor: Map<string, { words: Map<string, ProductRef[]>; patterned: ProductRef[] }>;
  /** The makers' keys by their first word (to find "schneider electric" from "schneider"). */
  byBucket: Map<string, string[]>;
  all: ProductRef[];
}

/** Indexes every product an advisory gives a status to. */
export function indexProducts(advisories: readonly Advisory[]): ProductIndex {
  const byVendor: ProductIndex['byVendor'] = new Map();
  const byBucket: ProductIndex['byBucket'] = new Map();
  const all: ProductRef[] = [];
  for (const advisory of advisories) {
    const statuses = new Map<string, ProductRef['statuses']>();
    const add = (id: string, vuln: AdvisoryVulnerability, status: Status) => {
      let list = statuses.get(id);
      if (!list) statuses.set(id, (list = []));
      list.push({ vuln, status });
    };
    for (const v of advisory.vulnerabilities) {
      for (const id of v.knownAffected) add(id, v, 'affected');
      for (const id of v.fixed) add(id, v, 'fixed');
      for (const id of v.knownNotAffected) add(id, v, 'not-affected');
    }
    for (const product of advisory.products) {
      const s = statuses.get(product.productId);
      if (!s) continue;
      const vendor = vendorKey(product.vendor || advisory.publisher);
      for (const name of nameVariants(product.name || product.fullName)) {
        const ref: ProductRef = {
          advisory,
          product,
          name: prepareName(name, product.modelNumbers, vendor),
          vendor,
          statuses: s,
        };
        indexRef(ref);
      }
    }
  }
  return { byVendor, byBucket, all };

  function indexRef(ref: ProductRef) {
    all.push(ref);
    let bucket = byVendor.get(ref.vendor);
    if (!bucket) {
      byVendor.set(ref.vendor, (bucket = { words: new Map(), patterned: [] }));
      const first = vendorBucket(ref.vendor);
      const keys = byBucket.get(first);
      if (keys) keys.push(ref.vendor);
      else byBucket.set(first, [ref.vendor]);
    }
    for (const w of indexWords(ref.name)) {
      const list = bucket.words.get(w);
      if (list) list.push(ref);
      else bucket.words.set(w, [ref]);
    }
    if (ref.name.patterns.length) bucket.patterned.push(ref);
  }
}

/**
 * A product name, and one per model of a list of numbers it names ("Digi ConnectPort TS 8/16"
 * is also "… TS 8" and "… TS 16", as an inventory lists each).
 */
export function nameVariants(name: string): string[] {
  const list = /\b(\d+)((?:\/\d+)+)\b/.exec(name);
  if (!list) return [name];
  const numbers = [list[1]!, ...list[2]!.split('/').filter(Boolean)];
  const at = list.index;
  return [name, ...numbers.map((n) => `${name.slice(0, at)}${n}${name.slice(at + list[0].length)}`)];
}

/** A device's match before it is stamped with the device: shared by devices alike. */
export type Template = Omit<
  DeviceVulnerabilityRow,
  'deviceId' | 'source' | 'vendorId' | 'active' | 'suppressedBy'
> & {
  component: string | null;
};

export const CONFIDENCE_RANK = { exact: 0, 'version-unknown': 1, 'fuzzy-name': 2 } as const;

/** The remediation of a vulnerability for a product, in words, with its fixed version and date. */
export function remediationOf(ref: { advisory: Advisory; productId: string }, vuln: AdvisoryVulnerability) {
  const listed = vuln.remediations.filter(
    (r) => r.productIds.length === 0 || r.productIds.includes(ref.productId),
  );
  // Advisories that give every remediation to every product say in the words which product
  // each is for ("CT60 running Android OS 7.1 - Upgrade to …"): those naming this one come first.
  const name = ref.advisory.products
    .find((p) => p.productId === ref.productId)
    ?.name.trim()
    .toLowerCase();
  const named = name ? listed.filter((r) => r.details.toLowerCase().includes(name)) : [];
  const mine = named.length ? named : listed;
  const fix = mine.find((r) => r.category === 'vendor_fix');
  const other =
    fix ?? mine.find((r) => r.category === 'mitigation' || r.category === 'workaround') ?? mine[0];
  if (!other) return { fix: null, fixedVersion: null, fixDate: null };
  const label = {
    vendor_fix: 'Vendor fix',
    mitigation: 'Mitigation',
    workaround: 'Workaround',
    no_fix_planned: 'No fix planned',
    none_available: 'No fix available',
  }[other.category];
  const details = other.details.length > 300 ? `${other.details.slice(0, 299)}…` : other.details;
  return {
    fix: `${label}${other.fixedVersion ? ` ${other.fixedVersion}` : ''}: ${details}${other.url ? ` (${other.url})` : ''}`,
    fixedVersion: fix?.fixedVersion ?? null,
    fixDate: fix ? (fix.date ?? ref.advisory.releaseDate) : null,
  };
}

/** Stamps a vulnerability's match with the catalog and the remediation. */
export function template(
  ref: { advisory: Advisory; productId: string },
  vuln: AdvisoryVulnerability,
  kev: Map<string, KevEntry>,
  confidence: DeviceVulnerabilityRow['confidence'],
  why: string[],
  via: 'inventory' | 'sbom',
  component: string | null,
): Template {
  const k = vuln.cve ? kev.get(vuln.cve) : undefined;
  return {
    cve: vuln.cve ?? vuln.title,
    advisoryId: ref.advisory.trackingId,
    advisoryDate: ref.advisory.releaseDate,
    confidence,
    why: k ? [...why, `${vuln.cve} is in CISA KEV since ${k.dateAdded}`] : why,
    via,
    cvss: vuln.cvss?.score ?? null,
    inKev: k !== undefined,
    kevDateAdded: k?.dateAdded ?? null,
    ransomware: k?.ransomware ?? false,
    ...remediationOf(ref, vuln),
    component,
  };
}
