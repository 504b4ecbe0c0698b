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
import zlib from 'node:zlib';
import { report } from './report';
import { runCliMeasured, writeInventoryXlsx } from './inventory';

const MB = 1024 * 1024;

/** A zip made by hand, its directory declaring each entry's sizes as given. */
function zipOf(entries: { name: string; body: Buffer; size: number; crc: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(0x0800, at);
      h.writeUInt16LE(8, at + 2);
      h.writeUInt32LE(e.crc, at + 8);
      h.writeUInt32LE(e.body.length, at + 12);
      h.writeUInt32LE(e.size, at + 16);
      h.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 6);
    name.copy(local, 30);
    const c = Buffer.alloc(46 + name.length);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    fields(c, 8);
    c.writeUInt32LE(offset, 42);
    name.copy(c, 46);
    locals.push(local, e.body);
    central.push(c);
    offset += local.length + e.body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A workbook whose sheet declares 10 KB and inflates to `mb` MiB of zeros (one full-flushed MiB block repeated). */
function lyingWorkbook(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const bomb = Buffer.concat([...Array<Buffer>(mb).fill(block), Buffer.from([0x03, 0x00])]);
  const small = (text: string) => {
    const data = Buffer.from(text);
    return { body: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
  };
  return zipOf([
    {
      name: '[Content_Types].xml',
      ...small(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      ...small(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Devices" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      ...small(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', body: bomb, size: 10 * 1024, crc: 0 },
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
