import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseInventoryFile, MAX_IMPORT_BYTES, type ParsedFile } from '../../electron/domain/device-file';
import {
  DeviceMappingSchema,
  detectDateOrder,
  changedFields,
  decodeDevice,
  encodeDevice,
  readDate,
  readTri,
  type Device,
} from '../../electron/domain/devices';
import { suggestColumns } from '../../electron/domain/device-formats';
import { readRows } from '../../electron/domain/device-rows';
import {
  checkDevice,
  DEFAULT_DEVICE_CHECK_SETTINGS,
  suggestVendor,
  type CheckContext,
} from '../../electron/domain/device-checks';
import { openApp, vendorInput } from './helpers';
import { device } from '../fixtures/device';
import { main } from '../../electron/cli';

/** How the columns of test/fixtures/device-inventory.csv map to device fields. */
const INVENTORY_COLUMNS = {
  Hostname: 'deviceId',
  'Serial No.': 'serial',
  Mfr: 'manufacturer',
  Type: 'type',
  Lifecycle: 'status',
  'Firmware Signed': 'firmwareSigned',
  mTLS: 'mtls',
  'Cert Expiry': 'certExpiry',
  'Last Heartbeat': 'lastSeen',
  'Default Password Changed': 'defaultCredentialsChanged',
  Zone: 'location',
} as const;

const utf8 = (s: string) => new TextEncoder().encode(s);
const ok = (r: ReturnType<typeof parseInventoryFile>): ParsedFile => {
  if (!r.ok) throw new Error(r.message);
  return r.file;
};
const values = (f: ParsedFile) =>
  f.records.map((r) => Object.fromEntries(f.headers.map((h, i) => [h, r.values[i] ?? ''])));

