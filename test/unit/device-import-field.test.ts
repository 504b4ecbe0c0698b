/**
 * Inventories as a new user brings them, end to end through the dispatcher and the CLI:
 * everyday spellings, NetBox's real export, a mapping file that adds to the automatic one,
 * a file no row of which can be imported, bad values, ISO-only dates, hostile shapes
 * (300,000 columns, JSON nested 100,000 deep), workbooks with a title row and two sheets,
 * and labels placed once and remembered.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openApp, runCli, tempDir } from './helpers';
import type { RequestOf } from '../../electron/ipc/contract';

const FIELD = '/work/shared/field-data';
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

function app() {
  const a = openApp({ now: () => new Date('2026-11-30T12:00:00Z') });
  const call = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const preview = (request: RequestOf<'devices.preview'>) =>
    call(a.dispatcher.call('devices.preview', request));
  return { ...a, call, preview };
}

/** The 1,000-row inventory of the issue: seven everyday spellings of what a warehouse runs. */
function mixedSpellings(rows: number): string {
  const kinds = [
    'AMR robot',
    'Shelf sensor',
    'Conveyor PLC',
    'RFID reader',
    'IP camera',
    'Edge gateway',
    'Handheld scanner',
  ];
  const lines = ['Device ID,Type,Manufacturer,Firmware,Status,Last seen'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `dev-${i},${kinds[i % kinds.length]},Maker ${i % 5},1.${i % 9},${i % 17 ? 'In service' : 'Retired'},2026-11-30T0${i % 10}:00:00Z`,
    );
  return lines.join('\n');
}

describe('the floor’s own words', () => {
  it('imports every row of 1,000 with seven everyday type spellings, each in its category, none to place', async () => {
    const { preview } = app();
    const p = await preview({
      source: 'WMS',
      fileName: 'floor.csv',
      contentBase64: b64(mixedSpellings(1000)),
    });
    expect(p.counts).toEqual({ read: 1000, valid: 1000, rejected: 0, duplicates: 0, warned: 0 });
    expect(p.labels.filter((l) => l.field === 'type').map((l) => [l.value, l.placed])).toEqual(
      expect.arrayContaining([
        ['AMR robot', 'robot'],
        ['Shelf sensor', 'sensor'],
        ['Conveyor PLC', 'plc'],
        ['RFID reader', 'rfid-reader'],
        ['IP camera', 'camera'],
        ['Edge gateway', 'gateway'],
        ['Handheld scanner', 'scanner'],
      ]),
    );
    expect(p.labels.filter((l) => l.placed === null)).toEqual([]);
    expect(p.dates.detected).toBe('none');
  });

  it('shows the source’s label beside the category in the table, and filters by category', async () => {
    const { preview, call, dispatcher: d } = app();
    const p = await preview({ source: 'WMS', fileName: 'floor.csv', contentBase64: b64(mixedSpellings(70)) });
    await call(d.call('devices.apply', { token: p.token }));
    const robots = await call(d.call('devices.list', { category: 'robot' }));
    expect(robots.total).toBe(10);
    expect(robots.items[0]!.device).toMatchObject({ type: 'AMR robot', category: 'robot' });
    const facets = await call(d.call('devices.facets', {}));
    expect(facets.categories).toEqual([
      'camera',
      'gateway',
      'plc',
      'rfid-reader',
      'robot',
      'scanner',
      'sensor',
    ]);
    const found = await call(d.call('devices.list', { search: 'conveyor' }));
    expect(found.total).toBe(10);
  });
});

