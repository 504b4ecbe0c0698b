import { basename } from 'node:path';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../domain/device-checks';
import { DeviceMappingSchema } from '../domain/devices';
import type { ResponseOf } from '../ipc/contract';
import { formatTable, printable } from './format';
import { done, failure, failureFromError, usageError } from './outcome';
import { checkReadable, readTextFile, writeExport } from './files';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';

type Preview = ResponseOf<'devices.preview'>;

/** How many row errors the text shows (--json has them all, up to the preview's limit). */
const SHOWN_ERRORS = 20;

/** `devices import`: read an inventory file, show what it would do, and import it. */
export const devicesImport: CommandSpec = {
  writes: true,
  words: ['devices', 'import'],
  summary: 'Import a device inventory (CSV or JSON)',
  description:
    'Reads FILE (CSV with a comma, semicolon, tab or pipe; UTF-8, UTF-16 or Windows-1252; a JSON array or one object ' +
    'per line), maps its columns (automatically, from the last import of the same --source, or from --mapping FILE), ' +
    'checks every row, and imports the valid ones in one transaction, replacing that source’s devices: added, changed ' +
    'and removed devices are counted. --dry-run shows everything and writes nothing. Values outside our vocabulary are ' +
    'mapped to the suggestion when there is one.',
  args: ['FILE'],
  options: {
    source: {
      type: 'string',
      value: 'NAME',
      description: 'The system the file comes from (default: the file name); its mapping is remembered',
    },
    mapping: { type: 'string', value: 'FILE', description: 'A JSON mapping: { columns, values, dateOrder }' },
    'dry-run': { type: 'boolean', description: 'Show what would be imported; write nothing' },
  },
  examples: [
    'vendor-risk devices import inventory.csv --source "WMS asset export" --dry-run',
    'vendor-risk devices import sensors.json --mapping sensors-mapping.json --json',
  ],
  async run({ dispatcher, args, flags }) {
    const file = args[0] ?? '';
    if (!file) return usageError('name the inventory file: vendor-risk devices import FILE');
    const readable = await checkReadable(file, 'the inventory file');
    if (!readable.ok) return readable;
    // The importer reads the file from disk itself, a piece at a time.
    const opened = await request(dispatcher, 'devices.openPath', { path: file });
    if (!opened.ok) return failureFromError(opened.error);
    const { fileId } = opened.value;
    let mapping: unknown;
    const mappingFile = flags.string('mapping');
    if (mappingFile !== undefined) {
      const text = await readTextFile(mappingFile, 'the mapping file');
      if (!text.ok) return text;
      try {
        mapping = JSON.parse(text.text);
      } catch (error) {
        return failure(
          `the mapping file is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const checked = DeviceMappingSchema.safeParse(mapping);
      if (!checked.success)
        return failure(`invalid mapping: ${checked.error.issues[0]?.message ?? 'not a mapping'}`);
    }
    const source = flags.string('source') ?? basename(file);
    const first = await request(dispatcher, 'devices.preview', { source, fileId, mapping });
    if (!first.ok) return failureFromError(first.error);
    let preview = first.value;
    // Values with a suggested word of ours are mapped to it (the app asks; the CLI says what it did).
    const suggested = preview.unmapped.filter((u) => u.suggestion);
    if (suggested.length && mapping === undefined) {
      const values = {
        status: { ...preview.mapping.values.status },
        type: { ...preview.mapping.values.type },
      } as Record<'status' | 'type', Record<string, string>>;
      for (const u of suggested) values[u.field][u.value] = u.suggestion!;
      const again = await request(dispatcher, 'devices.preview', {
        source,
        fileId,
        mapping: { ...preview.mapping, values },
      });
      if (!again.ok) return failureFromError(again.error);
      preview = again.value;
    }
    // Only when the suggestions were actually applied (not with --mapping).
    const mapped =
      mapping === undefined ? suggested.map((u) => `${u.field} "${u.value}" read as ${u.suggestion}`) : [];
    if (flags.boolean('dry-run')) {
      await request(dispatcher, 'devices.discard', { token: preview.token });
      return done(() => [formatPreview(preview, mapped), '', 'Dry run: nothing was written.'].join('\n'), {
        preview,
      });
    }
    const applied = await request(dispatcher, 'devices.apply', { token: preview.token });
    if (!applied.ok) return failureFromError(applied.error);
    const a = applied.value;
    return done(
      () =>
        [
          formatPreview(preview, mapped),
          '',
          `Imported ${a.devices} devices from ${printable(source)}: ${a.added} added, ${a.changed} changed, ${a.removed} removed.`,
        ].join('\n'),
      { preview, applied: a },
    );
  },
};

function formatPreview(p: Preview, mapped: readonly string[]): string {
  const lines = [
    `${p.fileName}: ${p.format.toUpperCase()}, ${p.encoding}${p.delimiter ? `, delimiter ${JSON.stringify(p.delimiter)}` : ''}; dates read as ${p.dates.order === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy'}${p.dates.detected === 'ambiguous' ? ' (ambiguous in this file; set dateOrder in a mapping to change it)' : ''}`,
    `Rows read: ${p.counts.read}, importable: ${p.counts.valid}, rejected: ${p.counts.rejected}, duplicates: ${p.counts.duplicates}`,
    p.diff.firstTime
      ? `First import from ${printable(p.source)}: ${p.diff.added} devices.`
      : `Since the last import from ${printable(p.source)}: ${p.diff.added} added, ${p.diff.changed} changed, ${p.diff.removed} removed, ${p.diff.unchanged} unchanged.`,
    ...p.warnings,
    ...mapped.map((m) => `Mapped ${m}.`),
  ];
  if (p.errorsTotal) {
    lines.push('', `Row errors (${p.errorsTotal}):`);
    for (const e of p.errors.slice(0, SHOWN_ERRORS))
      lines.push(
        `  row ${e.row}${e.column ? `, ${printable(e.column)}` : ''}: ${e.reason}${e.value ? ` (${printable(e.value)})` : ''}`,
      );
    if (p.errorsTotal > SHOWN_ERRORS) lines.push(`  … and ${p.errorsTotal - SHOWN_ERRORS} more (--json)`);
  }
  for (const d of p.duplicates.slice(0, SHOWN_ERRORS))
    lines.push(
      `Duplicate ${d.kind === 'id' ? 'device ID' : 'serial'} ${printable(d.key)}: rows ${d.rows[0]} and ${d.rows[1]} (row ${d.rows[1]} skipped)`,
    );
  const findings = DEVICE_CHECKS.filter((c) => p.findings[c] > 0);
  lines.push('', findings.length ? 'Findings:' : 'No findings.');
  for (const c of findings) lines.push(`  ${DEVICE_CHECK_INFO[c].label}: ${p.findings[c]}`);
  const unlinked = p.manufacturers.filter((m) => !m.vendorId);
  for (const m of unlinked)
    lines.push(
      `Manufacturer ${printable(m.name)} (${m.devices} devices) is not linked to a vendor${m.suggestion ? `; it looks like ${printable(m.suggestion.name)} (link it in the app)` : ''}.`,
    );
  return lines.join('\n');
}

/** `devices findings`: open device findings by check, for all devices or one vendor's. */
export const devicesFindings: CommandSpec = {
  words: ['devices', 'findings'],
  summary: 'Show open device findings by check and by vendor',
  description:
    'Counts open findings (accepted ones apart), passes and unknowns per check; with --vendor, only the devices that vendor makes.',
  args: [],
  options: { vendor: { type: 'string', value: 'VENDOR', description: 'Only the devices this vendor makes' } },
  examples: [
    'vendor-risk devices findings',
    'vendor-risk devices findings --vendor "Zebra Technologies" --json',
  ],
  async run({ dispatcher, flags }) {
    let vendorId: string | null = null;
    const v = flags.string('vendor');
    if (v !== undefined) {
      const found = await resolveVendor(dispatcher, v);
      if (!found.ok) return found;
      vendorId = found.vendor.id;
    }
    const result = await request(dispatcher, 'devices.findings', { vendorId });
    if (!result.ok) return failureFromError(result.error);
    const f = result.value;
    return done(
      () =>
        [
          `${f.devices} devices`,
          '',
          formatTable(
            ['CHECK', 'OPEN', 'ACCEPTED', 'PASS', 'UNKNOWN'],
            DEVICE_CHECKS.map((c) => [
              DEVICE_CHECK_INFO[c].label,
              String(f.posture[c].fail),
              String(f.posture[c].accepted),
              String(f.posture[c].pass),
              String(f.posture[c].unknown),
            ]),
          ),
          ...(f.byVendor.length
            ? [
                '',
                formatTable(
                  ['VENDOR', 'OPEN FINDINGS'],
                  f.byVendor.map((b) => [b.vendorName, String(b.open)]),
                ),
              ]
            : []),
        ].join('\n'),
      f,
    );
  },
};

/** `devices export`: every device with its findings, as CSV. */
export const devicesExport: CommandSpec = {
  words: ['devices', 'export'],
  summary: 'Export every device with its open findings as CSV (safe to open in a spreadsheet)',
  description:
    'One row per device: its fields, open and accepted findings. Cells a spreadsheet would run as a formula are neutralised.',
  args: [],
  options: { out: { type: 'string', value: 'FILE.csv', description: 'The file to write (required)' } },
  examples: ['vendor-risk devices export --out devices.csv'],
  check: (_args, flags) => (flags.string('out') ? undefined : '--out FILE.csv is required'),
  async run({ dispatcher, flags }) {
    const out = flags.string('out')!;
    const result = await request(dispatcher, 'devices.exportCsv', {});
    if (!result.ok) return failureFromError(result.error);
    return writeExport(out, result.value.csv, result.value.rows, 'devices');
  },
};