describe('reading inventory files', () => {
  const table = [
    { 'Device ID': 'cam-01', 'Serial No.': 'SN1', Notes: 'dock 3, "north"\nsecond line' },
    { 'Device ID': 'cam-02', 'Serial No.': 'SN2', Notes: 'plain' },
  ];

  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects the %j delimiter (%s), quoted fields with embedded newlines, CRLF', (d) => {
    const q = (s: string) => (/[",\n;|\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const text =
      ['Device ID', 'Serial No.', 'Notes'].join(d) +
      '\r\n' +
      table.map((r) => Object.values(r).map(q).join(d)).join('\r\n') +
      '\r\n';
    const f = ok(parseInventoryFile(utf8(text), 'x.csv'));
    expect(f.delimiter).toBe(d);
    expect(f.headers).toEqual(['Device ID', 'Serial No.', 'Notes']);
    expect(values(f)).toEqual(table);
    expect(f.records.map((r) => r.row)).toEqual([2, 3]);
  });

  it('reads UTF-8 with a BOM, UTF-16 LE and BE (with BOM), and Windows-1252', () => {
    const text = 'Device ID,Location\nscan-1,Kühlhaus Süd\n';
    const withBom = ok(parseInventoryFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])));
    expect(withBom.encoding).toBe('utf-8');
    expect(withBom.headers[0]).toBe('Device ID');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(values(ok(parseInventoryFile(le)))).toEqual([{ 'Device ID': 'scan-1', Location: 'Kühlhaus Süd' }]);
    const be = Buffer.from(text, 'utf16le').swap16();
    const beFile = ok(parseInventoryFile(Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
    expect(beFile.encoding).toBe('utf-16be');
    expect(values(beFile)[0]!.Location).toBe('Kühlhaus Süd');
    const latin = Buffer.from(text, 'latin1'); // ü = 0xFC: not UTF-8
    const cp = ok(parseInventoryFile(latin));
    expect(cp.encoding).toBe('windows-1252');
    expect(values(cp)[0]!.Location).toBe('Kühlhaus Süd');
  });

  it('reads a JSON array and one object per line, nested values as JSON text', () => {
    const arr = ok(
      parseInventoryFile(utf8('[{"id":"a","fw":"1.2","tags":["x"]},{"id":"b","extra":5}]'), 'x.json'),
    );
    expect(arr.format).toBe('json');
    expect(arr.headers).toEqual(['id', 'fw', 'tags', 'extra']);
    expect(values(arr)).toEqual([
      { id: 'a', fw: '1.2', tags: '["x"]', extra: '' },
      { id: 'b', fw: '', tags: '', extra: '5' },
    ]);
    const nd = ok(parseInventoryFile(utf8('{"id":"a"}\n\n{"id":"b"}\n{"id": oops}\n[1]\n')));
    expect(nd.format).toBe('ndjson');
    expect(nd.records.map((r) => [r.row, r.values[0]])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
    expect(nd.badLines.map((b) => b.row)).toEqual([4, 5]);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['an empty file', new Uint8Array(), /The file is empty/],
    ['blank lines only', utf8('\n\n  \n'), /The file is empty/],
    ['a header only', utf8('Device ID,Serial\r\n'), /header row but no devices/],
    [
      'binary garbage',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0]),
      /not a CSV or JSON file, nor an .xlsx workbook; it looks like binary data/,
    ],
    ['truncated JSON', utf8('[{"id":"a"},{"id":'), /JSON is not valid or not complete/],
    ['a truncated JSON object', utf8('{"id": 1'), /^The JSON is not valid or not complete/],
    [
      'an unterminated quote',
      utf8('id,name\n1,"open quote\n2,b\n'),
      /^The CSV cannot be read: quoted field unterminated \(starting in row 2\)$/,
    ],
  ])('%s gets a clear message', (_name, bytes, message) => {
    const r = parseInventoryFile(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('refuses a 200 MB file with its size and the limit, before reading it', () => {
    const big = new Uint8Array(200 * 1024 * 1024);
    const r = parseInventoryFile(big, 'huge.csv');
    expect(r).toEqual({
      ok: false,
      message: `The file is 200 MB; an import reads at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files from the same source.`,
    });
  });

  it('renames a __proto__ header instead of letting it reach an object prototype', () => {
    const f = ok(parseInventoryFile(utf8('id,__proto__,constructor\nd1,{"polluted":1},x\n')));
    expect(f.headers).toEqual(['id', '__proto___', 'constructor_']);
    expect(f.notes).toHaveLength(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const j = ok(parseInventoryFile(utf8('[{"id":"d1","__proto__":{"polluted":1}}]')));
    expect(j.headers).toEqual(['id', '__proto___']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a row with more values than columns as far as its columns go, with a warning', () => {
    const f = ok(parseInventoryFile(utf8('id,name\n1,a\n2,b,extra\n3,c\n')));
    expect(f.records.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(f.badLines).toEqual([]);
    const r = readRows(f, DeviceMappingSchema.parse({ columns: suggestColumns(f.headers).columns }));
    expect(r.devices.map((d) => d.device.deviceId)).toEqual(['1', '2', '3']);
    expect(r.warnings).toEqual([
      {
        row: 3,
        column: '',
        value: '',
        reason: '3 values for 2 columns; the 1 past the last column were not read',
      },
    ]);
  });
});

describe('mapping columns and values', () => {
  it('maps common header spellings; a name or hostname names the device when there is no ID', () => {
    expect(
      suggestColumns([
        'Serial No.',
        'Firmware Ver',
        'Cert Expiry',
        'Last Heartbeat',
        'Lifecycle',
        'Hostname',
        'Mfr',
        'Zone',
        'VLAN',
        'Colour',
      ]).columns,
    ).toEqual({
      'Serial No.': 'serial',
      'Firmware Ver': 'firmwareVersion',
      'Cert Expiry': 'certExpiry',
      'Last Heartbeat': 'lastSeen',
      Lifecycle: 'status',
      Hostname: 'name',
      Mfr: 'manufacturer',
      Zone: 'location',
      VLAN: 'networkSegment',
      Colour: null,
    });
    // With an asset id, a hostname and a serial, each is its own field (the id names the device).
    expect(suggestColumns(['hostname', 'asset_id', 'serial_number']).columns).toEqual({
      hostname: 'name',
      asset_id: 'deviceId',
      serial_number: 'serial',
    });
  });

  it('reads dates in ISO, dd/mm/yyyy, mm/dd/yyyy and Excel serials; booleans in their usual spellings', () => {
    expect(readDate('2026-03-04', 'dmy')).toBe('2026-03-04');
    expect(readDate('04/03/2026', 'dmy')).toBe('2026-03-04');
    expect(readDate('04/03/2026', 'mdy')).toBe('2026-04-03');
    expect(readDate('31.12.2026', 'dmy')).toBe('2026-12-31');
    expect(readDate('45000', 'dmy')).toBe('2023-03-15');
    expect(readDate('2026-03-04T10:20:00Z', 'dmy', true)).toBe('2026-03-04T10:20:00Z');
    expect(readDate('31/02/2026', 'dmy')).toBeNull();
    expect(readDate('soon', 'dmy')).toBeNull();
    expect(detectDateOrder(['01/02/2026', '25/12/2026'])).toBe('dmy');
    expect(detectDateOrder(['12/25/2026'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2026'])).toBe('ambiguous');
    expect(detectDateOrder(['25/12/2026', '12/25/2026'])).toBe('conflict');
    // ISO dates and Excel serials need no order: a file of them says nothing is ambiguous.
    expect(detectDateOrder(['2026-12-25', '45000'])).toBe('none');
    expect(readDate('1/23/23', 'mdy')).toBe('2023-01-23');
    expect(readDate('11/24/2026 4:05 PM', 'mdy', true)).toBe('2026-11-24T16:05:00Z');
    expect(readDate('24.11.2026 08:00', 'dmy', true)).toBe('2026-11-24T08:00:00Z');
    for (const [raw, tri] of [
      ['Yes', 'yes'],
      ['y', 'yes'],
      ['TRUE', 'yes'],
      ['1', 'yes'],
      ['no', 'no'],
      ['n', 'no'],
      ['false', 'no'],
      ['0', 'no'],
      ['', 'unknown'],
      ['unknown', 'unknown'],
    ] as const)
      expect(readTri(raw)).toBe(tri);
    expect(readTri('maybe')).toBeNull();
  });

  it('refuses only rows that name no device; a bad value is a warning and leaves the field unknown; labels are kept and placed', () => {
    const text = [
      'Device ID,Serial No.,Lifecycle,Cert Expiry,mTLS,Type,Notes',
      'cam-1,S1,active,25/12/2026,yes,camera,=HYPERLINK("x")',
      'cam-2,S2,decommissioning,2027-01-01,maybe,IP camera,',
      ',,active,,,,a note but no device',
      'cam-1,S9,active,,,,',
      'cam-4,S1,spare,,,,',
      'cam-5,S5,mothballed,32/13/2026,no,toaster,',
    ].join('\n');
    const f = ok(parseInventoryFile(utf8(text)));
    const mapping = DeviceMappingSchema.parse({ columns: suggestColumns(f.headers).columns });
    const r = readRows(f, mapping);
    expect(r.devices.map((d) => [d.row, d.device.deviceId])).toEqual([
      [2, 'cam-1'],
      [3, 'cam-2'],
      [7, 'cam-5'],
    ]);
    expect(r.devices[0]!.device).toMatchObject({
      certExpiry: '2026-12-25',
      mtls: 'yes',
      status: 'active',
      type: 'camera',
      category: 'camera',
      firmwareSigned: 'unknown',
      attributes: { Notes: '=HYPERLINK("x")' },
    });
    expect(r.devices[1]!.device).toMatchObject({
      mtls: 'unknown',
      status: 'decommissioned',
      statusLabel: 'decommissioning',
      type: 'IP camera',
      category: 'camera',
    });
    expect(r.devices[2]!.device).toMatchObject({
      certExpiry: null,
      status: null,
      statusLabel: 'mothballed',
      type: 'toaster',
      category: 'other',
    });
    expect(r.errors).toEqual([
      {
        row: 4,
        column: 'Device ID, Serial No.',
        value: '',
        reason: 'nothing names the device: no device ID, asset tag, name or serial number',
      },
    ]);
    expect(r.warnings).toEqual([
      { row: 3, column: 'mTLS', value: 'maybe', reason: 'not yes/no/true/false/1/0/y/n; left unknown' },
      {
        row: 7,
        column: 'Cert Expiry',
        value: '32/13/2026',
        reason: 'not a date (YYYY-MM-DD, dd/mm/yyyy, mm/dd/yyyy or an Excel date); left unknown',
      },
    ]);
    expect(r.warnedRows).toBe(2);
    expect(r.duplicates).toEqual([
      { key: 'cam-1', kind: 'id', rows: [2, 5] },
      { key: 'S1', kind: 'serial', rows: [2, 6] },
    ]);
    const label = (field: string, value: string) =>
      r.labels.find((l) => l.field === field && l.value === value);
    expect(label('status', 'decommissioning')).toMatchObject({
      placed: 'decommissioned',
      by: 'words',
      count: 1,
    });
    expect(label('status', 'mothballed')).toMatchObject({ placed: null, by: null, count: 1 });
    expect(label('type', 'toaster')).toMatchObject({ placed: null, by: null, count: 1, byModel: 0 });
    expect(r.dates).toEqual({ order: 'dmy', detected: 'dmy' });

    // Placements the user chose are read with the mapping (saved per source).
    const placed = readRows(
      f,
      DeviceMappingSchema.parse({
        columns: suggestColumns(f.headers).columns,
        values: { status: { mothballed: 'spare' }, type: { toaster: 'sensor' } },
      }),
    );
    expect(placed.devices[2]!.device).toMatchObject({ status: 'spare', category: 'sensor', type: 'toaster' });
    expect(placed.labels.find((l) => l.value === 'toaster')).toMatchObject({
      placed: 'sensor',
      by: 'mapping',
    });
  });

  it('uses the serial as the device ID when there is no ID column', () => {
    const f = ok(parseInventoryFile(utf8('serial,model\nABC123,TC52\n')));
    const r = readRows(f, DeviceMappingSchema.parse({ columns: suggestColumns(f.headers).columns }));
    expect(r.devices[0]!.device).toMatchObject({
      deviceId: 'ABC123',
      serial: 'ABC123',
      model: 'TC52',
      // No type column: the model says what it is.
      type: null,
      category: 'scanner',
    });
  });

  it('keeps a name used again at another site as another device, named with its site, and says so', () => {
    // NetBox names are unique per site only; three "sw-01" at two sites, one repeated exactly.
    const csv = [
      'name,site,rack,serial,asset_tag',
      'sw-01,Leeds,R1,,',
      'sw-01,York,R4,,',
      'SW-01,leeds,R2,,', // the same site (case aside), another rack: a duplicate of row 2
      'sw-01,York,R5,,', // York's again: a duplicate of the one named with its site
      'sw-01,,,,', // no site: a duplicate
      'sw-01,Hull,R1,,',
      'sw-02,Leeds,R1,S9,', // with a serial, the serial names it (before the name) …
      'sw-02,York,R1,S9,', // … and the serial again is a duplicate wherever it is
      ',Leeds,R1,,AT-1', // an asset tag as the ID is unique whatever the site
      ',York,R1,,AT-1',
    ].join('\n');
    const f = ok(parseInventoryFile(utf8(csv)));
    const r = readRows(f, DeviceMappingSchema.parse({ columns: suggestColumns(f.headers).columns }));
    expect(r.devices.map((d) => [d.row, d.device.deviceId, d.device.location])).toEqual([
      [2, 'sw-01', 'Leeds / R1'],
      [3, 'sw-01 @ York', 'York / R4'],
      [7, 'sw-01 @ Hull', 'Hull / R1'],
      [8, 'S9', 'Leeds / R1'],
      [10, 'AT-1', 'Leeds / R1'],
    ]);
    expect(r.duplicates).toEqual([
      { key: 'SW-01', kind: 'id', rows: [2, 4] },
      { key: 'sw-01 @ York', kind: 'id', rows: [3, 5] },
      { key: 'sw-01', kind: 'id', rows: [2, 6] },
      { key: 'S9', kind: 'id', rows: [8, 9] },
      { key: 'AT-1', kind: 'id', rows: [10, 11] },
    ]);
    expect(r.warnings).toEqual([
      {
        row: 3,
        column: 'name',
        value: 'sw-01',
        reason: 'also names the device on row 2, at another place: kept as another device, "sw-01 @ York"',
      },
      {
        row: 7,
        column: 'name',
        value: 'sw-01',
        reason: 'also names the device on row 2, at another place: kept as another device, "sw-01 @ Hull"',
      },
    ]);
    expect(r.warnedRows).toBe(2);
  });
});

describe('device checks', () => {
  const ctx = (c: Partial<CheckContext> = {}): CheckContext => ({
    now: new Date('2026-11-24T12:00:00Z'),
    settings: DEFAULT_DEVICE_CHECK_SETTINGS,
    manufacturerLinked: true,
    duplicateSerial: false,
    vulnerabilities: { kev: 'pass', critical: 'pass' },
    ...c,
  });

  it('passes a healthy device on every check', () => {
    expect(Object.values(checkDevice(device(), ctx())).every((r) => r === 'pass' || r === 'n/a')).toBe(true);
  });

  it.each<[string, Partial<Device>, Partial<CheckContext>, string, string]>([
    ['unsigned firmware', { firmwareSigned: 'no' }, {}, 'unsigned-firmware', 'fail'],
    ['firmware signing unknown', { firmwareSigned: 'unknown' }, {}, 'unsigned-firmware', 'unknown'],
    ['an expired certificate', { certExpiry: '2026-11-01' }, {}, 'cert-expired', 'fail'],
    ['a certificate expiring in 20 days', { certExpiry: '2026-12-14' }, {}, 'cert-expiring', 'fail'],
    ['a certificate expiring in 40 days', { certExpiry: '2027-01-03' }, {}, 'cert-expiring', 'pass'],
    ['no certificate date', { certExpiry: null }, {}, 'cert-expired', 'unknown'],
    ['no mTLS', { mtls: 'no' }, {}, 'no-mtls', 'fail'],
    [
      'decommissioned with a valid certificate',
      { status: 'decommissioned' },
      {},
      'decommissioned-trusted',
      'fail',
    ],
    [
      'decommissioned, expired and long gone',
      { status: 'decommissioned', certExpiry: '2025-01-01', lastSeen: '2025-01-01T00:00:00Z' },
      {},
      'decommissioned-trusted',
      'pass',
    ],
    [
      'decommissioned and nothing known',
      { status: 'decommissioned', certExpiry: null, lastSeen: null },
      {},
      'decommissioned-trusted',
      'unknown',
    ],
    ['active, silent for 30 hours', { lastSeen: '2026-11-23T06:00:00Z' }, {}, 'stale-heartbeat', 'fail'],
    ['a spare never seen', { status: 'spare', lastSeen: null }, {}, 'stale-heartbeat', 'n/a'],
    ['active, never seen', { lastSeen: null }, {}, 'stale-heartbeat', 'unknown'],
    ['firmware 400 days old', { lastFirmwareUpdate: '2025-10-20' }, {}, 'firmware-outdated', 'fail'],
    ['default credentials', { defaultCredentialsChanged: 'no' }, {}, 'default-credentials', 'fail'],
    [
      'a manufacturer not among our vendors',
      {},
      { manufacturerLinked: false },
      'unknown-manufacturer',
      'fail',
    ],
    [
      'no manufacturer',
      { manufacturer: null },
      { manufacturerLinked: null },
      'unknown-manufacturer',
      'unknown',
    ],
    ['a duplicate serial', {}, { duplicateSerial: true }, 'duplicate-serial', 'fail'],
    [
      'firmware with a KEV-listed vulnerability',
      {},
      { vulnerabilities: { kev: 'fail', critical: 'pass' } },
      'kev-exploited',
      'fail',
    ],
    [
      'a KEV match, version unknown',
      {},
      { vulnerabilities: { kev: 'unknown', critical: 'pass' } },
      'kev-exploited',
      'unknown',
    ],
    [
      'a spare with a KEV match',
      { status: 'spare' },
      { vulnerabilities: { kev: 'fail', critical: 'fail' } },
      'kev-exploited',
      'n/a',
    ],
    ['never matched', {}, { vulnerabilities: null }, 'kev-exploited', 'unknown'],
    ['a critical CVE', {}, { vulnerabilities: { kev: 'pass', critical: 'fail' } }, 'critical-cve', 'fail'],
    [
      'a shorter heartbeat threshold',
      { lastSeen: '2026-11-24T06:00:00Z' },
      { settings: { ...DEFAULT_DEVICE_CHECK_SETTINGS, heartbeatHours: 4 } },
      'stale-heartbeat',
      'fail',
    ],
  ])('%s', (_name, d, c, check, result) => {
    expect(checkDevice(device(d), ctx(c))[check as keyof ReturnType<typeof checkDevice>]).toBe(result);
  });

  it('suggests the vendor a manufacturer name means', () => {
    const vendors = [
      { id: '1', name: 'Zebra Technologies' },
      { id: '2', name: 'Honeywell Intelligrated' },
      { id: '3', name: 'Kinetica Floor Robotics' },
    ];
    expect(suggestVendor('Zebra', vendors)?.name).toBe('Zebra Technologies');
    expect(suggestVendor('ZEBRA TECHNOLOGIES CORP.', vendors)?.name).toBe('Zebra Technologies');
    expect(suggestVendor('Honeywell', vendors)?.name).toBe('Honeywell Intelligrated');
    expect(suggestVendor('Acme', vendors)).toBeNull();
  });

  it('names the fields and attributes in which two records of a device differ', () => {
    expect(
      changedFields(
        device({ deviceId: 'b', attributes: { rack: '6', room: '1' } }),
        device({ deviceId: 'b', firmwareVersion: '2.0', attributes: { rack: '7', room: '1' } }),
      ),
    ).toEqual(['firmwareVersion', 'rack']);
    expect(changedFields(device({ deviceId: 'a' }), device({ deviceId: 'a' }))).toEqual([]);
  });

  it('stores a device as a compact array that reads back as the same device (older object records too)', () => {
    const d = device({
      deviceId: 'cam-1',
      type: 'camera',
      serial: 'SN1',
      lastSeen: '2026-11-20T08:00:00Z',
      attributes: { Rack: 'R1', 'Ünïcode "quoted"': 'a\nb' },
    });
    const text = encodeDevice(d);
    expect(text.startsWith('["cam-1","camera"')).toBe(true);
    expect(text.length).toBeLessThan(JSON.stringify(d).length / 2);
    expect(decodeDevice(text)).toEqual(d);
    expect(Object.keys(decodeDevice(text))).toEqual(Object.keys(d));
    expect(decodeDevice(JSON.stringify(d))).toEqual(d);
    expect(encodeDevice(decodeDevice(text))).toBe(text);
  });
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The app on a fixed day, with `call` that unwraps a dispatcher result or throws its message. */
function devicesApp() {
  const app = openApp({ now: () => new Date('2026-11-24T12:00:00Z') });
  const call = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { ...app, call };
}

describe('importing through the dispatcher', () => {
  // Three devices, two values not in our vocabulary, a row without an ID (rows 2–5).
  const csv = readFileSync(join(__dirname, '../fixtures/device-inventory.csv'), 'utf8');

  async function setup() {
    const app = devicesApp();
    const zebra = app.services.vendors.create(
      vendorInput({ name: 'Zebra Technologies', category: 'robotics-iot' }),
    );
    return { app, zebra, call: app.call, d: app.dispatcher };
  }

  it('previews without writing, applies in one transaction, remembers the mapping, and diffs a re-import', async () => {
    const { app, zebra, call, d } = await setup();
    const preview = await call(
      d.call('devices.preview', { source: 'WMS export', fileName: 'inv.csv', contentBase64: b64(csv) }),
    );
    // Only the row that names no device is refused; other systems' words are placed by what they say.
    expect(preview.counts).toEqual({ read: 4, valid: 3, rejected: 1, duplicates: 0, warned: 0 });
    expect(preview.errors.map((e) => [e.row, e.reason.slice(0, 24)])).toEqual([
      [5, 'nothing names the device'],
    ]);
    expect(
      preview.labels
        .map((l) => [l.field, l.value, l.placed, l.by, l.count])
        .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    ).toEqual([
      ['status', 'active', 'active', 'words', 2],
      ['type', 'camera', 'camera', 'words', 1],
      ['status', 'decommissioning', 'decommissioned', 'words', 1],
      ['type', 'handheld scanner', 'scanner', 'words', 1],
      ['type', 'plc', 'plc', 'words', 1],
    ]);
    expect(preview.manufacturers).toEqual([
      { name: 'Zebra', devices: 2, vendorId: null, suggestion: { id: zebra.id, name: 'Zebra Technologies' } },
      { name: 'Siemens', devices: 1, vendorId: null, suggestion: null },
    ]);
    expect(app.services.storage.devices.count()).toBe(0);
    expect(preview.diff).toMatchObject({ added: 3, changed: 0, removed: 0, firstTime: true });
    expect(preview.findings['unsigned-firmware']).toBe(1);
    expect(preview.findings['decommissioned-trusted']).toBe(1);
    const errorsCsv = await call(d.call('devices.errorsCsv', { token: preview.token }));
    expect((parse(errorsCsv.csv.slice(1)) as string[][]).slice(0, 2)).toEqual([
      ['Kind', 'Row', 'Column', 'Value', 'Reason'],
      [
        'Refused',
        '5',
        'Hostname, Serial No.',
        '',
        'nothing names the device: no device ID, asset tag, name or serial number',
      ],
    ]);
    const again = preview;
    const applied = await call(d.call('devices.apply', { token: again.token }));
    expect(applied).toMatchObject({ added: 3, devices: 3 });
    expect(app.services.storage.devices.count()).toBe(3);
    const twice = await d.call('devices.apply', { token: again.token });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toMatch(/preview is gone/);

    // The next file from the same source maps itself (columns and values) and shows the diff first.
    const next = csv
      .replace('cam-dock-1,ZB100,Zebra,camera,active,yes,yes', 'cam-dock-1,ZB100,Zebra,camera,active,yes,no')
      .replace(
        /\r\nplc-3[^\r]*/,
        '\r\ngw-9,GW9,Zebra,gateway,active,yes,yes,2027-06-01,2026-11-24T09:00:00Z,yes,Yard',
      );
    const re = await call(
      d.call('devices.preview', { source: 'WMS export', fileName: 'inv2.csv', contentBase64: b64(next) }),
    );
    expect(re.mappingSaved).toBe(true);
    expect(re.mapping.columns).toMatchObject({ Hostname: 'name', Type: 'type', Lifecycle: 'status' });
    expect(re.diff).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 1, firstTime: false });
    // The serial names each device (the hostname is its name).
    expect(re.diff.examples).toMatchObject({
      added: ['GW9'],
      changed: [{ deviceId: 'ZB100', fields: ['mtls'] }],
      removed: ['SI300'],
    });
    // Discarding it changes nothing.
    await call(d.call('devices.discard', { token: re.token }));
    expect(app.services.storage.devices.forSource('WMS export').get('SI300')?.name).toBe('plc-3');
    expect((await call(d.call('devices.history', {}))).map((h) => h.fileName)).toEqual(['inv.csv']);
  });

  it('links a manufacturer to its vendor; open findings feed the vendor’s flags and score; acceptances take them out', async () => {
    const { zebra, call, d } = await setup();
    const mapping = {
      columns: INVENTORY_COLUMNS,
      values: {
        status: { decommissioning: 'decommissioned' as const },
        type: { 'handheld scanner': 'scanner' as const },
      },
    };
    const p = await call(
      d.call('devices.preview', { source: 'WMS', fileName: 'inv.csv', contentBase64: b64(csv), mapping }),
    );
    await call(d.call('devices.apply', { token: p.token }));
    expect((await call(d.call('scores.vendor', { id: zebra.id }))).devices).toBeNull();
    const unlinked = await call(d.call('devices.list', { finding: 'unknown-manufacturer' }));
    expect(unlinked.total).toBe(3);

    await call(d.call('devices.link', { manufacturer: 'Zebra', vendorId: zebra.id }));
    const score = await call(d.call('scores.vendor', { id: zebra.id }));
    expect(score.devices!['unsigned-firmware']).toEqual({ fail: 1, accepted: 0, pass: 1, unknown: 0 });
    expect(score.flags.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        'Devices: firmware not signed',
        'Devices: default credentials unchanged',
        'Devices: no mTLS',
      ]),
    );
    expect(score.domains.map((dd) => dd.title)).toContain('Devices in our warehouse');
    const listed = await call(d.call('vendors.list', { flags: 'knockout' }));
    expect(listed.items.map((v) => v.id)).toContain(zebra.id);

    const filtered = await call(
      d.call('devices.list', { vendorId: zebra.id, sort: 'findings', direction: 'desc' }),
    );
    expect(filtered.items.map((x) => x.device.deviceId)).toEqual(['scan-7', 'cam-dock-1']);
    expect(filtered.items[0]!.open).toEqual(
      expect.arrayContaining(['unsigned-firmware', 'default-credentials', 'no-mtls', 'cert-expiring']),
    );

    await call(
      d.call('devices.accept', {
        source: 'WMS',
        deviceId: 'scan-7',
        check: 'unsigned-firmware',
        reason: 'Vendor ships signed build in Q1',
        expiresOn: '2027-03-31',
      }),
    );
    const after = await call(d.call('scores.vendor', { id: zebra.id }));
    expect(after.devices!['unsigned-firmware']).toEqual({ fail: 0, accepted: 1, pass: 1, unknown: 0 });
    expect(after.flags.map((f) => f.message)).not.toContain('Devices: firmware not signed');
    const refused = await d.call('devices.accept', {
      source: 'WMS',
      deviceId: 'cam-dock-1',
      check: 'unsigned-firmware',
      reason: 'x',
      expiresOn: '2027-01-01',
    });
    expect(refused.ok).toBe(false);

    const findings = await call(d.call('devices.findings', {}));
    expect(findings.byVendor[0]).toMatchObject({ vendorId: zebra.id, vendorName: 'Zebra Technologies' });
    const exported = await call(d.call('devices.exportCsv', {}));
    const rows = parse(exported.csv.slice(1)) as string[][];
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r[1] === 'scan-7')!.at(-1)).toBe('unsigned-firmware');
  });

  it('thresholds from settings change the findings; formula strings are exported harmlessly', async () => {
    const { call, d } = await setup();
    const hostile =
      'Device ID,Last Heartbeat,Lifecycle,Owner\r\n=cmd|calc,2026-11-24T02:00:00Z,active,"@SUM(A1)\n+1"\r\n';
    const p = await call(
      d.call('devices.preview', { source: 'S', fileName: 'h.csv', contentBase64: b64(hostile) }),
    );
    expect(p.findings['stale-heartbeat']).toBe(0); // 10 hours, under 24
    await call(d.call('devices.apply', { token: p.token }));
    const settings = await call(d.call('devices.getSettings', {}));
    await call(d.call('devices.setSettings', { ...settings, heartbeatHours: 6 }));
    expect((await call(d.call('devices.findings', {}))).posture['stale-heartbeat'].fail).toBe(1);
    const rows = parse((await call(d.call('devices.exportCsv', {}))).csv.slice(1)) as string[][];
    expect(rows[1]![1]).toBe("'=cmd|calc");
    expect(rows[0]![18]).toBe('Owner');
    expect(rows[1]![18]).toBe("'@SUM(A1)\n'+1");
  });

  it('a cancelled preview changes nothing, and so does every hostile file', async () => {
    const { app, d } = await setup();
    const before = app.services.storage.devices.count();
    const jobId = 'import-1';
    const pending = d.call('devices.preview', {
      source: 'WMS',
      fileName: 'inv.csv',
      contentBase64: b64(csv),
      jobId,
    });
    await d.call('jobs.cancel', { jobId });
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    expect(app.services.storage.devices.count()).toBe(before);
    expect(app.internalErrors).toEqual([]);
  });
});

describe('vendor-risk devices', () => {
  it('imports with --dry-run and for real, lists findings, exports CSV', async () => {
    const app = openApp();
    const dir = app.dataDir;
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(dir, 'inv.csv');
    writeFileSync(
      file,
      'Device ID,Serial,Manufacturer,Firmware Signed,Status\nd1,S1,Zebra,no,active\nd2,S2,Zebra,yes,retired\n,,Zebra,no,active\n',
    );
    const run = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await main(['--data-dir', dir, ...args], {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        env: {},
      });
      return { code, stdout, stderr };
    };
    const dry = await run('devices', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Rows read: 3, importable: 2 (0 with warnings), refused: 1, duplicates: 0');
    expect(dry.stdout).toContain(
      '  Device ID, Serial: nothing names the device: no device ID, asset tag, name or serial number: row 4',
    );
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(app.services.storage.devices.count()).toBe(0);

    const real = await run('devices', 'import', file, '--source', 'Asset DB', '--json');
    expect(real.code).toBe(0);
    const out = JSON.parse(real.stdout) as {
      applied: { added: number };
      preview: { counts: { valid: number } };
    };
    expect(out.applied.added).toBe(2);
    expect(out.preview.counts.valid).toBe(2);

    const findings = await run('devices', 'findings');
    expect(findings.stdout).toMatch(/Firmware not signed\s+1/);
    const csvOut = join(dir, 'devices.csv');
    expect((await run('devices', 'export', '--out', csvOut)).code).toBe(0);
    expect(readFileSync(csvOut, 'utf8')).toContain('Asset DB,d1');

    const missing = await run('devices', 'import', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the inventory file .*nope\.csv: no such file/);
    writeFileSync(join(dir, 'empty.csv'), '');
    const empty = await run('devices', 'import', join(dir, 'empty.csv'));
    expect(empty).toMatchObject({ code: 2, stderr: 'vendor-risk: The file is empty.\n' });
  });
});

describe('importer edge cases found in review', () => {
  const app = devicesApp;

  it('a re-import keeps a stored device whose row is now skipped as a duplicate; a bad value leaves only that field unknown', async () => {
    const { dispatcher: d, services, call } = app();
    const first = await call(
      d.call('devices.preview', {
        source: 'S',
        fileName: 'a.csv',
        contentBase64: b64('id,serial,cert expiry\nA,S1,2027-01-01\nB,S2,2027-01-01\nC,S3,\n'),
      }),
    );
    await call(d.call('devices.apply', { token: first.token }));
    const again = await call(
      d.call('devices.preview', {
        source: 'S',
        fileName: 'a.csv',
        contentBase64: b64('id,serial,cert expiry\nA,S1,2027-01-01\nB,S2,31/13/2027\nC,S1,\nD,S4,\n'),
      }),
    );
    // B is imported with its certificate date unknown; C repeats A's serial and is skipped, but kept.
    expect(again.diff).toMatchObject({ added: 1, removed: 0, changed: 1, unchanged: 1 });
    expect(again.diff.examples.changed).toEqual([{ deviceId: 'B', fields: ['certExpiry'] }]);
    expect(again.warnings).toEqual([
      {
        row: 3,
        column: 'cert expiry',
        value: '31/13/2027',
        reason: 'not a date (YYYY-MM-DD, dd/mm/yyyy, mm/dd/yyyy or an Excel date); left unknown',
      },
    ]);
    expect(again.duplicates).toEqual([{ key: 'S1', kind: 'serial', rows: [2, 4] }]);
    await call(d.call('devices.apply', { token: again.token }));
    expect([...services.storage.devices.forSource('S').keys()].sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(services.storage.devices.forSource('S').get('B')!.certExpiry).toBeNull();
  });

  it('imports a device whose status and type are words we do not know, and keeps every column of repeated headers', () => {
    const f = ok(parseInventoryFile(utf8('id,status,type\nd1,constructor,toString\n')));
    const r = readRows(f, DeviceMappingSchema.parse({ columns: suggestColumns(f.headers).columns }));
    expect(r.devices.map((x) => x.device)).toMatchObject([
      { deviceId: 'd1', status: null, statusLabel: 'constructor', type: 'toString', category: 'other' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.labels.map((l) => [l.value, l.placed])).toEqual([
      ['toString', null],
      ['constructor', null],
    ]);
    const dup = ok(parseInventoryFile(utf8('A,A,A (2)\n1,2,3\n')));
    expect(dup.headers).toEqual(['A', 'A (3)', 'A (2)']);
    expect(values(dup)).toEqual([{ A: '1', 'A (3)': '2', 'A (2)': '3' }]);
  });

  it('numbers rows as a spreadsheet shows them, blank lines included; refuses over-long IDs', () => {
    const f = ok(parseInventoryFile(utf8('\nid,status\n\nA,active\n\n,bogus\n')));
    const r = readRows(f, DeviceMappingSchema.parse({ columns: suggestColumns(f.headers).columns }));
    expect(r.errors.map((e) => e.row)).toEqual([6]);
    const long = ok(parseInventoryFile(utf8(`id\n${'x'.repeat(250)}\n`)));
    const rl = readRows(long, DeviceMappingSchema.parse({ columns: suggestColumns(long.headers).columns }));
    expect(rl.errors[0]!.reason).toBe('a device ID is at most 200 characters');
  });

  it('a decommissioned device with half its trust data missing is unknown, not a pass', () => {
    const ctx = {
      now: new Date('2026-11-24T12:00:00Z'),
      settings: DEFAULT_DEVICE_CHECK_SETTINGS,
      manufacturerLinked: true,
      duplicateSerial: false,
    };
    const gone = { status: 'decommissioned' as const, lastSeen: '2026-10-01T00:00:00Z' };
    expect(checkDevice(device({ ...gone, certExpiry: null }), ctx)['decommissioned-trusted']).toBe('unknown');
    expect(checkDevice(device({ ...gone, certExpiry: '2026-01-01' }), ctx)['decommissioned-trusted']).toBe(
      'pass',
    );
  });

  it('refuses to apply a preview once another import changed the inventory; acceptances go with removed devices', async () => {
    const { dispatcher: d, services, call } = app();
    const a = await call(
      d.call('devices.preview', {
        source: 'S',
        fileName: 'a.csv',
        contentBase64: b64('id,mtls\nA,no\nB,no\n'),
      }),
    );
    await call(d.call('devices.apply', { token: a.token }));
    await call(
      d.call('devices.accept', {
        source: 'S',
        deviceId: 'B',
        check: 'no-mtls',
        reason: 'Isolated',
        expiresOn: '2027-12-31',
      }),
    );
    const stale = await call(
      d.call('devices.preview', { source: 'S', fileName: 'b.csv', contentBase64: b64('id,mtls\nA,no\n') }),
    );
    const other = await call(
      d.call('devices.preview', { source: 'T', fileName: 'c.csv', contentBase64: b64('id\nX\n') }),
    );
    void stale;
    await call(d.call('devices.apply', { token: other.token }));
    // The first preview was dropped when the second file was read; either way nothing stale is written.
    const refused = await d.call('devices.apply', { token: stale.token });
    expect(refused.ok).toBe(false);
    const fresh = await call(
      d.call('devices.preview', { source: 'S', fileName: 'b.csv', contentBase64: b64('id,mtls\nA,no\n') }),
    );
    await call(d.call('devices.apply', { token: fresh.token }));
    expect(services.storage.devices.acceptances()).toEqual([]);
  });

  it('refuses a mapping of two columns to one field; a saved mapping and new headers never clash', async () => {
    const bad = DeviceMappingSchema.safeParse({ columns: { 'Asset Tag': 'deviceId', Hostname: 'deviceId' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe(
      'Both "Asset Tag" and "Hostname" are mapped to Device ID; map one column to each field',
    );
    const { dispatcher: d, call } = app();
    const first = await call(
      d.call('devices.preview', {
        source: 'S',
        fileName: 'a.csv',
        contentBase64: b64('Asset Tag,mtls\nA,no\n'),
      }),
    );
    await call(d.call('devices.apply', { token: first.token }));
    // The next export from S adds a Hostname column: the device keeps its identity (the asset tag).
    const next = await call(
      d.call('devices.preview', {
        source: 'S',
        fileName: 'b.csv',
        contentBase64: b64('Asset Tag,Hostname,mtls\nA,cam-a,no\n'),
      }),
    );
    expect(next.mapping.columns).toMatchObject({ 'Asset Tag': 'assetTag', Hostname: 'name' });
    expect(next.sample[0]!.device).toMatchObject({ deviceId: 'A', assetTag: 'A', name: 'cam-a' });
    expect(next.diff).toMatchObject({ added: 0, changed: 1, removed: 0 });
  });
});

describe('two people, one manufacturer link and one accepted finding', () => {
  const csv = readFileSync(join(__dirname, '../fixtures/device-inventory.csv'), 'utf8');
  const mapping = {
    columns: INVENTORY_COLUMNS,
    values: { status: { decommissioning: 'decommissioned' as const } },
  };

  it('a link or an acceptance saved against the version read is refused once a colleague saved it, naming who; solo saves as before', async () => {
    const mine = devicesApp();
    const { call } = mine;
    const theirs = openApp({
      actor: 'Sam Security',
      colleagueOf: mine.dataDir,
      now: () => new Date('2026-11-24T12:00:00Z'),
    });
    const zebra = mine.services.vendors.create(
      vendorInput({ name: 'Zebra Technologies', category: 'robotics-iot' }),
    );
    const other = mine.services.vendors.create(
      vendorInput({ name: 'Zebra Resellers', category: 'robotics-iot' }),
    );
    const p = await call(
      mine.dispatcher.call('devices.preview', {
        source: 'WMS',
        fileName: 'inv.csv',
        contentBase64: b64(csv),
        mapping,
      }),
    );
    await call(mine.dispatcher.call('devices.apply', { token: p.token }));

    // Both read Zebra unlinked (version 0); the colleague links it first.
    const theirLinks = await theirs.dispatcher.call('devices.link', {
      manufacturer: 'Zebra',
      vendorId: zebra.id,
      version: 0,
    });
    expect(theirLinks.ok).toBe(true);
    const myLink = await mine.dispatcher.call('devices.link', {
      manufacturer: 'Zebra',
      vendorId: other.id,
      version: 0,
    });
    // Both read scan-7's unsigned firmware open, with no acceptance (version 0); the colleague accepts it first.
    const finding = { source: 'WMS', deviceId: 'scan-7', check: 'unsigned-firmware' as const };
    const theirAcceptance = await theirs.dispatcher.call('devices.accept', {
      ...finding,
      reason: 'Signed build ships in Q1',
      expiresOn: '2027-03-31',
      version: 0,
    });
    if (!theirAcceptance.ok) throw new Error(theirAcceptance.error.message);
    const myAcceptance = await mine.dispatcher.call('devices.accept', {
      ...finding,
      reason: 'Replaced next month',
      expiresOn: '2026-12-31',
      version: 0,
    });
    if (!mine.team) {
      // The solo app keeps no versions: the later save wins, as it always has.
      expect(myLink).toMatchObject({ ok: true, value: [{ vendorId: other.id }] });
      expect(myAcceptance).toMatchObject({ ok: true, value: { reason: 'Replaced next month' } });
      expect(theirAcceptance.value.version).toBeUndefined();
      return;
    }
    const stale = {
      code: 'CONFLICT',
      message: expect.stringMatching(/^changed by Sam Security at .+ — reload to see it$/),
    };
    expect(myLink).toMatchObject({ ok: false, error: stale });
    expect(myAcceptance).toMatchObject({ ok: false, error: stale });
    expect(theirAcceptance.value).toMatchObject({ acceptedBy: 'Sam Security', version: 1 });

    // Nothing overwritten: the colleague's link and acceptance are what I read now, with their versions.
    const links = await call(mine.dispatcher.call('devices.links', {}));
    expect(links).toEqual([
      expect.objectContaining({ manufacturer: 'Zebra', vendorId: zebra.id, version: 1 }),
    ]);
    const scan7 = (await call(mine.dispatcher.call('devices.list', { search: 'scan-7' }))).items[0]!;
    expect(scan7.accepted).toContain('unsigned-firmware');
    expect(scan7.acceptanceVersions).toEqual({ 'unsigned-firmware': 1 });
    expect(mine.services.storage.devices.acceptances()).toEqual([
      expect.objectContaining({ reason: 'Signed build ships in Q1', acceptedBy: 'Sam Security' }),
    ]);

    // Saved against the versions now read, they go through.
    const relinked = await call(
      mine.dispatcher.call('devices.link', {
        manufacturer: 'Zebra',
        vendorId: other.id,
        version: links[0]!.version,
      }),
    );
    expect(relinked).toEqual([expect.objectContaining({ vendorId: other.id, version: 2 })]);
    const reaccepted = await call(
      mine.dispatcher.call('devices.accept', {
        ...finding,
        reason: 'Replaced next month',
        expiresOn: '2026-12-31',
        version: scan7.acceptanceVersions!['unsigned-firmware'],
      }),
    );
    expect(reaccepted).toMatchObject({ acceptedBy: 'Unit Tester', version: 2 });

    // The version is bookkeeping: the trail's entries leave it out.
    const trail = await call(mine.dispatcher.call('audit.list', { entities: ['device-import'], limit: 50 }));
    const afters = trail.items.map((e) => e.after as Record<string, unknown>);
    expect(afters.filter((a) => 'reason' in a).map((a) => a.reason)).toEqual([
      'Replaced next month',
      'Signed build ships in Q1',
    ]);
    expect(afters.some((a) => 'version' in a)).toBe(false);
  });
});