describe('NetBox’s real export through the CLI', () => {
  it('imports the named devices (one name at three sites three times), refuses the 22 without name, serial or tag, and exits 0', async () => {
    const dir = tempDir();
    const r = await runCli(dir, [
      'devices',
      'import',
      join(FIELD, 'netbox/devices-netbox-export.csv'),
      '--source',
      'NetBox',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      preview: {
        recognised: { id: string };
        counts: { read: number; valid: number; rejected: number; duplicates: number };
        errors: { reason: string }[];
        warnings: unknown[];
      };
      applied: { added: number };
    };
    expect(out.preview.recognised.id).toBe('netbox');
    // The three "PP:MDF" panels are at three sites: all three imported, two named with their site.
    expect(out.preview.counts).toMatchObject({ read: 214, rejected: 22, duplicates: 0 });
    expect(out.applied.added).toBe(192);
    expect(new Set(out.preview.errors.map((e) => e.reason))).toEqual(
      new Set(['nothing names the device: no device ID, asset tag, name or serial number']),
    );
    expect(out.preview.warnings).toHaveLength(2);
    const text = await runCli(dir, [
      'devices',
      'import',
      join(FIELD, 'netbox/devices-netbox-table-export.csv'),
      '--source',
      'NetBox table',
      '--dry-run',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('NetBox device table export');
    expect(text.stdout).not.toContain('could not place');
  });
});

describe('a mapping file adds to the automatic mapping', () => {
  it('names only what differs: one column and one label; everything recognised stays', async () => {
    const dir = tempDir();
    const file = join(dir, 'floor.csv');
    writeFileSync(
      file,
      'Asset ID;Kind;Maker;Model;Remarks;Lifecycle\nA-1;Stretch wrapper;Lantech;Q-300;Dana;mothballed\nA-2;AMR robot;Locus;LocusBot;Sam;In service\n',
    );
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: { Remarks: 'owner' },
        values: { type: { 'Stretch wrapper': 'robot' }, status: { mothballed: 'spare' } },
      }),
    );
    const r = await runCli(dir, ['devices', 'import', file, '--mapping', mapping, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      preview: { mapping: { columns: Record<string, string | null> }; sample: { device: object }[] };
    };
    expect(out.preview.mapping.columns).toEqual({
      'Asset ID': 'deviceId',
      Kind: 'type',
      Maker: 'manufacturer',
      Model: 'model',
      Remarks: 'owner',
      Lifecycle: 'status',
    });
    expect(out.preview.sample.map((s) => s.device)).toMatchObject([
      { deviceId: 'A-1', type: 'Stretch wrapper', category: 'robot', owner: 'Dana', status: 'spare' },
      { deviceId: 'A-2', category: 'robot', status: 'active' },
    ]);
    // The next file from the same source remembers it all without the mapping file.
    const again = await runCli(dir, ['devices', 'import', file, '--dry-run', '--json']);
    const next = JSON.parse(again.stdout) as {
      preview: { sample: { device: object }[]; mappingSaved: boolean };
    };
    expect(next.preview.mappingSaved).toBe(true);
    expect(next.preview.sample[0]!.device).toMatchObject({
      category: 'robot',
      owner: 'Dana',
      status: 'spare',
    });
  });

  it('refuses a mapping file naming a column the file does not have, or a word that is not ours, saying where', async () => {
    const dir = tempDir();
    const file = join(dir, 'inv.csv');
    writeFileSync(file, 'id,type\nd1,Camera\n');
    const wrongColumn = join(dir, 'a.json');
    writeFileSync(wrongColumn, JSON.stringify({ columns: { Serial: 'serial' } }));
    const a = await runCli(dir, ['devices', 'import', file, '--mapping', wrongColumn]);
    expect(a).toMatchObject({
      code: 2,
      stderr: 'vendor-risk: The mapping names a column the file does not have: "Serial"\n',
    });
    const wrongWord = join(dir, 'b.json');
    writeFileSync(wrongWord, JSON.stringify({ values: { type: { Camera: 'webcam' } } }));
    const b = await runCli(dir, ['devices', 'import', file, '--mapping', wrongWord]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^vendor-risk: invalid mapping at values\.type\.Camera: /);
  });
});

describe('a file of which no row can be imported', () => {
  const nothing = 'Device ID,Model,Notes\n,TC52,first\n,TC52,second\n  ,MC3300,third\n';

  it('writes nothing: no import, no mapping, no snapshot, no audit entry; the CLI exits 2 naming why', async () => {
    const dir = tempDir();
    // The file lives outside the data folder (whose files are narrowed to the owner's on open, and the trail says so).
    const file = join(tempDir(), 'nothing.csv');
    writeFileSync(file, nothing);
    const r = await runCli(dir, ['devices', 'import', file, '--source', 'Asset DB']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'vendor-risk: No row of the file can be imported (3 read; 3 rows: nothing names the device: no device ID, asset tag, name or serial number); nothing was written\n',
    );
    const { services } = openApp({ dataDir: dir });
    expect(services.storage.devices.imports(10)).toEqual([]);
    expect(services.storage.devices.mapping('Asset DB')).toBeNull();
    expect(services.storage.audit.count()).toBe(0);
    expect(services.backups.list().snapshots).toEqual([]);
  });

  it('through the dispatcher the preview shows why, and applying it is refused before any snapshot', async () => {
    const { preview, dispatcher: d, services } = app();
    const p = await preview({ source: 'S', fileName: 'n.csv', contentBase64: b64(nothing) });
    expect(p.counts).toMatchObject({ read: 3, valid: 0, rejected: 3 });
    const applied = await d.call('devices.apply', { token: p.token });
    expect(applied).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(services.backups.list().snapshots).toEqual([]);
    expect(services.storage.devices.imports(10)).toEqual([]);
  });
});

describe('a file whose columns we cannot place', () => {
  it('is previewed with every row saying why, so the user can map a column and read it again', async () => {
    const { preview } = app();
    const text = 'Kit;Code;Place\nTC52;W-1;Dock 3\nZT410;W-2;Packing\n';
    const first = await preview({ source: 'S', fileName: 'kit.csv', contentBase64: b64(text) });
    expect(first.counts).toMatchObject({ read: 2, valid: 0, rejected: 2 });
    expect(first.errors[0]!.reason).toBe(
      'no column names the devices: map a device ID, asset tag, name or serial number column',
    );
    const mapped = await preview({
      source: 'S',
      fileName: 'kit.csv',
      contentBase64: b64(text),
      mapping: { columns: { Code: 'assetTag', Kit: 'model' } },
    });
    expect(mapped.counts).toMatchObject({ valid: 2, rejected: 0 });
    expect(mapped.sample[0]!.device).toMatchObject({ deviceId: 'W-1', model: 'TC52', category: 'scanner' });
  });

  it('reads German, French and Spanish headers', async () => {
    const { preview } = app();
    const text =
      'Gerät;Seriennummer;Hersteller;Modell;Typ;Standort\nScanner Tor 3;S-1;Zebra;TC52;Handscanner;Halle 2\n';
    const p = await preview({ source: 'S', fileName: 'de.csv', contentBase64: b64(text) });
    expect(p.mapping.columns).toEqual({
      Gerät: 'name',
      Seriennummer: 'serial',
      Hersteller: 'manufacturer',
      Modell: 'model',
      Typ: 'type',
      Standort: 'location',
    });
    expect(p.sample[0]!.device).toMatchObject({
      deviceId: 'S-1',
      name: 'Scanner Tor 3',
      category: 'scanner',
    });
  });
});

describe('values that cannot be read', () => {
  it('--json lists warnings apart from errors; the text says the devices were imported with the value unknown', async () => {
    const dir = tempDir();
    const file = join(dir, 'inv.csv');
    writeFileSync(
      file,
      'Device ID,Firmware Signed,Cert Expiry,Last Seen\nd1,maybe,2027-01-01,2026-11-30T08:00:00Z\nd2,yes,soon,yesterday\n,yes,,\n',
    );
    const json = await runCli(dir, ['devices', 'import', file, '--dry-run', '--json']);
    const out = JSON.parse(json.stdout) as {
      preview: { errors: { row: number }[]; warnings: { row: number; column: string; value: string }[] };
    };
    expect(out.preview.errors.map((e) => e.row)).toEqual([4]);
    expect(out.preview.warnings.map((w) => [w.row, w.column, w.value])).toEqual([
      [2, 'Firmware Signed', 'maybe'],
      [3, 'Cert Expiry', 'soon'],
      [3, 'Last Seen', 'yesterday'],
    ]);
    const text = await runCli(dir, ['devices', 'import', file, '--dry-run']);
    expect(text.stdout).toContain('Warnings, the device imported with the value unknown (3):');
    expect(text.stdout).toContain(
      '  row 2, Firmware Signed: not yes/no/true/false/1/0/y/n; left unknown (maybe)',
    );
    expect(text.stdout).toContain('Refused rows (1):');
  });

  it('says so when no column names a maker or model (GLPI’s agent export): nothing could match the devices', async () => {
    const dir = tempDir();
    const file = join(FIELD, 'inventories/glpi/networkequipment_3.json');
    const out = JSON.parse(
      (await runCli(dir, ['devices', 'import', file, '--dry-run', '--json'])).stdout,
    ) as {
      preview: { counts: { valid: number }; notes: string[]; warnings: { column: string; reason: string }[] };
    };
    expect(out.preview.counts.valid).toBe(1);
    // Its nested record is kept as an attribute, cut, and said so.
    expect(out.preview.warnings).toContainEqual(
      expect.objectContaining({ column: 'content', reason: 'longer than 500 characters; kept cut to 500' }),
    );
    expect(out.preview.notes).toContain(
      'No column was read as the manufacturer or the model: the devices cannot be rolled up to their makers or matched against advisories. Map the columns that hold them, if the file has any.',
    );
    // A file with a model column says nothing of the kind.
    const plain = join(dir, 'inv.csv');
    writeFileSync(plain, 'Asset Tag,Model\nA-1,FX9600\n');
    const ok = JSON.parse(
      (await runCli(dir, ['devices', 'import', plain, '--dry-run', '--json'])).stdout,
    ) as {
      preview: { notes: string[] };
    };
    expect(ok.preview.notes.join(' ')).not.toContain('No column was read as the manufacturer');
  });

  it('the totals line a spreadsheet adds under its list is refused as such, not imported as a device', async () => {
    const dir = tempDir();
    const file = join(dir, 'inv.csv');
    writeFileSync(
      file,
      'Asset Tag,Name,Model\nA-1,Dock door reader,FX9600\nA-2,Yard camera,P1465\nTotal,2 devices,\nGrand total:,2,\nTotalizer-7,Flow meter,\n',
    );
    const json = await runCli(dir, ['devices', 'import', file, '--dry-run', '--json']);
    const out = JSON.parse(json.stdout) as {
      preview: {
        counts: { valid: number };
        errors: { row: number; column: string; value: string; reason: string }[];
      };
    };
    expect(out.preview.counts.valid).toBe(3);
    expect(out.preview.errors).toEqual([
      { row: 4, column: 'Asset Tag', value: 'Total', reason: 'a totals line, not a device' },
      { row: 5, column: 'Asset Tag', value: 'Grand total:', reason: 'a totals line, not a device' },
    ]);
  });

  it('a file of ISO dates only is not called ambiguous, and does not fix the source’s date order', async () => {
    const dir = tempDir();
    const file = join(dir, 'iso.csv');
    writeFileSync(file, 'Device ID,Cert Expiry,Last Seen\nd1,2027-01-01,2026-11-30T08:00:00Z\n');
    const r = await runCli(dir, ['devices', 'import', file, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/ambiguous|dd\/mm|mm\/dd/);
    expect((await runCli(dir, ['devices', 'import', file, '--source', 'S'])).code).toBe(0);
    // The next file from the source has month-first dates: they are read so, not as day-first.
    writeFileSync(file, 'Device ID,Cert Expiry\nd1,12/31/2027\nd2,01/02/2027\n');
    const next = await runCli(dir, ['devices', 'import', file, '--source', 'S', '--dry-run', '--json']);
    const out = JSON.parse(next.stdout) as { preview: { dates: object; warnings: unknown[] } };
    expect(out.preview.dates).toEqual({ order: 'mdy', detected: 'mdy' });
    expect(out.preview.warnings).toEqual([]);
  });

  it('a quoted value that makes a row longer than 4 MB is refused with its row', async () => {
    const { dispatcher: d } = app();
    const text = `id,notes\nd1,ok\nd2,"${'x'.repeat(5 * 1024 * 1024)}"\nd3,ok\n`;
    const r = await d.call('devices.preview', {
      source: 'S',
      fileName: 'long.csv',
      contentBase64: b64(text),
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'The CSV cannot be read: row 3 is longer than 4 MB; no device takes that much.' },
    });
  });
});

describe('hostile shapes', () => {
  it('a 4 MB CSV of 300,000 columns is refused at its header, quickly and in little memory', async () => {
    const { dispatcher: d } = app();
    const header = Array.from({ length: 300_000 }, (_, i) => `column-${i}`).join(',');
    const text = `${header}\n${'x,'.repeat(299_999)}x\n`;
    const before = process.memoryUsage().rss;
    const t = performance.now();
    const r = await d.call('devices.preview', {
      source: 'S',
      fileName: 'wide.csv',
      contentBase64: b64(text),
    });
    const ms = performance.now() - t;
    const grew = (process.memoryUsage().rss - before) / 1024 / 1024;
    console.log(
      `300,000 columns (${(text.length / 1024 / 1024).toFixed(1)} MB): refused in ${ms.toFixed(0)} ms, RSS +${grew.toFixed(0)} MB`,
    );
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Row 1 has 300,000 columns; an import reads at most 1,024. Is this the right file?',
      },
    });
    // Generous for a busy machine; the point is seconds and a gigabyte are gone.
    expect(ms).toBeLessThan(5000);
    expect(grew).toBeLessThan(300);
  });

  it('a header of 2,000 columns below a title row, and JSON records with 2,000 fields, are refused with the count', async () => {
    const { dispatcher: d } = app();
    const wide = `Inventory\n${Array.from({ length: 2000 }, (_, i) => `c${i}`).join(';')}\n`;
    const csv = await d.call('devices.preview', { source: 'S', fileName: 'w.csv', contentBase64: b64(wide) });
    expect(csv).toMatchObject({
      ok: false,
      error: { message: 'Row 2 has 2,000 columns; an import reads at most 1,024. Is this the right file?' },
    });
    const record = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    const json = await d.call('devices.preview', {
      source: 'S',
      fileName: 'w.json',
      contentBase64: b64(JSON.stringify([record])),
    });
    expect(json).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/more than 1,024 different fields \(record 1\)/) },
    });
  });

  it('JSON nested 100,000 deep is refused with a clear message, no stack overflow', async () => {
    const { dispatcher: d, internalErrors } = app();
    const deep = `[{"id":"a","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}]`;
    const r = await d.call('devices.preview', {
      source: 'S',
      fileName: 'deep.json',
      contentBase64: b64(deep),
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/nested more than 64 levels deep \(in record 1\)/),
      },
    });
    expect(internalErrors).toEqual([]);
  });
});

