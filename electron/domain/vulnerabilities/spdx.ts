/**
 * SPDX 2.3 JSON (2.2, which reads the same, too): each package as a component with its
 * name, versionInfo, supplier ("Organization: X" → X), and the purl and CPE of its
 * external references (PACKAGE-MANAGER purl, SECURITY cpe23Type or cpe22Type).
 * SPDX 3.0 (JSON-LD) is recognised and refused with what to send instead.
 */
import type { SbomComponent } from './model';
import type { SbomFileFormat } from './sbom-format';
import {
  entryObject,
  join,
  MAX_SBOM_COMPONENTS,
  optArray,
  optString,
  refuse,
  reqString,
  type JsonObject,
} from './sbom-json';

/** The spec versions whose JSON is read. */
export const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3'] as const;

/** SPDX 2.x JSON: a `spdxVersion` text. */
export const SPDX: SbomFileFormat = {
  id: 'spdx',
  name: 'SPDX 2.3 JSON',
  recognise: (doc) => typeof doc.spdxVersion === 'string',
  read(doc) {
    const spdxVersion = reqString(doc, 'spdxVersion', '');
    if (!(SPDX_VERSIONS as readonly string[]).includes(spdxVersion))
      refuse(`spdxVersion: ${spdxVersion} is not read; SPDX 2.3 JSON is.`);
    const packages = optArray(doc, 'packages', '');
    if (packages.length > MAX_SBOM_COMPONENTS)
      refuse(
        `packages: ${packages.length} packages, more than ${MAX_SBOM_COMPONENTS}; the file is not read.`,
      );
    // Security references other than CPEs (an "advisory" link naming a CVE) are not read: said, not dropped.
    const advisories: string[] = [];
    const components = packages.map((p, i) =>
      readPackage(entryObject(p, join('packages', i)), join('packages', i), advisories),
    );
    const warnings = advisories.length
      ? [
          `${advisories.length} security reference${advisories.length === 1 ? '' : 's'} (${advisories.slice(0, 3).join('; ')}${advisories.length > 3 ? '; …' : ''}) ${advisories.length === 1 ? 'is a link, not a statement' : 'are links, not statements'} this app reads: the components are matched against the advisories imported instead`,
        ]
      : [];
    return {
      format: { id: 'spdx', name: spdxVersion.replace('-', ' ') },
      documentId: optString(doc, 'documentNamespace', ''),
      sbom: {
        format: 'spdx',
        specVersion: spdxVersion.slice('SPDX-'.length),
        name: optString(doc, 'name', '') ?? 'SPDX document',
        components,
      },
      refs: {},
      vex: [],
      warnings,
    };
  },
};

/** SPDX 3 (JSON-LD): recognised so that it is refused with a sentence, not as unknown JSON. */
export const SPDX3: SbomFileFormat = {
  id: 'spdx3',
  name: 'SPDX 3 JSON-LD',
  recognise: (doc) => typeof doc['@context'] === 'string' && /spdx\.org\/rdf\/3/.test(doc['@context']),
  read: () =>
    refuse('This is SPDX 3 (JSON-LD), which is not read yet; ask the vendor for SPDX 2.3 JSON or CycloneDX.'),
};

function readPackage(p: JsonObject, path: string, unread: string[]): SbomComponent {
  let purl: string | null = null;
  let cpe23: string | null = null;
  let cpe22: string | null = null;
  optArray(p, 'externalRefs', path).forEach((r, i) => {
    const at = join(join(path, 'externalRefs'), i);
    const ref = entryObject(r, at);
    const category = (optString(ref, 'referenceCategory', at) ?? '').toUpperCase().replace('_', '-');
    const type = optString(ref, 'referenceType', at);
    const locator = optString(ref, 'referenceLocator', at);
    if (!locator) return;
    if (category === 'PACKAGE-MANAGER' && type === 'purl') purl ??= locator;
    else if (category === 'SECURITY' && type === 'cpe23Type') cpe23 ??= locator;
    else if (category === 'SECURITY' && type === 'cpe22Type') cpe22 ??= locator;
    else if (category === 'SECURITY') {
      const cve = /CVE-\d{4}-\d{4,}/i.exec(locator)?.[0]?.toUpperCase();
      const name = optString(p, 'name', path) ?? '?';
      unread.push(
        `${cve ?? type ?? 'reference'} on ${name}${optString(p, 'versionInfo', path) ? ` ${optString(p, 'versionInfo', path)}` : ''}`,
      );
    }
  });
  return {
    name: reqString(p, 'name', path),
    version: optString(p, 'versionInfo', path),
    purl,
    cpe: cpe23 ?? cpe22,
    supplier: supplierName(optString(p, 'supplier', path)),
  };
}

/** "Organization: Webjar (x@y)" → "Webjar"; NOASSERTION → null. */
export function supplierName(text: string | null): string | null {
  if (!text || text === 'NOASSERTION') return null;
  const m = /^(?:Organization|Person|Tool)\s*:\s*(.*?)\s*(?:\([^()]*\))?\s*$/i.exec(text);
  return (m ? m[1]! : text).trim() || null;
}
