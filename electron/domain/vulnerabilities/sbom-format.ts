/** What each SBOM/VEX format reader gives (one file per format beside this one, listed in sbom-formats.ts). */
import type { Sbom, VexProduct, VexStatement } from './model';
import type { JsonObject } from './sbom-json';

/** A CycloneDX BOM-Link (`urn:cdx:<serial>/<version>#<bom-ref>`) split into its parts. */
export interface BomLink {
  /** The BOM's serial number without "urn:uuid:". */
  serial: string;
  version: string | null;
  ref: string;
}

/** What a reader may ask of what was imported before (the service answers from storage). */
export interface SbomReadOptions {
  /** The product a BOM-Link names in an SBOM imported earlier, or null when none is known. */
  resolveBomLink?(link: BomLink): VexProduct | null;
}

/** What one file holds: an SBOM, VEX statements, or both (a CycloneDX BOM with analysed vulnerabilities). */
export interface SbomFileContent {
  format: { id: string; name: string };
  /** The document's own id (CycloneDX serial number, OpenVEX @id, SPDX namespace), else null. */
  documentId: string | null;
  sbom: Sbom | null;
  /** A CycloneDX SBOM's bom-refs with what they name, so a later VEX file's BOM-Links resolve. */
  refs: Record<string, VexProduct>;
  vex: VexStatement[];
  /** What was read but left out, in words ("CVE-… names no product; skipped"). */
  warnings: string[];
}

/** One format: how a parsed file is recognised as it, and how it is read. */
export interface SbomFileFormat {
  id: string;
  /** As a user reads it ("CycloneDX JSON"). */
  name: string;
  /** Whether a parsed file's top-level object is this format (by content, never the file name). */
  recognise(doc: JsonObject): boolean;
  /** Reads the file; throws SbomUnreadable with the first problem. */
  read(doc: JsonObject, options: SbomReadOptions): SbomFileContent;
}
