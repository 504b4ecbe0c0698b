/**
 * A minimal reader of CSAF advisories and the KEV catalog for the matcher's tests only
 * (the importers of the advisories area are the product's readers): enough of the product
 * tree, statuses, scores and remediations to match real files.
 */
import { readFileSync } from 'node:fs';
import {
  AdvisorySchema,
  KevEntrySchema,
  type Advisory,
  type AdvisoryProduct,
  type KevEntry,
} from '../../../electron/domain/vulnerabilities/model';

export const FIELD = '/work/shared/field-data';
export const EXAMPLES = '/work/shared/examples/field';

interface Branch {
  category: string;
  name: string;
  branches?: Branch[];
  product?: {
    product_id: string;
    name: string;
    product_identification_helper?: { model_numbers?: string[]; cpe?: string; purl?: string };
  };
}
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Reads a CSAF file into the shared Advisory shape. */
export function readCsaf(path: string): Advisory {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Json;
  const products: AdvisoryProduct[] = [];
  const walk = (branches: Branch[], vendor: string, name: string, versions: string[]) => {
    for (const b of branches) {
      const v = b.category === 'vendor' ? b.name.trim() : vendor;
      const n = b.category === 'product_name' || b.category === 'product_family' ? b.name : name;
      const vs =
        b.category === 'product_version' || b.category === 'product_version_range'
          ? [...versions, b.name]
          : versions;
      if (b.branches) walk(b.branches, v, n, vs);
      if (b.product) {
        const h = b.product.product_identification_helper ?? {};
        const ranged = b.category === 'product_version_range' || vs.length > 1 || /[<>]/.test(vs.join(''));
        products.push({
          productId: b.product.product_id,
          vendor: v,
          name: n || b.product.name,
          fullName: b.product.name,
          version: ranged ? null : (vs[0] ?? null),
          range: ranged ? vs.join(' | ') : null,
          cpe: h.cpe ?? null,
          purl: h.purl ?? null,
          modelNumbers: h.model_numbers ?? [],
        });
      }
    }
  };
  walk((doc.product_tree?.branches ?? []) as Branch[], '', '', []);
  const t = doc.document.tracking as Json;
  return AdvisorySchema.parse({
    trackingId: t.id,
    version: String(t.version),
    releaseDate: String(t.initial_release_date).slice(0, 10),
    currentReleaseDate: String(t.current_release_date).slice(0, 10),
    title: doc.document.title,
    publisher: doc.document.publisher.name,
    category: doc.document.category,
    products,
    vulnerabilities: (doc.vulnerabilities as Json[]).map((v) => {
      const score = (v.scores as Json[] | undefined)?.find((s) => s.cvss_v3)?.cvss_v3 as Json | undefined;
      return {
        cve: v.cve ?? null,
        title: v.title ?? v.cve ?? '',
        cvss: score ? { version: score.version, score: score.baseScore, vector: score.vectorString } : null,
        cwe: v.cwe?.id ?? null,
        knownAffected: v.product_status?.known_affected ?? [],
        fixed: v.product_status?.fixed ?? [],
        knownNotAffected: v.product_status?.known_not_affected ?? [],
        remediations: ((v.remediations ?? []) as Json[]).map((r) => ({
          category: r.category,
          details: r.details ?? '',
          url: r.url ?? null,
          productIds: r.product_ids ?? [],
          fixedVersion: /\bto (V?\d[\w.]*)/i.exec(String(r.details))?.[1] ?? null,
          date: r.date ? String(r.date).slice(0, 10) : null,
        })),
      };
    }),
  });
}

/** Reads the KEV catalog's JSON into entries. */
export function readKev(path: string): KevEntry[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Json;
  return (doc.vulnerabilities as Json[]).map((v) =>
    KevEntrySchema.parse({
      cve: v.cveID,
      vendor: v.vendorProject,
      product: v.product,
      name: v.vulnerabilityName,
      dateAdded: v.dateAdded,
      dueDate: v.dueDate ?? null,
      ransomware: v.knownRansomwareCampaignUse === 'Known',
      requiredAction: v.requiredAction,
    }),
  );
}
