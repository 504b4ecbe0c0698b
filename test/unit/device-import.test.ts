/**
 * The streaming importer: a file read a piece at a time gives exactly the records of the
 * whole file, however the pieces fall; the duplicate index; the import engine's cancel,
 * conflict and staging; the compact storage migration; the fast date path.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parse } from 'csv-parse/sync';
import {
  streamInventory,
  type InventoryRecord,
  type BadLine,
  type FileFacts,
} from '../../electron/domain/device-file';
import { createKeyIndex } from '../../electron/domain/key-index';
import {
  readDate,
  encodeDevice,
  decodeDevice,
  DeviceMappingSchema,
  DeviceSchema,
  type Device,
  type DeviceMappingPatch,
} from '../../electron/domain/devices';
import { suggestColumns } from '../../electron/domain/device-formats';
import { checkDevice, DEFAULT_DEVICE_CHECK_SETTINGS } from '../../electron/domain/device-checks';
import { createImportEngine, type ImportHooks } from '../../electron/services/device-import';
import { createImportStore, openImportConnection } from '../../electron/storage/import-store';
import { DATABASE_FILE } from '../../electron/storage/database';
import { openStorage } from '../../electron/storage/storage';
import { MIGRATIONS } from '../../electron/storage/migrations';
import { openApp, tempDir } from './helpers';
import { device } from '../fixtures/device';
import { readRows } from '../../electron/domain/device-rows';
import { MAX_SENT_BYTES } from '../../electron/domain/device-api';
import type { ResponseOf, Result } from '../../electron/ipc/contract';

/** Streams `bytes` in pieces of `size` bytes; everything the sink heard. */
function streamed(bytes: Uint8Array, size: number, fileName = 'x.csv') {
  const records: InventoryRecord[] = [];
  const bad: BadLine[] = [];
  let facts: FileFacts | null = null;
  let starts = 0;
  const result = streamInventory(
    function* () {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    },
    bytes.length,
    fileName,
    {
      start(f) {
        starts += 1;
        facts = f;
        records.length = 0;
        bad.length = 0;
      },
      records(batch, badLines) {
        records.push(...batch);
        bad.push(...badLines);
      },
    },
  );
  return { result, records, bad, facts: facts as FileFacts | null, starts };
}

/** A CSV of more than 64 KB (the part a reader looks at first) whose later rows are the tricky ones. */
function trickyCsv(): string {
  const lines = ['id,name,notes'];
  for (let i = 0; i < 1500; i++) lines.push(`plain-${i},Gerät ${i},ok ${'x'.repeat(40)}`);
  lines.push('q-1,"Line one\r\nline two, with a comma","He said ""hi"""');
  lines.push('q-2,日本語の名前,🚚 emoji 🚚');
  lines.push('');
  lines.push('q-3,"a ""quoted"" name","=HYPERLINK(""x"")"');
  lines.push('q-4,"multi\nline\nvalue",tail');
  for (let i = 0; i < 300; i++) lines.push(`late-${i},Ünïcödé ${i},"quoted, ${i}"`);
  return lines.join('\r\n') + '\r\n';
}

