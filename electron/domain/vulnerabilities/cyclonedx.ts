/**
 * CycloneDX JSON (1.4–1.6; 1.2 and 1.3, whose components read the same, too): the
 * components, nested ones included, with name, version, purl, CPE and supplier; the
 * metadata component names the document. Analysed vulnerabilities (CycloneDX VEX) are
 * read by cyclonedx-vex.ts.
 */
import type { SbomComponent, VexProduct } from './model';
import type { SbomFileFormat } from './sbom-format';
import {
  entryObject,
  join,
  MAX_SBOM_COMPONENTS,
  optArray,
  optObject,
  optString,
  refuse,
  reqString,
  type Json,
  type JsonObject,
} from './sbom-json';
import { cyclonedxVex } from './cyclonedx-vex';

/** The spec versions whose JSON is read. */
export const CYCLONEDX_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6'] as const;

/** A component read, with its bom-ref when it has one. */
interface ReadComponent {
  ref: string | null;
  component: SbomComponent;
}

/** CycloneDX JSON: `"bomFormat": "CycloneDX"`. */
export const CYCLONEDX: SbomFileFormat = {
  id: 'cyclonedx',
  name: 'CycloneDX JSON',
  recognise: (doc) => doc.bomFormat === 'CycloneDX',
  read(doc, options) {
    const specVersion = reqString(doc, 'specVersion', '');
    if (!(CYCLONEDX_VERSIONS as readonly string[]).includes(specVersion))
      refuse(`specVersion: CycloneDX ${specVersion} is not read; CycloneDX 1.4, 1.5 or 1.6 JSON is.`);
    const metadata = optObject(doc, 'metadata', '');
    const top = metadata ? optObject(metadata, 'component', 'metadata') : null;
    const topRead = top ? readComponent(top, 'metadata.component') : null;

    const read: ReadComponent[] = [];
    if (top)
      collect(optArray(top, 'components', 'metadata.component'), 'metadata.component.components', read);
    collect(optArray(doc, 'components', ''), 'components', read);

    // Through a Map: a bom-ref such as "__proto__" becomes an own property, never a prototype.
    const byRef = new Map<string, VexProduct>();
    for (const r of topRead ? [topRead, ...read] : read)
      if (r.ref && !byRef.has(r.ref)) byRef.set(r.ref, productOf(r.component));
    const refs: Record<string, VexProduct> = Object.fromEntries(byRef);

    const serial = optString(doc, 'serialNumber', '');
    const vex = cyclonedxVex(
      doc,
      { refs, serial, date: optString(metadata ?? {}, 'timestamp', 'metadata') },
      options,
    );
    // A file of vulnerabilities and no components is VEX only, even when none of its statements
    // could be used (it is then refused, and never replaces the vendor's SBOM by an empty one);
    // anything else is (also) an SBOM.
    const isSbom =
      doc.components !== undefined || !(Array.isArray(doc.vulnerabilities) && doc.vulnerabilities.length > 0);
    const name = topRead
      ? [topRead.component.name, topRead.component.version].filter(Boolean).join(' ')
      : (serial ?? 'CycloneDX BOM');
    return {
      format: { id: 'cyclonedx', name: `CycloneDX ${specVersion}` },
      documentId: serial,
      sbom: isSbom
        ? { format: 'cyclonedx', specVersion, name, components: read.map((r) => r.component) }
        : null,
      refs: isSbom ? refs : {},
      vex: vex.statements,
      warnings: vex.warnings,
    };
  },
};

/** Every component of a list and the components nested in them, in file order, without recursion. */
function collect(list: readonly Json[], path: string, into: ReadComponent[]): void {
  const stack: { list: readonly Json[]; path: string; i: number }[] = [{ list, path, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.list.length) {
      stack.pop();
      continue;
    }
    const at = join(top.path, top.i);
    const c = entryObject(top.list[top.i++]!, at);
    if (into.length >= MAX_SBOM_COMPONENTS)
      refuse(`${at}: more than ${MAX_SBOM_COMPONENTS} components; the file is not read.`);
    into.push(readComponent(c, at));
    const nested = optArray(c, 'components', at);
    if (nested.length) stack.push({ list: nested, path: join(at, 'components'), i: 0 });
  }
}

function readComponent(c: JsonObject, path: string): ReadComponent {
  const supplier = optObject(c, 'supplier', path);
  return {
    ref: optString(c, 'bom-ref', path),
    component: {
      name: reqString(c, 'name', path),
      version: optString(c, 'version', path),
      purl: optString(c, 'purl', path),
      cpe: optString(c, 'cpe', path),
      supplier:
        (supplier ? optString(supplier, 'name', join(path, 'supplier')) : null) ??
        optString(c, 'publisher', path),
    },
  };
}

/** What a VEX statement about this component names. */
function productOf(c: SbomComponent): VexProduct {
  return { purl: c.purl, cpe: c.cpe, name: c.name, version: c.version };
}
