/**
 * OpenVEX (0.2.0, and the 0.0.x drafts): each statement's vulnerability (its name, an alias
 * or the text itself when it is a CVE), the products (@id purls, or their identifiers'
 * purl and CPE), status, justification, impact statement and date.
 */
import type { VexProduct, VexStatement } from './model';
import { VEX_STATUSES } from './model';
import type { SbomFileFormat } from './sbom-format';
import { vexProductOfPurl } from './sbom-purl';
import {
  cveOf,
  entryObject,
  isObject,
  isoDate,
  join,
  MAX_VEX_STATEMENTS,
  optArray,
  optObject,
  optString,
  refuse,
  type Json,
  type JsonObject,
} from './sbom-json';

/** OpenVEX: an `@context` under https://openvex.dev/ns. */
export const OPENVEX: SbomFileFormat = {
  id: 'openvex',
  name: 'OpenVEX',
  recognise: (doc) =>
    typeof doc['@context'] === 'string' && doc['@context'].startsWith('https://openvex.dev/ns'),
  read(doc) {
    const docDate = optString(doc, 'timestamp', '');
    const list = optArray(doc, 'statements', '');
    if (list.length > MAX_VEX_STATEMENTS)
      refuse(`statements: ${list.length} statements, more than ${MAX_VEX_STATEMENTS}; the file is not read.`);
    const warnings: string[] = [];
    const statements: VexStatement[] = [];
    list.forEach((entry, i) => {
      const path = join('statements', i);
      const s = entryObject(entry, path);
      const cve = vulnerabilityCve(s, path);
      const status = optString(s, 'status', path);
      if (!status) refuse(`${path}.status: missing.`);
      if (!(VEX_STATUSES as readonly string[]).includes(status))
        refuse(`${path}.status: "${status}" is not an OpenVEX status (${VEX_STATUSES.join(', ')}).`);
      if (!cve) {
        warnings.push(`${path} names no CVE; skipped.`);
        return;
      }
      const products = optArray(s, 'products', path).flatMap((p, j) =>
        productsOf(p, join(join(path, 'products'), j)),
      );
      if (!products.length) {
        warnings.push(`${path} (${cve}) names no product; skipped.`);
        return;
      }
      statements.push({
        format: 'openvex',
        cve,
        status: status as VexStatement['status'],
        justification: optString(s, 'justification', path),
        // `statement` is not in the schema, but files in the wild write the impact there.
        detail:
          optString(s, 'impact_statement', path) ??
          optString(s, 'action_statement', path) ??
          optString(s, 'status_notes', path) ??
          optString(s, 'statement', path),
        products,
        date: isoDate(optString(s, 'timestamp', path) ?? optString(s, 'last_updated', path) ?? docDate),
      });
    });
    return {
      format: { id: 'openvex', name: 'OpenVEX' },
      documentId: optString(doc, '@id', ''),
      sbom: null,
      refs: {},
      vex: statements,
      warnings,
    };
  },
};

/** The CVE a statement is about: the vulnerability's name, else an alias, else its @id. */
function vulnerabilityCve(s: JsonObject, path: string): string | null {
  const v = s.vulnerability;
  if (typeof v === 'string') return cveOf(v);
  const o = optObject(s, 'vulnerability', path);
  if (!o) refuse(`${path}.vulnerability: missing.`);
  const at = join(path, 'vulnerability');
  const aliases = optArray(o, 'aliases', at).map((a) => (typeof a === 'string' ? cveOf(a) : null));
  return cveOf(optString(o, 'name', at)) ?? aliases.find(Boolean) ?? cveOf(optString(o, '@id', at));
}

/** A product entry: a purl text (0.0.x), or an object with @id and identifiers; its subcomponents are not products. */
function productsOf(p: Json, path: string): VexProduct[] {
  if (typeof p === 'string') return [productOfId(p)];
  if (!isObject(p)) refuse(`${path}: expected an object.`);
  const id = optString(p, '@id', path);
  const identifiers = optObject(p, 'identifiers', path);
  const at = join(path, 'identifiers');
  const purl = identifiers ? optString(identifiers, 'purl', at) : null;
  const cpe = identifiers
    ? (optString(identifiers, 'cpe23', at) ?? optString(identifiers, 'cpe22', at))
    : null;
  if (!id && !purl && !cpe) return [];
  const base = purl ? vexProductOfPurl(purl) : id ? productOfId(id) : null;
  return [
    {
      purl: base?.purl ?? null,
      cpe: cpe ?? base?.cpe ?? null,
      name: base?.name ?? null,
      version: base?.version ?? null,
    },
  ];
}

/** An @id: a purl, a CPE, or another IRI kept as the product's name. */
function productOfId(id: string): VexProduct {
  const byPurl = vexProductOfPurl(id);
  if (byPurl) return byPurl;
  if (/^cpe:/i.test(id)) return { purl: null, cpe: id, name: null, version: null };
  return { purl: null, cpe: null, name: id, version: null };
}