describe('reading a file a piece at a time', () => {
  const text = trickyCsv();
  const bytes = new TextEncoder().encode(text);
  const oracle = (parse(text, { relax_column_count: true }) as string[][]).slice(1);

  it.each([1, 2, 3, 7, 64, 4095, 65_537, bytes.length])(
    'pieces of %i bytes give every record of the whole file, with spreadsheet row numbers',
    (size) => {
      const { result, records, facts, starts } = streamed(bytes, size);
      expect(result.ok).toBe(true);
      expect(starts).toBe(1);
      expect(facts!.headers).toEqual(['id', 'name', 'notes']);
      expect(records.map((r) => r.values)).toEqual(oracle.filter((cells) => cells.join('') !== ''));
      // The blank line still counts as a row: q-3 is on the row after it.
      const q3 = records.find((r) => r.values[0] === 'q-3')!;
      const q2 = records.find((r) => r.values[0] === 'q-2')!;
      expect(q3.row).toBe(q2.row + 2);
      expect(records[0]!.row).toBe(2);
    },
  );

  it('reads UTF-16 (with and without a BOM) in odd-sized pieces', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const noBom = Buffer.from(text, 'utf16le');
    for (const b of [le, noBom]) {
      const { result, records, facts } = streamed(new Uint8Array(b), 333);
      expect(result.ok).toBe(true);
      expect(facts!.encoding).toBe('utf-16le');
      expect(records.find((r) => r.values[0] === 'q-2')!.values[1]).toBe('日本語の名前');
      expect(records.length).toBe(oracle.length - 1);
    }
  });

  it('reads the file again as Windows-1252 when a byte far into it is not UTF-8', () => {
    const head = Buffer.from(text.replace(/[\u0080-\uffff]/g, '?'), 'latin1');
    const tail = Buffer.from('late-x,Kühlhaus Süd,café\r\n', 'latin1');
    const { result, records, facts, starts } = streamed(new Uint8Array(Buffer.concat([head, tail])), 4096);
    expect(result.ok).toBe(true);
    expect(starts).toBe(2);
    expect(facts!.encoding).toBe('windows-1252');
    expect(records.at(-1)!.values).toEqual(['late-x', 'Kühlhaus Süd', 'café']);
    expect(records.filter((r) => r.values[0] === 'plain-0')).toHaveLength(1);
  });

  it('names the row of an unterminated quote that starts in a later piece', () => {
    const broken = new TextEncoder().encode(text + 'bad-1,"never closed,x\r\nmore,rows,here\r\n');
    // The row after the last one of the clean file (rows count records, not lines: some hold line breaks).
    const expectedRow = streamed(bytes, bytes.length).records.at(-1)!.row + 1;
    for (const size of [5, 1000, 32 * 1024]) {
      const { result } = streamed(broken, size);
      expect(result).toEqual({
        ok: false,
        message: `The CSV cannot be read: quoted field unterminated (starting in row ${expectedRow})`,
      });
    }
  });

  it('says a file of only blank lines is empty, and one with only a header has no devices', () => {
    const blank = new TextEncoder().encode('\r\n'.repeat(40_000));
    expect(streamed(blank, 1000).result).toEqual({ ok: false, message: 'The file is empty.' });
    const header = new TextEncoder().encode('\n'.repeat(70_000) + 'id,name\n');
    expect(streamed(header, 999).result).toEqual({
      ok: false,
      message: 'The file has a header row but no devices.',
    });
  });
});

describe('the duplicate index', () => {
  it('gives the first row of each key, through growth and colliding hashes', () => {
    const index = createKeyIndex();
    const keys = Array.from({ length: 50_000 }, (_, i) => `dev-${i}`);
    keys.forEach((k, row) => {
      expect(index.find(k)).toBe(-1);
      index.addLast(row + 2);
    });
    keys.forEach((k, row) => expect(index.find(k)).toBe(row + 2));
    expect(index.find('dev-50000')).toBe(-1);
    // "Aa" and "BB" have the same Java-style hash; FNV keeps them apart anyway, and equal hashes would still compare keys.
    const small = createKeyIndex();
    for (const [k, row] of [
      ['Aa', 1],
      ['BB', 2],
      ['', 3],
    ] as const) {
      expect(small.find(k)).toBe(-1);
      small.addLast(row);
    }
    expect([small.find('Aa'), small.find('BB'), small.find('')]).toEqual([1, 2, 3]);
  });

  it('refuses to add a key it was not just asked about', () => {
    const index = createKeyIndex();
    expect(() => index.addLast(1)).toThrow(/addLast needs a find/);
    index.find('a');
    index.addLast(1);
    expect(index.find('a')).toBe(1);
    expect(() => index.addLast(2)).toThrow(/addLast needs a find/);
  });
});