/** A workbook as people keep them: a title row, a blank row, the header, devices; a second sheet. */
async function workbook(hiddenFirst = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (hiddenFirst) {
    const lists = wb.addWorksheet('Lists');
    lists.addRow(['Kinds']);
    lists.state = 'hidden';
  }
  const floor = wb.addWorksheet('Floor devices');
  floor.addRow(['Northwind Logistics — floor devices, exported 30/11/2026']);
  floor.addRow([]);
  floor.addRow(['Asset ID', 'Device Name', 'Kind', 'Maker', 'Model', 'Cert Valid Until', 'FW Signed']);
  floor.addRow([
    'A-1',
    'amr-07',
    'AMR robot',
    'Locus Robotics',
    'LocusBot',
    new Date(Date.UTC(2027, 2, 1)),
    true,
  ]);
  floor.addRow(['A-2', 'plc-2', 'Conveyor PLC', 'Siemens', 'SIMATIC S7-1200', 'not yet', 'no']);
  floor.addRow([3003, 'scan-3', 'Handheld scanner', 'Zebra', 'TC52', null, 'yes']);
  const yard = wb.addWorksheet('Yard');
  yard.addRow(['Hostname', 'Serial', 'Type']);
  yard.addRow(['cam-yard-1', 'AX-1', 'IP camera']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX workbooks', () => {
  it('reads the first sheet by default (its title row skipped), another by name, and refuses one it lacks', async () => {
    const { preview, dispatcher: d } = app();
    const bytes = await workbook();
    const first = await preview({ source: 'X', fileName: 'devices.xlsx', contentBase64: b64(bytes) });
    expect(first).toMatchObject({
      format: 'xlsx',
      sheets: ['Floor devices', 'Yard'],
      sheet: 'Floor devices',
      headerRow: 3,
      counts: { read: 3, valid: 3, rejected: 0, warned: 1 },
    });
    expect(first.notes).toContain('Row 1 is above the header (row 3) and was skipped.');
    expect(first.sample.map((s) => [s.row, s.device.deviceId, s.device.category])).toEqual([
      [4, 'A-1', 'robot'],
      [5, 'A-2', 'plc'],
      [6, '3003', 'scanner'],
    ]);
    expect(first.sample[0]!.device).toMatchObject({ certExpiry: '2027-03-01', firmwareSigned: 'yes' });
    expect(first.warnings).toEqual([
      {
        row: 5,
        column: 'Cert Valid Until',
        value: 'not yet',
        reason: 'not a date (YYYY-MM-DD, dd/mm/yyyy, mm/dd/yyyy or an Excel date); left unknown',
      },
    ]);
    const yard = await preview({
      source: 'X',
      fileName: 'devices.xlsx',
      contentBase64: b64(bytes),
      sheet: 'Yard',
    });
    // The serial names the device; the hostname is its name.
    expect(yard.sample.map((s) => [s.device.deviceId, s.device.name, s.device.category])).toEqual([
      ['AX-1', 'cam-yard-1', 'camera'],
    ]);
    const missing = await d.call('devices.preview', {
      source: 'X',
      fileName: 'devices.xlsx',
      contentBase64: b64(bytes),
      sheet: 'Dock',
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { message: 'The workbook has no sheet "Dock" (it has: Floor devices, Yard)' },
    });
  });

  it('a hidden first sheet is passed over; a sheet named in another case is found', async () => {
    const { preview } = app();
    const bytes = await workbook(true);
    const first = await preview({ source: 'X', fileName: 'd.xlsx', contentBase64: b64(bytes) });
    expect(first).toMatchObject({ sheets: ['Lists', 'Floor devices', 'Yard'], sheet: 'Floor devices' });
    const yard = await preview({ source: 'X', fileName: 'd.xlsx', contentBase64: b64(bytes), sheet: 'yard' });
    expect(yard.sheet).toBe('Yard');
  });

  it('the CLI takes --sheet, and a file that only claims to be a workbook is refused plainly', async () => {
    const dir = tempDir();
    const file = join(dir, 'devices.xlsx');
    writeFileSync(file, await workbook());
    const r = await runCli(dir, ['devices', 'import', file, '--sheet', 'Yard', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { applied: { added: number } }).applied.added).toBe(1);
    const old = join(dir, 'old.xls');
    writeFileSync(old, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await runCli(dir, ['devices', 'import', old])).toMatchObject({
      code: 2,
      stderr:
        'vendor-risk: This is an older Excel workbook (.xls) or one protected by a password; save it as .xlsx without a password, or as CSV, and import that.\n',
    });
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, 'id,type\nd1,camera\n');
    const f = await runCli(dir, ['devices', 'import', fake]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/^vendor-risk: .*(zip|workbook)/i);
  });
});

