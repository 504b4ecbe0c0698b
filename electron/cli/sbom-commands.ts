import type { SbomImportResult, SbomRecord } from '../domain/vulnerabilities/sbom-api';
import { MB, readBytesFile } from './files';
import { formatTable, printable } from './format';
import { done, failureFromError } from './outcome';
import { resolveOptionalVendor, resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';

/** `sbom import`: attach an SBOM to a vendor's model and firmware, or a VEX file's statements to the vendor. */
export const sbomImport: CommandSpec = {
  words: ['sbom', 'import'],
  summary: 'Attach an SBOM (CycloneDX, SPDX 2.3) or VEX file (CycloneDX VEX, OpenVEX) to a vendor',
  description:
    'Recognises the file by its content. An SBOM is attached to the vendor, model and firmware given (an SBOM ' +
    'imported before for the same three is replaced, and the output says so); a VEX file’s statements are ' +
    'attached to the vendor (the same VEX document imported again replaces its statements). A malformed file is ' +
    'refused with its path and the first problem, and nothing is written.',
  args: ['FILE'],
  options: {
    vendor: {
      type: 'string',
      value: 'VENDOR',
      description: 'The vendor (name or id) the file comes from (required)',
    },
    model: { type: 'string', value: 'MODEL', description: 'The model the SBOM describes' },
    firmware: { type: 'string', value: 'VERSION', description: 'The firmware version the SBOM describes' },
  },
  examples: [
    'vendor-risk sbom import scanner-fw-4.5.cdx.json --vendor "Zebra Technologies" --model "TC52" --firmware 4.5.1',
    'vendor-risk sbom import zebra.openvex.json --vendor "Zebra Technologies" --json',
  ],
  writes: true,
  check: (_args, flags) => {
    if (!flags.string('vendor')?.trim()) return 'missing --vendor VENDOR';
    return undefined;
  },
  async run({ dispatcher, args, flags }) {
    const file = args[0]!;
    const found = await resolveVendor(dispatcher, flags.string('vendor') ?? '');
    if (!found.ok) return found;
    const read = await readBytesFile(file, 'the SBOM or VEX file', 50 * MB);
    if (!read.ok) return read;
    const r = await request(dispatcher, 'sboms.import', {
      vendorId: found.vendor.id,
      fileName: file,
      contentBase64: read.bytes.toString('base64'),
      model: flags.string('model') ?? null,
      firmware: flags.string('firmware') ?? null,
    });
    if (!r.ok) return failureFromError(r.error);
    return done(() => importText(r.value), r.value);
  },
};

/** `sbom list`: what is attached, to one vendor or to all. */
export const sbomList: CommandSpec = {
  words: ['sbom', 'list'],
  summary: 'List the SBOMs and VEX files attached to vendors',
  description: 'One row per SBOM (vendor, model, firmware, components) and per VEX document (statements).',
  args: [],
  options: { vendor: { type: 'string', value: 'VENDOR', description: 'Only what this vendor supplied' } },
  examples: ['vendor-risk sbom list', 'vendor-risk sbom list --vendor "Zebra Technologies" --json'],
  async run({ dispatcher, flags }) {
    const vendor = await resolveOptionalVendor(dispatcher, flags.string('vendor'));
    if (!vendor.ok) return vendor;
    const { vendorId } = vendor;
    const r = await request(dispatcher, 'sboms.list', { vendorId });
    if (!r.ok) return failureFromError(r.error);
    const rows = r.value;
    if (!rows.length) return done('No SBOM or VEX file is attached.', rows);
    return done(
      () =>
        formatTable(
          ['KIND', 'VENDOR', 'MODEL', 'FIRMWARE', 'FORMAT', 'NAME', 'ENTRIES', 'FILE', 'IMPORTED'],
          rows.map((x) => [
            x.kind.toUpperCase(),
            printable(x.vendorName),
            printable(x.model ?? (x.kind === 'sbom' ? 'any' : '—')),
            printable(x.firmware ?? (x.kind === 'sbom' ? 'any' : '—')),
            x.format,
            printable(x.name),
            `${x.entries} ${x.kind === 'sbom' ? 'components' : 'statements'}`,
            printable(x.fileName),
            x.importedAt.slice(0, 10),
          ]),
        ),
      rows,
    );
  },
};

/** What an import did, in sentences. */
function importText(r: SbomImportResult): string {
  const lines: string[] = [];
  if (r.sbom) {
    lines.push(
      `Attached the ${r.format} SBOM "${printable(r.sbom.name)}" (${r.sbom.entries} components) to ${target(r.sbom)}.`,
    );
    if (r.replacedSbom)
      lines.push(
        `It replaces the SBOM ${printable(r.replacedSbom.fileName)} imported ${r.replacedSbom.importedAt.slice(0, 10)} by ${printable(r.replacedSbom.importedBy)}.`,
      );
  }
  if (r.vex) {
    lines.push(`Attached ${r.vex.entries} VEX statements (${r.format}) to ${printable(r.vex.vendorName)}.`);
    if (r.replacedVex)
      lines.push(
        `They replace the ${r.replacedVex.entries} statements of the same document imported ${r.replacedVex.importedAt.slice(0, 10)} from ${printable(r.replacedVex.fileName)}.`,
      );
  }
  for (const w of r.warnings) lines.push(`Note: ${printable(w)}`);
  return lines.join('\n');
}

function target(x: SbomRecord): string {
  const parts = [printable(x.vendorName)];
  parts.push(x.model ? `model ${printable(x.model)}` : 'any model');
  parts.push(x.firmware ? `firmware ${printable(x.firmware)}` : 'any firmware');
  return parts.join(', ');
}