describe('reading dates quickly', () => {
  it.each([
    ['2026-11-20', false, '2026-11-20'],
    ['2026-11-20', true, '2026-11-20'],
    ['2026-11-20T08:05:09Z', true, '2026-11-20T08:05:09Z'],
    ['2026-11-20T08:05:09Z', false, '2026-11-20'],
    ['2026-02-29', false, null],
    ['2024-02-29', false, '2024-02-29'],
    ['2026-13-01', false, null],
    ['2026-11-20T24:00:00Z', true, null],
    ['2026-11-20T23:60:00Z', true, null],
    ['2026-11-20T23:59:59Z', true, '2026-11-20T23:59:59Z'],
    ['2026-1x-20', false, null],
    ['2026-11-20T08:05:09+02:00', true, '2026-11-20T06:05:09Z'],
    [' 2026-11-20 ', false, '2026-11-20'],
  ])('%s (with time: %s) reads as %s', (raw, withTime, expected) => {
    expect(readDate(raw, 'dmy', withTime)).toBe(expected);
  });

  it('checks ages the same as dates made with Date', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const base = device({
      manufacturer: null,
      serial: null,
      lastFirmwareUpdate: '2025-11-24',
      certExpiry: '2026-12-24',
      lastSeen: '2026-11-23T12:00:00Z',
    });
    const at = (d: Partial<Device>) =>
      checkDevice(
        { ...base, ...d },
        { now, settings: DEFAULT_DEVICE_CHECK_SETTINGS, manufacturerLinked: null, duplicateSerial: false },
      );
    // Exactly 365 days old: not yet outdated; 366: outdated (2024 was a leap year: day arithmetic must hold).
    expect(at({})['firmware-outdated']).toBe('pass');
    expect(at({ lastFirmwareUpdate: '2025-11-23' })['firmware-outdated']).toBe('fail');
    expect(at({ certExpiry: '2026-12-24' })['cert-expiring']).toBe('fail');
    expect(at({ certExpiry: '2026-12-25' })['cert-expiring']).toBe('pass');
    expect(at({ certExpiry: '2026-11-23' })['cert-expired']).toBe('fail');
    expect(at({ lastSeen: '2026-11-23T12:00:00Z' })['stale-heartbeat']).toBe('pass');
    expect(at({ lastSeen: '2026-11-23T11:59:59Z' })['stale-heartbeat']).toBe('fail');
    expect(at({ lastSeen: '2026-11-24' })['stale-heartbeat']).toBe('pass');
  });
});

const HOOKS: ImportHooks = { progress: () => {}, cancelled: () => false };
const MAPPING = { columns: { id: 'deviceId' as const, fw: 'firmwareVersion' as const } };

/** A migrated data folder and an engine on its own connection, with a way to count devices. */
function engineOn() {
  const dir = tempDir();
  openStorage(dir).close();
  const path = join(dir, DATABASE_FILE);
  const sqlite = openImportConnection(path);
  const engine = createImportEngine(createImportStore(sqlite));
  const look = new DatabaseSync(path);
  const devices = () =>
    (look.prepare('SELECT data FROM devices ORDER BY device_id').all() as { data: string }[]).map((r) =>
      decodeDevice(r.data),
    );
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return { fileName: name, path: p };
  };
  const preview = (text: string, hooks = HOOKS, mapping: DeviceMappingPatch = MAPPING) =>
    engine.preview(
      {
        source: 'WMS',
        file: file('inv.csv', text),
        mapping,
        sheet: null,
        now: '2026-11-24T12:00:00Z',
        settings: DEFAULT_DEVICE_CHECK_SETTINGS,
      },
      hooks,
    );
  const apply = (token: string, hooks = HOOKS) =>
    engine.apply(
      { token, importId: crypto.randomUUID(), auditKey: null, at: '2026-11-24T12:00:00Z', actor: 'T' },
      hooks,
    );
  return { engine, devices, preview, apply, look, sqlite };
}

const rows = (n: number, fw: string) =>
  ['id,fw', ...Array.from({ length: n }, (_, i) => `d-${String(i).padStart(6, '0')},${fw}`)].join('\n');

