import { VendorMappingSchema, nothingToImportVendors } from '../domain/vendor-import';
import type { ResponseOf } from '../ipc/contract';
import { printable } from './format';
import { done, failure, failureFromError, usageError } from './outcome';
import { checkReadable, readMappingFile } from './files';
import { rowList } from './device-commands';
import { request } from './session';
import type { CommandSpec } from './spec';

type Preview = ResponseOf<'vendorImport.preview'>;

/** How many warnings and duplicates the text shows (--json has them, up to the preview's limit). */
const SHOWN_PROBLEMS = 20;

/** `vendors import`: read a vendor list, show what it would do, and import it. */
export const vendorsImport: CommandSpec = {
  writes: true,
  words: ['vendors', 'import'],
  summary: 'Import a vendor list (CSV or XLSX)',
  description:
    'Reads FILE (CSV with a comma, semicolon, tab or pipe; UTF-8, UTF-16 or Windows-1252; or an .xlsx workbook, ' +
    '--sheet NAME or the first sheet), finds the header below any title rows, maps the columns by their names ' +
    '("Vendor Name", "Supplier", "Business Owner", "Risk Level", "Tier", "Data Classification"…), and imports every ' +
    'row with a name in one transaction: a name not in the portfolio is added, one that is gets the fields the file ' +
    'gives (updated, or unchanged). A row without a name is refused with its row number; a value we cannot place ' +
    '(a category, criticality, status or kind of data) is a warning and the field takes its default; a name repeated ' +
    'in the file is imported once. --mapping FILE adds to the automatic mapping: { "columns": { "Header": "name|' +
    'category|criticality|status|dataTouched|services|owner|tags|notes" or null }, "values": { "criticality": ' +
    '{ "Label": "low|medium|high|critical" }, "category": {…}, "status": {…}, "dataTouched": {…} } }. --dry-run shows ' +
    'everything and writes nothing. A file of which no row can be imported writes nothing and exits 2.',
  args: ['FILE'],
  options: {
    mapping: {
      type: 'string',
      value: 'FILE',
      description: 'A JSON mapping adding to the automatic one: { columns, values }',
    },
    sheet: {
      type: 'string',
      value: 'NAME',
      description: 'The sheet of an .xlsx workbook (default: the first)',
    },
    'dry-run': { type: 'boolean', description: 'Show what would be imported; write nothing' },
  },
  examples: [
    'vendor-risk vendors import vendors.csv --dry-run',
    'vendor-risk vendors import suppliers.xlsx --sheet Vendors --json',
    'vendor-risk vendors import export.csv --mapping vendor-mapping.json',
  ],
  async run({ dispatcher, args, flags }) {
    const file = args[0] ?? '';
    if (!file) return usageError('name the vendor list: vendor-risk vendors import FILE');
    const readable = await checkReadable(file, 'the vendor list');
    if (!readable.ok) return readable;
    const mappingRead = await readMappingFile(flags.string('mapping'), VendorMappingSchema);
    if (!mappingRead.ok) return mappingRead;
    const mapping = mappingRead.mapping;
    const opened = await request(dispatcher, 'vendorImport.openPath', { path: file });
    if (!opened.ok) return failureFromError(opened.error);
    const read = await request(dispatcher, 'vendorImport.preview', {
      fileId: opened.value.fileId,
      mapping,
      sheet: flags.string('sheet'),
    });
    if (!read.ok) return failureFromError(read.error);
    const preview = read.value;
    const importable = preview.counts.added + preview.counts.updated + preview.counts.unchanged;
    if (importable === 0) {
      await request(dispatcher, 'vendorImport.discard', { token: preview.token });
      return failure(nothingToImportVendors(preview), { preview });
    }
    if (flags.boolean('dry-run')) {
      await request(dispatcher, 'vendorImport.discard', { token: preview.token });
      return done(() => [formatPreview(preview), '', 'Dry run: nothing was written.'].join('\n'), {
        preview,
      });
    }
    const applied = await request(dispatcher, 'vendorImport.apply', { token: preview.token });
    if (!applied.ok) return failureFromError(applied.error);
    const a = applied.value;
    return done(
      () =>
        [
          formatPreview(preview),
          '',
          `Imported ${printable(preview.fileName)}: ${a.added} added, ${a.updated} updated, ${a.unchanged} unchanged, ${a.errors} refused.`,
        ].join('\n'),
      { preview, applied: a },
    );
  },
};

function formatPreview(p: Preview): string {
  const mapped = Object.entries(p.mapping.columns).filter(([, f]) => f !== null);
  const lines = [
    `${printable(p.fileName)}: ${p.format.toUpperCase()}${p.sheet !== null ? `, sheet ${printable(p.sheet)}` : ''}${p.headerRow > 1 ? `, header on row ${p.headerRow}` : ''}; ${p.counts.read} rows`,
    `Columns: ${mapped.map(([h, f]) => `${printable(h)} → ${f}`).join(', ') || 'none recognised'}`,
    `Added: ${p.counts.added}, updated: ${p.counts.updated}, unchanged: ${p.counts.unchanged}, errors: ${p.counts.errors}, duplicates: ${p.counts.duplicates}, with warnings: ${p.counts.warned}`,
    ...p.notes.map(printable),
  ];
  const unplaced = p.values.filter((v) => v.placed === null);
  if (unplaced.length)
    lines.push(
      `Values we could not place (the default was used): ${unplaced
        .slice(0, 10)
        .map((v) => `${v.field} ${printable(v.value)} (${v.count})`)
        .join(
          ', ',
        )}${unplaced.length > 10 ? ', …' : ''}. Place them with --mapping, e.g. {"values": {"${unplaced[0]!.field}": {"${printable(unplaced[0]!.value)}": "…"}}}`,
    );
  if (p.counts.errors) {
    const byReason = new Map<string, number[]>();
    for (const e of p.errors) {
      const rows = byReason.get(e.reason);
      if (rows) rows.push(e.row);
      else byReason.set(e.reason, [e.row]);
    }
    lines.push('', `Refused rows (${p.counts.errors}):`);
    for (const [reason, rows] of byReason) lines.push(`  ${reason}: ${rowList(rows)}`);
  }
  if (p.warningsTotal) {
    lines.push('', `Warnings, imported with the default (${p.warningsTotal}):`);
    for (const w of p.warnings.slice(0, SHOWN_PROBLEMS))
      lines.push(
        `  row ${w.row}, ${printable(w.column)}: ${w.reason}${w.value ? ` (${printable(w.value)})` : ''}`,
      );
    if (p.warningsTotal > SHOWN_PROBLEMS)
      lines.push(`  … and ${p.warningsTotal - SHOWN_PROBLEMS} more (--json)`);
  }
  for (const d of p.duplicates.slice(0, SHOWN_PROBLEMS))
    lines.push(
      `Duplicate ${printable(d.name)}: rows ${d.rows[0]} and ${d.rows[1]} (row ${d.rows[1]} skipped)`,
    );
  return lines.join('\n');
}
