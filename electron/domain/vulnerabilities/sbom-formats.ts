/**
 * SBOM and VEX files recognised by their content, never their name: one table of formats,
 * most specific first. The next format is one file beside this one, listed in FORMATS.
 */
import { CSAF_VEX } from './csaf-vex-format';
import { CYCLONEDX } from './cyclonedx';
import { OPENVEX } from './openvex';
import type { SbomFileContent, SbomFileFormat, SbomReadOptions } from './sbom-format';
import { isObject, parseLimitedJson, refuse } from './sbom-json';
import { SPDX, SPDX3 } from './spdx';

export type { SbomFileContent, SbomReadOptions } from './sbom-format';
export { SbomUnreadable } from './sbom-json';

/** The formats, in the order they are tried. */
export const SBOM_FORMATS: readonly SbomFileFormat[] = [CYCLONEDX, SPDX, SPDX3, OPENVEX, CSAF_VEX];

/** What a file of none of the formats is told. */
export const EXPECTED_FORMATS =
  'expected CycloneDX JSON ("bomFormat": "CycloneDX"), SPDX 2.3 JSON ("spdxVersion": "SPDX-2.3"), OpenVEX ("@context": "https://openvex.dev/ns/…") or CSAF VEX ("document": {"csaf_version": …})';

/**
 * Reads an SBOM or VEX file's text: its format by content, then what it holds. Throws
 * SbomUnreadable with the first problem (and where) for anything else.
 */
export function readSbomFile(text: string, options: SbomReadOptions = {}): SbomFileContent {
  const doc = parseLimitedJson(text);
  if (!isObject(doc)) refuse(`Not an SBOM or VEX file: the JSON is not an object; ${EXPECTED_FORMATS}.`);
  const format = SBOM_FORMATS.find((f) => f.recognise(doc));
  if (!format) refuse(`Not an SBOM or VEX file: ${EXPECTED_FORMATS}.`);
  const content = format.read(doc, options);
  if (!content.sbom && !content.vex.length)
    refuse(
      `The ${format.name} file holds no VEX statement this app can use${content.warnings.length ? `: ${content.warnings[0]!.replace(/\.$/, '')}` : ''}.`,
    );
  return content;
}