describe('the import engine', () => {
  it('a cancel while reading or while writing changes nothing; the preview can still be applied after a cancelled write', async () => {
    const { devices, preview, apply } = engineOn();
    let asked = 0;
    const cancelSoon: ImportHooks = { progress: () => {}, cancelled: () => ++asked > 5 };
    await expect(preview(rows(60_000, '1.0'), cancelSoon)).rejects.toThrow(/cancelled; nothing was changed/);
    expect(devices()).toEqual([]);

    const first = await preview(rows(120_000, '1.0'));
    let pieces = 0;
    const cancelMidWrite: ImportHooks = { progress: () => {}, cancelled: () => ++pieces > 1 };
    expect(() => apply(first.token, cancelMidWrite)).toThrow(/cancelled; nothing was changed/);
    expect(devices()).toEqual([]);
    expect(apply(first.token).added).toBe(120_000);
    expect(devices()).toHaveLength(120_000);
  });

  it('refuses to apply a preview when another import changed the inventory since', async () => {
    const a = engineOn();
    const old = await a.preview(rows(3, '1.0'));
    // Another process imports in between.
    const other = createImportEngine(createImportStore(openImportConnection(a.sqlite.location()!)));
    const theirs = await other.preview(
      {
        source: 'Other',
        file: { fileName: 'o.csv', bytes: new TextEncoder().encode('id\nx-1\n') },
        mapping: { columns: { id: 'deviceId' } },
        sheet: null,
        now: '2026-11-24T12:00:00Z',
        settings: DEFAULT_DEVICE_CHECK_SETTINGS,
      },
      HOOKS,
    );
    other.apply(
      {
        token: theirs.token,
        importId: crypto.randomUUID(),
        auditKey: null,
        at: '2026-11-24T12:00:00Z',
        actor: 'O',
      },
      HOOKS,
    );
    expect(() => a.apply(old.token)).toThrow(/The inventory changed since this preview/);
    expect(a.devices().map((d) => d.deviceId)).toEqual(['x-1']);
  });

  it('reads a file again with the other date order when the whole file calls for it', async () => {
    const { preview } = engineOn();
    const p = await preview(['id,fw,patched', 'a,1,03/04/2026', 'b,1,12/31/2026'].join('\n'), HOOKS, {
      columns: { ...MAPPING.columns, patched: 'lastFirmwareUpdate' },
    });
    expect(p.dates).toEqual({ order: 'mdy', detected: 'mdy' });
    // Read as month first: 3 April and 31 December, no row errors.
    expect(p.sample.map((r) => r.device.lastFirmwareUpdate)).toEqual(['2026-03-04', '2026-12-31']);
    expect(p.errorsTotal + p.warningsTotal).toBe(0);
  });

  it('a new preview replaces the one before; discarding drops it', async () => {
    const { engine, preview, apply } = engineOn();
    const first = await preview(rows(2, '1.0'));
    const second = await preview(rows(3, '1.0'));
    expect(() => engine.check(first.token)).toThrow(/preview is gone/);
    expect(engine.discard(second.token)).toEqual({ discarded: true });
    expect(() => apply(second.token)).toThrow(/preview is gone/);
  });
});

describe('compact device records (migration 10)', () => {
  it('rewrites devices stored as objects into arrays that read back the same', () => {
    const dir = tempDir();
    openStorage(dir, { migrations: MIGRATIONS.filter((m) => m.version < 10) }).close();
    // The record as migration 10 found it: no name, asset tag, category or status label yet.
    const device = {
      deviceId: 'cam-1',
      type: 'camera',
      manufacturer: 'Axis',
      model: 'P1',
      serial: 'S1',
      firmwareVersion: '1.0',
      firmwareSigned: 'no' as const,
      lastFirmwareUpdate: null,
      mtls: 'unknown' as const,
      certExpiry: '2027-01-01',
      lastSeen: null,
      location: 'Dock 4',
      networkSegment: null,
      status: 'active' as const,
      defaultCredentialsChanged: 'yes' as const,
      owner: null,
      attributes: { Rack: 'R1' },
    };
    const raw = new DatabaseSync(join(dir, DATABASE_FILE));
    raw
      .prepare(
        "INSERT INTO devices (source, device_id, serial, manufacturer_key, data, import_id) VALUES ('WMS', 'cam-1', 'S1', 'axis', ?, 'i')",
      )
      .run(JSON.stringify(device));
    raw.close();
    const storage = openStorage(dir);
    // Stored before the source's own type label was kept: its type was one of our categories.
    const read: Device = {
      ...device,
      type: 'Camera',
      category: 'camera',
      name: null,
      assetTag: null,
      statusLabel: null,
    };
    try {
      expect(storage.devices.forSource('WMS').get('cam-1')).toEqual(read);
      const stored = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
      expect((stored.prepare('SELECT data FROM devices').get() as { data: string }).data).toBe(
        encodeDevice(read),
      );
      stored.close();
    } finally {
      storage.close();
    }
  });
});

