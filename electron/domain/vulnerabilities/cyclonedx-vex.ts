/**
 * CycloneDX VEX: each analysed vulnerability of a BOM as a VEX statement. The products it
 * affects are bom-refs of the same file, BOM-Links (`urn:cdx:<serial>/<version>#<bom-ref>`)
 * to an SBOM imported earlier, or purls; a version list narrows a product to versions or
 * `vers:` ranges (kept in the product's version, as written).
 */
import type { VexProduct, VexStatement } from './model';
import type { BomLink, SbomReadOptions } from './sbom-format';
import { vexProductOfPurl } from './sbom-purl';
import {
  cveOf,
  entryObject,
  isoDate,
  join,
  MAX_VEX_STATEMENTS,
  optArray,
  optObject,
  optString,
  refuse,
  reqString,
  type JsonObject,
} from './sbom-json';

/** CycloneDX analysis states and the VEX status each stands for. */
export const CYCLONEDX_STATES: Readonly<Record<string, VexStatement['status']>> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

/** A version entry's status that agrees with each VEX status (an entry without a status always does). */
const AGREES: Readonly<Record<VexStatement['status'], readonly string[]>> = {
  not_affected: ['unaffected'],
  fixed: ['unaffected'],
  affected: ['affected'],
  under_investigation: ['unknown', 'affected', 'unaffected'],
};

/** What the reader of the BOM already knows: its bom-refs, serial number and date. */
export interface CycloneDxContext {
  refs: Readonly<Record<string, VexProduct>>;
  serial: string | null;
  date: string | null;
}

/** The VEX statements of a CycloneDX BOM's analysed vulnerabilities, and what was left out. */
export function cyclonedxVex(
  doc: JsonObject,
  ctx: CycloneDxContext,
  options: SbomReadOptions,
): { statements: VexStatement[]; warnings: string[] } {
  const statements: VexStatement[] = [];
  const warnings: string[] = [];
  let unanalysed = 0;
  optArray(doc, 'vulnerabilities', '').forEach((entry, i) => {
    const path = join('vulnerabilities', i);
    const v = entryObject(entry, path);
    const analysis = optObject(v, 'analysis', path);
    const state = analysis ? optString(analysis, 'state', join(path, 'analysis')) : null;
    if (!analysis || state === null) {
      unanalysed++;
      return;
    }
    const status = Object.hasOwn(CYCLONEDX_STATES, state) ? CYCLONEDX_STATES[state]! : null;
    if (!status)
      refuse(
        `${path}.analysis.state: "${state}" is not a CycloneDX analysis state (${Object.keys(CYCLONEDX_STATES).join(', ')}).`,
      );
    const id = optString(v, 'id', path);
    const cve =
      cveOf(id) ??
      optArray(v, 'references', path)
        .map((r, j) => cveOf(optString(entryObject(r, join(join(path, 'references'), j)), 'id', path)))
        .find(Boolean) ??
      null;
    if (!cve) {
      warnings.push(`${path} (${id ?? 'no id'}) has no CVE id; skipped.`);
      return;
    }
    const products = affected(v, path, status, ctx, options, warnings);
    if (!products.length) {
      warnings.push(`${path} (${cve}) names no product; skipped.`);
      return;
    }
    if (statements.length >= MAX_VEX_STATEMENTS)
      refuse(`${path}: more than ${MAX_VEX_STATEMENTS} VEX statements; the file is not read.`);
    const analysisPath = join(path, 'analysis');
    statements.push({
      format: 'cyclonedx',
      cve,
      status,
      justification:
        optString(analysis, 'justification', analysisPath) ??
        (state === 'false_positive' ? 'false_positive' : null),
      detail: optString(analysis, 'detail', analysisPath),
      products,
      date: isoDate(
        optString(analysis, 'lastUpdated', analysisPath) ??
          optString(analysis, 'firstIssued', analysisPath) ??
          optString(v, 'updated', path) ??
          optString(v, 'published', path) ??
          ctx.date,
      ),
    });
  });
  if (unanalysed)
    warnings.push(
      `${unanalysed} vulnerabilities without an analysis state are not VEX statements; not read.`,
    );
  return { statements, warnings };
}

/** The products of a vulnerability's affects list, narrowed to their versions when it lists them. */
function affected(
  v: JsonObject,
  path: string,
  status: VexStatement['status'],
  ctx: CycloneDxContext,
  options: SbomReadOptions,
  warnings: string[],
): VexProduct[] {
  const out: VexProduct[] = [];
  optArray(v, 'affects', path).forEach((entry, i) => {
    const at = join(join(path, 'affects'), i);
    const a = entryObject(entry, at);
    const ref = reqString(a, 'ref', at);
    const product = resolveRef(ref, at, ctx, options, warnings);
    const versions = optArray(a, 'versions', at);
    if (!versions.length) {
      out.push(product);
      return;
    }
    versions.forEach((ve, j) => {
      const vat = join(join(at, 'versions'), j);
      const entryVersion = entryObject(ve, vat);
      const versionStatus = optString(entryVersion, 'status', vat);
      if (versionStatus && !AGREES[status].includes(versionStatus)) return;
      const version = optString(entryVersion, 'version', vat) ?? optString(entryVersion, 'range', vat);
      if (version) out.push({ ...product, version });
    });
  });
  return out;
}

/** The product a ref names: a bom-ref of this file, a BOM-Link, or a purl; else the ref itself as a name. */
function resolveRef(
  ref: string,
  path: string,
  ctx: CycloneDxContext,
  options: SbomReadOptions,
  warnings: string[],
): VexProduct {
  const link = bomLink(ref);
  const local = link ? (sameBom(link, ctx.serial) ? link.ref : null) : ref;
  if (local !== null && Object.hasOwn(ctx.refs, local)) return ctx.refs[local]!;
  const known = link ? (options.resolveBomLink?.(link) ?? null) : null;
  if (known) return known;
  const target = link ? link.ref : ref;
  const byPurl = vexProductOfPurl(target);
  if (byPurl) return byPurl;
  warnings.push(
    link
      ? `${path}: ${ref} is in a BOM not imported for this vendor; kept by its reference "${target}".`
      : `${path}: "${ref}" is not a bom-ref of this file; kept by its reference.`,
  );
  return { purl: null, cpe: null, name: target, version: null };
}

/** A BOM-Link split into its parts, or null when the ref is not one. */
export function bomLink(ref: string): BomLink | null {
  const m = /^urn:cdx:([^/#]+)(?:\/(\d+))?#(.+)$/.exec(ref);
  if (!m) return null;
  let target = m[3]!;
  try {
    target = decodeURIComponent(target);
  } catch {
    // kept as written
  }
  return { serial: m[1]!.toLowerCase(), version: m[2] ?? null, ref: target };
}

function sameBom(link: BomLink, serial: string | null): boolean {
  return serial !== null && serial.replace(/^urn:uuid:/i, '').toLowerCase() === link.serial;
}
