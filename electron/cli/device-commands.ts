import { basename } from 'node:path';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../domain/device-checks';
import { DeviceMappingPatchSchema } from '../domain/devices';
import { nothingToImport } from '../domain/device-rows';
import type { ResponseOf } from '../ipc/contract';
import { formatTable, printable } from './format';
import { done, failure, failureFromError, usageError } from './outcome';
import { checkReadable, writeExport, readMappingFile } from './files';
import { resolveOptionalVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';

type Preview = ResponseOf<'devices.preview'>;

/** How many refused rows and warnings the text shows (--json has them all, up to the preview's limit). */
const SHOWN_PROBLEMS = 20;

/** `devices import`: read an inventory file, show what it would do, and import it. */
export const devicesImport: CommandSpec = {
  writes: true,
  words: ['devices', 'import'],
  summary: 'Import a device inventory (CSV, JSON or XLSX)',
  description:
    'Reads FILE (CSV with a comma, semicolon, tab or pipe; UTF-8, UTF-16 or Windows-1252; a JSON array, one object per ' +
    'line, or an API export wrapping its records; an .xlsx workbook, --sheet NAME or the first sheet), finds the header ' +
    'below any title rows, recognises NetBox and Snipe-IT exports, maps the other columns by their names, and imports ' +
    'every row that names a device (device ID, asset tag, name or serial number) in one transaction, replacing that ' +
    'source’s devices: added, changed and removed devices are counted. A value that cannot be read leaves that field ' +
    'unknown and is listed as a warning. Types are kept as written and placed in a category by their words; those we ' +
    'cannot place are "other" and listed. --mapping FILE adds to the automatic mapping: { "columns": { "Header": "field" }, ' +
    '"values": { "type": { "Label": "category" }, "status": { "Label": "active|spare|decommissioned" } }, "dateOrder": ' +
    '"dmy|mdy" }; the mapping used is remembered for the --source. --dry-run shows everything and writes nothing. A file ' +
    'of which no row can be imported writes nothing and exits 2.',
  args: ['FILE'],
  options: {
    source: {
      type: 'string',
      value: 'NAME',
      description: 'The system the file comes from (default: the file name); its mapping is remembered',
    },
    mapping: {
      type: 'string',
      value: 'FILE',
      description: 'A JSON mapping adding to the automatic one: { columns, values, dateOrder }',
    },
    sheet: {
      type: 'string',
      value: 'NAME',
      description: 'The sheet of an .xlsx workbook (default: the first)',
    },
    'dry-run': { type: 'boolean', description: 'Show what would be imported; write nothing' },
  },
  examples: [
    'vendor-risk devices import inventory.csv --source "WMS asset export" --dry-run',
    'vendor-risk devices import netbox-devices.csv --source NetBox --json',
    'vendor-risk devices import assets.xlsx --sheet "Floor devices" --mapping floor-mapping.json',
  ],
  async run({ dispatcher, args, flags }) {
    const file = args[0] ?? '';
    if (!file) return usageError('name the inventory file: vendor-risk devices import FILE');
    const readable = await checkReadable(file, 'the inventory file');
    if (!readable.ok) return readable;
    const mappingRead = await readMappingFile(flags.string('mapping'), DeviceMappingPatchSchema);
    if (!mappingRead.ok) return mappingRead;
    const mapping = mappingRead.mapping;
    // The importer reads the file from disk itself, a piece at a time.
    const opened = await request(dispatcher, 'devices.openPath', { path: file });
    if (!opened.ok) return failureFromError(opened.error);
    const source = flags.string('source') ?? basename(file);
    const sheet = flags.string('sheet');
    const read = await request(dispatcher, 'devices.preview', {
      source,
      fileId: opened.value.fileId,
      mapping,
      sheet,
    });
    if (!read.ok) return failureFromError(read.error);
    const preview = read.value;
    if (preview.counts.valid === 0) {
      await request(dispatcher, 'devices.discard', { token: preview.token });
      return failure(nothingToImport(preview));
    }
    if (flags.boolean('dry-run')) {
      await request(dispatcher, 'devices.discard', { token: preview.token });
      return done(() => [formatPreview(preview), '', 'Dry run: nothing was written.'].join('\n'), {
        preview,
      });
    }
    const applied = await request(dispatcher, 'devices.apply', { token: preview.token });
    if (!applied.ok) return failureFromError(applied.error);
    const a = applied.value;
    return done(
      () =>
        [
          formatPreview(preview),
          '',
          `Imported ${a.devices} devices from ${printable(source)}: ${a.added} added, ${a.changed} changed, ${a.removed} removed.`,
        ].join('\n'),
      { preview, applied: a },
    );
  },
};

const DATE_ORDER_TEXT = { dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy' } as const;

function formatPreview(p: Preview): string {
  const dates =
    p.dates.detected === 'none'
      ? ''
      : `; dates read as ${DATE_ORDER_TEXT[p.dates.order]}${
          p.dates.detected === 'ambiguous'
            ? ' (ambiguous in this file; set "dateOrder" in a mapping to change it)'
            : p.dates.detected === 'conflict'
              ? ' (the file has both orders: some dates could not be read)'
              : ''
        }`;
  const lines = [
    `${p.fileName}: ${p.recognised.name}; ${p.format.toUpperCase()}${p.sheet !== null ? `, sheet ${printable(p.sheet)}` : `, ${p.encoding}`}${p.delimiter ? `, delimiter ${JSON.stringify(p.delimiter)}` : ''}${p.headerRow > 1 ? `, header on row ${p.headerRow}` : ''}${dates}`,
    `Rows read: ${p.counts.read}, importable: ${p.counts.valid} (${p.counts.warned} with warnings), refused: ${p.counts.rejected}, duplicates: ${p.counts.duplicates}`,
    p.diff.firstTime
      ? `First import from ${printable(p.source)}: ${p.diff.added} devices.`
      : `Since the last import from ${printable(p.source)}: ${p.diff.added} added, ${p.diff.changed} changed, ${p.diff.removed} removed, ${p.diff.unchanged} unchanged.`,
    ...p.notes.map(printable),
  ];
  const unplaced = p.labels.filter((l) => l.field === 'type' && l.placed === null);
  const other = unplaced.reduce((n, l) => n + l.count - l.byModel, 0);
  if (unplaced.length)
    lines.push(
      `${other} ${other === 1 ? 'device' : 'devices'} of ${unplaced.length} ${unplaced.length === 1 ? 'type' : 'types'} we could not place (imported as "other"${unplaced.some((l) => l.byModel) ? ', unless the model said more' : ''}): ${unplaced
        .slice(0, 10)
        .map((l) => `${printable(l.value)} (${l.count})`)
        .join(
          ', ',
        )}${unplaced.length > 10 ? ', …' : ''}. Place them with --mapping, e.g. {"values": {"type": {"${printable(unplaced[0]!.value)}": "sensor"}}}`,
    );
  const unknownStatus = p.labels.filter((l) => l.field === 'status' && l.placed === null);
  if (unknownStatus.length)
    lines.push(
      `Statuses we could not place (status unknown): ${unknownStatus
        .slice(0, 10)
        .map((l) => `${printable(l.value)} (${l.count})`)
        .join(
          ', ',
        )}. Place them with --mapping, e.g. {"values": {"status": {"${printable(unknownStatus[0]!.value)}": "active"}}}`,
    );
  if (p.errorsTotal) {
    // Refusals share a few reasons: one line per reason, with its rows.
    const byReason = new Map<string, number[]>();
    for (const e of p.errors) {
      const key = `${e.column ? `${printable(e.column)}: ` : ''}${e.reason}`;
      const rows = byReason.get(key);
      if (rows) rows.push(e.row);
      else byReason.set(key, [e.row]);
    }
    lines.push('', `Refused rows (${p.errorsTotal}):`);
    for (const [reason, rows] of byReason) lines.push(`  ${reason}: ${rowList(rows)}`);
    if (p.errorsTotal > p.errors.length)
      lines.push(`  … and ${p.errorsTotal - p.errors.length} more (--json)`);
  }
  if (p.warningsTotal) {
    lines.push('', `Warnings, the device imported with the value unknown (${p.warningsTotal}):`);
    for (const w of p.warnings.slice(0, SHOWN_PROBLEMS)) lines.push(`  ${problem(w)}`);
    if (p.warningsTotal > SHOWN_PROBLEMS)
      lines.push(`  … and ${p.warningsTotal - SHOWN_PROBLEMS} more (--json)`);
  }
  for (const d of p.duplicates.slice(0, SHOWN_PROBLEMS))
    lines.push(
      `Duplicate ${d.kind === 'id' ? 'device ID' : 'serial'} ${printable(d.key)}: rows ${d.rows[0]} and ${d.rows[1]} (row ${d.rows[1]} skipped)`,
    );
  const findings = DEVICE_CHECKS.filter((c) => p.findings[c] > 0);
  lines.push('', findings.length ? 'Findings:' : 'No findings.');
  for (const c of findings) lines.push(`  ${DEVICE_CHECK_INFO[c].label}: ${p.findings[c]}`);
  const unlinked = p.manufacturers.filter((m) => !m.vendorId);
  for (const m of unlinked)
    lines.push(
      `Manufacturer ${printable(m.name)} (${m.devices} ${m.devices === 1 ? 'device' : 'devices'}) is not linked to a vendor${m.suggestion ? `; it looks like ${printable(m.suggestion.name)} (link it in the app)` : ''}.`,
    );
  return lines.join('\n');
}

/** Row numbers as a reader scans them: "41–53, 65–71, 80". */
export function rowList(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j;
  }
  const text = parts.slice(0, 30).join(', ');
  return `${rows.length === 1 ? 'row' : 'rows'} ${text}${parts.length > 30 ? ', …' : ''}`;
}

function problem(e: Preview['errors'][number]): string {
  return `row ${e.row}${e.column ? `, ${printable(e.column)}` : ''}: ${e.reason}${e.value ? ` (${printable(e.value)})` : ''}`;
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
    const vendor = await resolveOptionalVendor(dispatcher, flags.string('vendor'));
    if (!vendor.ok) return vendor;
    const { vendorId } = vendor;
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