describe('opening an inventory file', () => {
  it('the window opens files only through the dialog, names them by id, and cannot name a path', async () => {
    const dir = tempDir();
    const path = join(dir, 'sensors.csv');
    writeFileSync(path, 'Hostname,Serial No.,Lifecycle\nh-1,S1,active\nh-2,S2,active\n');
    let asked: string | null = null;
    const app = openApp({
      desktop: {
        chooseSavePath: async () => null,
        chooseOpenPath: async (ext) => {
          asked = ext;
          return path;
        },
        chooseOpenPaths: async () => [],
        showInFolder: () => {},
      },
    });
    const page = { kind: 'page', url: 'app://vendor-risk/index.html', isMainFrame: true } as const;
    const byPath = await app.dispatcher.dispatch('devices.openPath', { path }, page);
    expect(byPath).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const unknown = await app.dispatcher.dispatch(
      'devices.preview',
      { source: 'WMS', fileId: '00000000-0000-4000-8000-000000000000' },
      page,
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const chosen = (await app.dispatcher.dispatch('devices.chooseFile', {}, page)) as Result<
      ResponseOf<'devices.chooseFile'>
    >;
    if (!chosen.ok || !chosen.value.file) throw new Error('the dialog chose a file');
    expect(asked).toBe('.csv');
    expect(chosen.value.file).toMatchObject({ fileName: 'sensors.csv', size: 58 });
    const preview = await app.dispatcher.dispatch(
      'devices.preview',
      { source: 'WMS', fileId: chosen.value.file.fileId },
      page,
    );
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ fileName: 'sensors.csv', counts: { valid: 2 } });
  });

  it('a file too large to send whole is refused with the way to open it instead', async () => {
    const app = openApp();
    const r = await app.dispatcher.call('devices.preview', {
      source: 'WMS',
      fileName: 'big.csv',
      contentBase64: 'A'.repeat(Math.ceil((MAX_SENT_BYTES * 4) / 3) + 12),
    });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('Choose file') } });
  });
});

describe('the index of checked devices', () => {
  it('finds serials repeated across sources, whichever page they are on, and is ready before the table is read', async () => {
    const app = openApp({ now: () => new Date('2026-11-24T12:00:00Z') });
    const send = async (source: string, text: string) => {
      const p = await app.dispatcher.call('devices.preview', {
        source,
        fileName: `${source}.csv`,
        contentBase64: Buffer.from(text).toString('base64'),
      });
      if (!p.ok) throw new Error(p.error.message);
      const a = await app.dispatcher.call('devices.apply', { token: p.value.token });
      if (!a.ok) throw new Error(a.error.message);
    };
    // 5,000 devices (more than one page of the index) with the repeated serial on the first and the last page.
    const rows = ['Hostname,Serial No.'];
    for (let i = 0; i < 5000; i++) rows.push(`a-${i},${i === 0 ? 'DUP-1' : `SA${i}`}`);
    await send('A', rows.join('\n'));
    await send('B', 'Hostname,Serial No.\nb-1,dup-1\nb-2,SB2\n');
    const [list, findings] = await Promise.all([
      app.dispatcher.call('devices.list', { finding: 'duplicate-serial' }),
      app.dispatcher.call('devices.findings', {}),
    ]);
    if (!list.ok || !findings.ok) throw new Error('the table and the findings answer');
    expect(list.value.items.map((d) => d.device.name).sort()).toEqual(['a-0', 'b-1']);
    expect(findings.value.devices).toBe(5002);
    expect(findings.value.posture['duplicate-serial']).toEqual({
      fail: 2,
      accepted: 0,
      pass: 5000,
      unknown: 0,
    });
  });
});