describe('labels we could not place', () => {
  it('are imported as other and listed; placed once, they are remembered for the source', async () => {
    const { preview, call, dispatcher: d } = app();
    const text =
      'Device ID,Type,Model\nw-1,Stretch wrapper,Q-300\nw-2,Stretch wrapper,Q-300\nd-1,Dock leveller,\nr-1,AMR robot,\n';
    const first = await preview({ source: 'WMS', fileName: 'a.csv', contentBase64: b64(text) });
    expect(first.counts.valid).toBe(4);
    expect(first.labels.filter((l) => l.placed === null).map((l) => [l.value, l.count])).toEqual([
      ['Stretch wrapper', 2],
      ['Dock leveller', 1],
    ]);
    expect(first.sample.map((s) => s.device.category)).toEqual(['other', 'other', 'other', 'robot']);
    // The user places one of them and reads the file again (the wizard sends its whole mapping).
    const placed = await preview({
      source: 'WMS',
      fileName: 'a.csv',
      contentBase64: b64(text),
      mapping: {
        ...first.mapping,
        values: { ...first.mapping.values, type: { 'Stretch wrapper': 'robot' } },
      },
    });
    expect(placed.labels.find((l) => l.value === 'Stretch wrapper')).toMatchObject({
      placed: 'robot',
      by: 'mapping',
    });
    await call(d.call('devices.apply', { token: placed.token }));
    const next = await preview({ source: 'WMS', fileName: 'b.csv', contentBase64: b64(text) });
    expect(next.labels.find((l) => l.value === 'Stretch wrapper')).toMatchObject({
      placed: 'robot',
      by: 'mapping',
    });
    expect(next.diff).toMatchObject({ added: 0, changed: 0, unchanged: 4 });
  });
});
