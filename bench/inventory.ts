/** A device inventory CSV like a WMS asset export (17 columns, about 140 bytes a row, read with no hand mapping), and a data folder to import it into. */
import { closeSync, fsyncSync, openSync, statSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchHost, type BenchHost } from './host';

const HEADER =
  'Hostname,Serial No.,Mfr,Model,Type,Lifecycle,Firmware Ver,Firmware Signed,Last Firmware Update,mTLS,Cert Expiry,Last Heartbeat,Zone,VLAN,Default Password Changed,Owner,Rack';
const TYPES = ['camera', 'sensor', 'rfid reader', 'plc', 'robot', 'gateway', 'handheld scanner'];
export const MAKERS = ['Zebra', 'Honeywell', 'Siemens', 'Axis', 'Locus', 'Cisco'];

function line(i: number): string {
  return [
    `dev-${i}`,
    `SN${String(i).padStart(8, '0')}`,
    MAKERS[i % MAKERS.length],
    `M-${i % 50}`,
    TYPES[i % TYPES.length],
    i % 20 === 0 ? 'retired' : 'active',
    `${1 + (i % 5)}.${i % 10}.${i % 7}`,
    i % 9 === 0 ? 'no' : 'yes',
    `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    i % 4 === 0 ? 'false' : 'true',
    `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2027`,
    `2026-11-2${i % 4}T08:00:00Z`,
    `Zone ${i % 30}`,
    `VLAN${100 + (i % 8)}`,
    i % 11 === 0 ? 'n' : 'y',
    `Team ${i % 12}`,
    `R${i % 400}`,
  ].join(',');
}

/** Writes an inventory of `rows` devices to `path` a block at a time (never the whole text in memory); returns its size. */
export function writeInventory(path: string, rows: number): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let block = [HEADER];
    for (let i = 0; i < rows; i++) {
      block.push(line(i));
      if (block.length === 10_000 || i === rows - 1) {
        bytes += writeSync(fd, block.join('\r\n') + '\r\n');
        block = [];
      }
    }
    // On disk before the import starts, so the import does not share the disk with writing it back.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * Writes the same inventory as an .xlsx workbook (a title row above the header, as people
 * keep them) with ExcelJS's streaming writer, a row at a time; returns its size.
 */
export async function writeInventoryXlsx(path: string, rows: number): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = wb.addWorksheet('Devices');
  sheet.addRow(['Warehouse devices, exported from the WMS']).commit();
  sheet.addRow(HEADER.split(',')).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(line(i).split(',')).commit();
  sheet.commit();
  await wb.commit();
  return statSync(path).size;
}

/** A fresh data folder with the data host open on it (as the app's main process has it), removed by `close`. */
export const freshCore = () => benchHost();

let jobs = 0;

/**
 * Imports a file by path (as "Choose file…" and the CLI do): preview, then apply, each as a
 * job with its progress sent to this thread as the import dialog's are; the preview's time too.
 */
export async function importFile(
  core: BenchHost,
  path: string,
  rows: number,
): Promise<{ previewMs: number }> {
  const t = performance.now();
  const opened = await core.dispatcher.call('devices.openPath', { path });
  if (!opened.ok) throw new Error(opened.error.message);
  const preview = await core.dispatcher.call('devices.preview', {
    source: 'WMS asset export',
    fileId: opened.value.fileId,
    jobId: `bench-${(jobs += 1)}`,
  });
  if (!preview.ok) throw new Error(preview.error.message);
  if (preview.value.readIn !== 'worker') throw new Error('the file was not read in the worker');
  if (preview.value.counts.valid !== rows) throw new Error(`only ${preview.value.counts.valid} valid rows`);
  const previewMs = performance.now() - t;
  const applied = await core.dispatcher.call('devices.apply', {
    token: preview.value.token,
    jobId: `bench-${(jobs += 1)}`,
  });
  if (!applied.ok || applied.value.added !== rows)
    throw new Error(`import failed: ${applied.ok ? applied.value.added : applied.error.message}`);
  return { previewMs };
}

/** Runs the built CLI in a process of its own; its exit code, wall time and peak resident memory (threads included). */
export function runCliMeasured(args: string[]): {
  exitCode: number;
  wallMs: number;
  peakRssMb: number;
  stderr: string;
} {
  const cli = join(__dirname, '../.vite/build/cli.js');
  const script = `require(${JSON.stringify(cli)}).main(${JSON.stringify(args)}).then((code) => {
    process.stderr.write('\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n');
    process.exit(code);
  });`;
  const t = performance.now();
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  const peak = /PEAK_RSS_KB=(\d+)/.exec(run.stderr);
  if (!peak) throw new Error(`the CLI did not finish: ${run.stderr.slice(0, 500)}`);
  return {
    exitCode: run.status ?? -1,
    wallMs,
    peakRssMb: Number(peak[1]) / 1024,
    stderr: run.stderr.replace(peak[0], '').trim(),
  };
}
