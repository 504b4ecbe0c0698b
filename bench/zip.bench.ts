/**
 * A lying zip: an .xlsx of about 2 MB whose directory declares its sheet a few kilobytes
 * while it inflates to 2 GB. Imported by the CLI as a device inventory and as a vendor's
 * returned workbook, each in a process of its own: the refusal's wall time and the
 * process's peak memory (goal: within 2 s and 200 MB over the same CLI reading a genuine
 * 10-row workbook, the baseline, in the same run).
 */
import { test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { runCliMeasured, writeInventoryXlsx } from './inventory';
import { zeros, zipOf } from '../test/fixtures/handmade-zip';

const MB = 1024 * 1024;

/** A workbook whose sheet declares 10 KB and inflates to `mb` MiB of zeros (one full-flushed MiB block repeated). */
function lyingWorkbook(mb: number): Buffer {
  const part = (name: string, text: string) => ({ name, data: Buffer.from(text) });
  return zipOf([
    part(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Devices" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', raw: zeros(mb), size: 10 * 1024, crc: 0 },
  ]);
}

test('zip: a lying workbook is refused within time and memory, as an inventory and as a vendor’s response', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-zip-'));
  try {
    const data = join(dir, 'data');
    const bomb = join(dir, 'lying.xlsx');
    const bytes = lyingWorkbook(2048);
    writeFileSync(bomb, bytes);
    const genuine = join(dir, 'genuine.xlsx');
    await writeInventoryXlsx(genuine, 10);

    if (
      runCliMeasured(['--data-dir', data, 'vendors', 'add', '--name', 'Zebra', '--category', 'robotics-iot'])
        .exitCode
    )
      throw new Error('could not add the vendor');
    const baseline = runCliMeasured([
      '--data-dir',
      data,
      'devices',
      'import',
      '--source',
      'Genuine',
      genuine,
    ]);
    if (baseline.exitCode !== 0) throw new Error('the genuine workbook was not imported');

    for (const [name, args] of [
      ['zip-lying-inventory', ['devices', 'import', '--source', 'Lying', bomb]],
      ['zip-lying-response', ['exchange', 'import', 'Zebra', bomb]],
    ] as const) {
      const run = runCliMeasured(['--data-dir', data, ...args]);
      // Refused by the zip reader's running limit, not by anything before it.
      if (run.exitCode !== 2 || !/zip directory does not match its contents/.test(run.stderr))
        throw new Error(`${name}: exit ${run.exitCode} (${run.stderr}); expected the lying zip refused`);
      report(name, {
        file_mb: bytes.length / MB,
        inflates_to_mb: 2048,
        refused_ms: run.wallMs,
        peak_rss_mb: run.peakRssMb,
        baseline_10_rows_ms: baseline.wallMs,
        baseline_peak_rss_mb: baseline.peakRssMb,
        extra_ms: run.wallMs - baseline.wallMs,
        extra_rss_mb: run.peakRssMb - baseline.peakRssMb,
        goal_met: run.wallMs - baseline.wallMs < 2000 && run.peakRssMb - baseline.peakRssMb < 200,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