describe('files that used to trip the streaming reader (review findings)', () => {
  it('gives up on a quote that never closes with the row it starts in, without reading the rest row by row', () => {
    const rows = ['id,name', 'a-1,"never closed'];
    for (let i = 0; i < 250_000; i++) rows.push(`b-${i},${'x'.repeat(40)}`);
    const { result } = streamed(new TextEncoder().encode(rows.join('\n')), 1 << 20);
    expect(result).toEqual({
      ok: false,
      message: 'The CSV cannot be read: row 2 goes on for more than 4 MB (a quote that never closes?)',
    });
    // A shorter file with the same quote ends with the parser's own word for it.
    const short = ['id,name', 'a-1,"never closed', 'b-1,x'].join('\n');
    expect(streamed(new TextEncoder().encode(short), 4).result).toEqual({
      ok: false,
      message: 'The CSV cannot be read: quoted field unterminated (starting in row 2)',
    });
  });

  it('reads UTF-8 with a BOM and one bad byte as UTF-8, the bad byte replaced', () => {
    const body = Buffer.from(`Device ID,Location\n${'z-1,Zürich\n'.repeat(8000)}z-2,caf`, 'utf8');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body, Buffer.from([0xe9, 0x0a])]);
    const { result, facts, records } = streamed(new Uint8Array(bytes), 4096);
    expect(result.ok).toBe(true);
    expect(facts!.encoding).toBe('utf-8');
    expect(facts!.headers).toEqual(['Device ID', 'Location']);
    expect(records[0]!.values).toEqual(['z-1', 'Zürich']);
    expect(records.at(-1)!.values).toEqual(['z-2', 'caf\ufffd']);
  });

  it('pads years before 1000 to four digits', () => {
    expect(readDate('01/02/0999', 'dmy')).toBe('0999-02-01');
    expect(readDate('0999-02-01', 'dmy')).toBe('0999-02-01');
  });

  it('the import connection zeroes what it deletes, as the app’s own does', () => {
    const { sqlite } = engineOn();
    expect(sqlite.prepare('PRAGMA secure_delete').get()).toEqual({ secure_delete: 1 });
  });

  it('a failed read of another file keeps the preview on screen valid', async () => {
    const { engine, preview } = engineOn();
    const first = await preview(rows(3, '1.0'));
    await expect(preview('id,name\n1,"never closed\n', HOOKS)).rejects.toThrow(/quoted field unterminated/);
    expect(() => engine.check(first.token)).not.toThrow();
  });

  it('refuses a pipe (no size, and it may never end) with a clear message', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'inventory.csv');
    execFileSync('mkfifo', [fifo]);
    const app = openApp();
    const opened = await app.dispatcher.call('devices.openPath', { path: fifo });
    expect(opened).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `${fifo} is not a file (an import reads a saved CSV, JSON or Excel file)`,
      },
    });
  });
});

describe('the records the reader makes', () => {
  it('every device read from a messy file is a valid record by the zod schema the app stores and sends', () => {
    const lines = [
      'Hostname,Serial No.,Mfr,Type,Lifecycle,Firmware Signed,mTLS,Cert Expiry,Last Heartbeat,Zone,Notes,__proto__',
      'cam-1,S1,Zebra,camera,active,yes,no,2027-01-01,2026-11-20T08:00:00+02:00,Dock," a, b ",x',
      'cam-2,,Axis,CAMERA,spare,Y,1,31/12/2027,45000.5,,"=HYPERLINK(""x"")",',
      'r-1,S3,,rfid-reader,decommissioned,unknown,,,2026-11-20,,,',
      `long-${'x'.repeat(600)},S4,Zebra,plc,active,maybe,yes,2027-13-01,yesterday,${'z'.repeat(600)},,`,
      ',,Zebra,camera,active,,,,,,no name at all,',
      'cam-1,S9,Zebra,camera,active,yes,yes,,,,,',
    ];
    const file = { headers: [] as string[], records: [] as { row: number; values: string[] }[] };
    const parsed = streamed(new TextEncoder().encode(lines.join('\r\n')), 7);
    if (!parsed.result.ok) throw new Error(parsed.result.message);
    file.headers = parsed.facts!.headers;
    file.records = parsed.records.map((r) => ({ row: r.row, values: [...r.values] }));
    const mapping = DeviceMappingSchema.parse({ columns: suggestColumns(file.headers).columns });
    const read = readRows(file, mapping);
    expect(read.devices.length).toBeGreaterThan(0);
    expect(read.errors.length).toBeGreaterThan(0);
    expect(read.warnings.length).toBeGreaterThan(0);
    for (const { device: d } of read.devices) expect(DeviceSchema.safeParse(d).success).toBe(true);
  });
});
