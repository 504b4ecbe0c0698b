/**
 * Inventories as other systems export them, read without any hand mapping: NetBox (the
 * bulk-import CSV and the device table export), Snipe-IT (its asset export and its import
 * file), and spreadsheets with a title above the header. Fixtures written for these tests
 * follow each system's documented columns; the field files in /work/shared are real ones.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInventoryFile, type ParsedFile } from '../../electron/domain/device-file';
import { DeviceMappingSchema } from '../../electron/domain/devices';
import { recogniseFormat, suggestColumns } from '../../electron/domain/device-formats';
import { readRows } from '../../electron/domain/device-rows';

const FIXTURES = join(__dirname, '../fixtures/inventories');
const FIELD = '/work/shared/field-data';

function read(path: string): ParsedFile {
  const r = parseInventoryFile(readFileSync(path), path);
  if (!r.ok) throw new Error(r.message);
  return r.file;
}

/** A file read with nothing but the automatic mapping. */
function imported(path: string) {
  const file = read(path);
  const { format, columns } = suggestColumns(file.headers);
  return { file, format, columns, rows: readRows(file, DeviceMappingSchema.parse({ columns })) };
}

describe('NetBox', () => {
  it('reads the bulk-import CSV: the name is the ID, the role the type, the device type the model, site to position the location', () => {
    const { format, columns, rows } = imported(join(FIXTURES, 'netbox-devices.csv'));
    expect(format.id).toBe('netbox');
    expect(columns).toMatchObject({
      name: 'deviceId',
      role: 'type',
      device_type: 'model',
      manufacturer: 'manufacturer',
      serial: 'serial',
      asset_tag: 'assetTag',
      status: 'status',
      site: 'location',
      location: 'location',
      rack: 'location',
      position: 'location',
      tenant: null,
      platform: null,
      tags: null,
    });
    const byId = new Map(rows.devices.map((d) => [d.device.deviceId, d.device]));
    expect(byId.get('dc1-core-sw01')).toMatchObject({
      type: 'Core Switch',
      category: 'network',
      model: 'C9500-24Y4C',
      manufacturer: 'Cisco',
      assetTag: 'NW-0001',
      status: 'active',
      statusLabel: 'active',
      location: 'DC Leeds / Comms room / R01 / 40',
      attributes: expect.objectContaining({
        tenant: 'Northwind Logistics',
        platform: 'Cisco IOS-XE',
        tags: 'core,critical',
      }),
    });
    expect(byId.get('dc1-fw01')).toMatchObject({
      category: 'network',
      status: 'active',
      statusLabel: 'offline',
      attributes: expect.objectContaining({ comments: 'Awaiting RMA, ticket "R-4410" open' }),
    });
    expect(byId.get('dc1-ups01')).toMatchObject({ category: 'power', statusLabel: 'failed' });
    expect(byId.get('dock-gw01')).toMatchObject({
      category: 'gateway',
      status: 'spare',
      statusLabel: 'planned',
    });
    expect(byId.get('old-sw07')).toMatchObject({ status: 'decommissioned', statusLabel: 'decommissioning' });
    expect(byId.get('spare-sw08')).toMatchObject({ status: 'spare', statusLabel: 'inventory' });
    // Unnamed devices with nothing else that names them are the only rows refused.
    expect(rows.devices).toHaveLength(9);
    expect(rows.errors.map((e) => e.row)).toEqual([9, 10, 11]);
    expect(rows.warnings).toEqual([]);
    expect(rows.labels.filter((l) => l.placed === null)).toEqual([]);
  });

  it('reads the device table export (verbose headers, status labels, “Unnamed device”)', () => {
    const { format, columns, rows } = imported(join(FIXTURES, 'netbox-table-export.csv'));
    expect(format.id).toBe('netbox-table');
    expect(columns).toMatchObject({
      Name: 'deviceId',
      Role: 'type',
      Type: 'model',
      Status: 'status',
      Site: 'location',
      Rack: 'location',
      'IP Address': null,
    });
    expect(rows.devices.map((d) => [d.device.deviceId, d.device.category, d.device.status])).toEqual([
      ['dc1-core-sw01', 'network', 'active'],
      ['dc1-edge-rtr01', 'network', 'active'],
      ['dc1-pdu-a', 'power', 'active'],
      ['leeds-tor:1', 'network', 'active'],
      ['dock-gw01', 'gateway', 'spare'],
    ]);
    expect(rows.devices[0]!.device.attributes['IP Address']).toBe('10.10.0.1/24');
    expect(rows.errors).toEqual([
      {
        row: 6,
        column: 'Name',
        value: '',
        reason: 'nothing names the device: no device ID, asset tag, name or serial number',
      },
    ]);
  });

  it.runIf(existsSync(FIELD))(
    'imports the real NetBox demo exports: 214 rows each, only the unnamed devices without serial or tag refused',
    () => {
      for (const file of ['devices-netbox-export.csv', 'devices-netbox-table-export.csv']) {
        const { rows, format } = imported(join(FIELD, 'netbox', file));
        expect(format.id).toMatch(/^netbox/);
        expect(rows.errors).toHaveLength(file.includes('table') ? 14 : 22);
        // The three "PP:MDF" patch panels at three sites share a name: the first is kept, the others reported.
        const kept = rows.devices.length + rows.duplicates.length;
        expect(kept + rows.errors.length).toBe(214);
        expect(new Set(rows.devices.map((d) => d.device.category))).toEqual(new Set(['network', 'power']));
        expect(rows.labels.filter((l) => l.field === 'type' && l.placed === null)).toEqual([]);
        expect(rows.labels.filter((l) => l.field === 'status' && l.placed === null)).toEqual([]);
        expect(rows.warnings).toEqual([]);
      }
    },
  );
});

describe('Snipe-IT', () => {
  it('reads the asset export: the asset tag names the device, the category is its type, “Model No.” stays an attribute', () => {
    const { format, columns, rows } = imported(join(FIXTURES, 'snipe-it-assets.csv'));
    expect(format.id).toBe('snipe-it');
    expect(columns).toMatchObject({
      'Asset Tag': 'assetTag',
      Name: 'name',
      Serial: 'serial',
      Model: 'model',
      'Model No.': null,
      Category: 'type',
      Status: 'status',
      Location: 'location',
      'Checked Out To': 'owner',
    });
    expect(
      rows.devices.map((d) => [d.device.deviceId, d.device.category, d.device.status, d.device.statusLabel]),
    ).toEqual([
      ['WH-000101', 'scanner', 'active', 'Deployed'],
      ['WH-000102', 'scanner', 'spare', 'Ready to Deploy'],
      ['WH-000201', 'printer', 'active', 'Deployed'],
      ['WH-000301', 'rfid-reader', 'spare', 'Pending Diagnostics'],
      ['WH-000401', 'computer', 'decommissioned', 'Lost/Stolen'],
      ['WH-000402', 'other', 'decommissioned', 'Archived'],
      ['WH-000403', 'computer', 'spare', 'Out for Repair'],
    ]);
    expect(rows.devices[0]!.device).toMatchObject({
      name: 'Scanner dock 3 #1',
      owner: 'Priya Shah',
      attributes: expect.objectContaining({
        'Model No.': 'TC520K-2PEZU4P-NA',
        'Purchase Date': '2023-04-11',
      }),
    });
    // "Cold chain kit" says nothing we know, and neither does its model: listed, imported as other.
    expect(rows.labels.filter((l) => l.placed === null).map((l) => l.value)).toEqual(['Cold chain kit']);
  });

  it.runIf(existsSync(FIELD))(
    'reads Snipe-IT’s own sample files, the import file’s “Name” being the person',
    () => {
      const sample = imported(join(FIELD, 'inventories/snipe-it/assets-sample.csv'));
      expect(sample.format.id).toBe('snipe-it');
      expect(sample.rows.errors).toEqual([]);
      expect(sample.rows.devices.length + sample.rows.duplicates.length).toBe(sample.file.records.length);
      expect(sample.rows.devices[0]!.device).toMatchObject({ deviceId: 'ICC-2065556', name: 'Backhoe' });

      const importFile = imported(join(FIELD, 'inventories/snipe-it/IMPORT_ASSETS.csv'));
      expect(importFile.format.id).toBe('snipe-it-import');
      expect(importFile.columns).toMatchObject({
        Name: 'owner',
        'item Name': 'name',
        'item Category': 'type',
        'Serial number': 'serial',
        'Asset Tag': 'assetTag',
      });
      expect(importFile.rows.errors).toEqual([]);
      expect(importFile.rows.devices[0]!.device).toMatchObject({
        deviceId: '970882174-8',
        name: 'eget nunc donec quis',
        owner: 'Bonnie Nelson',
        status: 'spare',
        statusLabel: 'Undeployable',
      });
      // Lorem-ipsum categories are not ours: every one is listed for the user to place.
      expect(importFile.rows.labels.some((l) => l.field === 'type' && l.placed === null)).toBe(true);
      // Mac Roman with CR line ends and repeated or empty column names still reads.
      for (const name of ['assets-sample-BAD.csv', 'assets-sample-BLANKS.csv']) {
        const odd = imported(join(FIELD, 'inventories/snipe-it', name));
        expect(odd.rows.devices.length).toBeGreaterThan(150);
      }
    },
  );
});

describe('spreadsheets', () => {
  it('skips a title row above the header, reads the floor’s own words, and refuses only a row without a device', () => {
    const { file, format, rows } = imported(join(FIXTURES, 'warehouse-floor.csv'));
    expect(format.id).toBe('generic');
    expect(file.delimiter).toBe(';');
    expect(file.notes).toContain('Row 1 is above the header (row 3) and was skipped.');
    expect(
      rows.devices.map((d) => [d.row, d.device.deviceId, d.device.name, d.device.type, d.device.category]),
    ).toEqual([
      [4, 'A-1001', 'amr-07', 'AMR robot', 'robot'],
      [5, 'A-1002', 'shelf-s-112', 'Shelf sensor', 'sensor'],
      [6, 'A-1003', 'conv-plc-2', 'Conveyor PLC', 'plc'],
      [7, 'A-1004', 'rfid-d5', 'RFID reader', 'rfid-reader'],
      [8, 'A-1005', 'cam-17', 'IP camera', 'camera'],
      [9, 'A-1006', 'gw-dock3', 'Edge gateway', 'gateway'],
      [10, 'A-1007', 'scan-44', 'Handheld scanner', 'scanner'],
      [11, 'A-1008', 'wrap-01', 'Stretch wrapper', 'other'],
    ]);
    expect(rows.devices[2]!.device).toMatchObject({
      firmwareVersion: 'V4.5 SP1',
      manufacturer: 'Siemens',
      status: 'active',
      statusLabel: 'In service',
      certExpiry: '2026-12-20',
      lastSeen: '2026-11-30T07:58:00Z',
      location: 'Sorter',
      networkSegment: 'VLAN30',
    });
    expect(rows.warnings.map((w) => [w.row, w.column, w.value])).toEqual([
      [7, 'FW Signed?', 'maybe'],
      [8, 'Cert Valid Until', 'next year'],
    ]);
    expect(rows.devices[3]!.device.firmwareSigned).toBe('unknown');
    expect(rows.errors.map((e) => e.row)).toEqual([13]);
    expect(rows.dates.detected).toBe('none');
  });

  it('finds the header below blank and title rows whatever the delimiter, and says which rows it skipped', () => {
    const text = [
      'Device inventory',
      'Exported by: ops',
      '',
      'Hostname\tSerial\tModel',
      'h-1\tS1\tTC52',
    ].join('\r\n');
    const r = parseInventoryFile(new TextEncoder().encode(text));
    if (!r.ok) throw new Error(r.message);
    expect(r.file.delimiter).toBe('\t');
    expect(r.file.headers).toEqual(['Hostname', 'Serial', 'Model']);
    expect(r.file.records).toEqual([{ row: 5, values: ['h-1', 'S1', 'TC52'] }]);
    expect(r.file.notes).toEqual(['Rows 1–2 are above the header (row 4) and were skipped.']);
  });

  it('recognises no system in a plain spreadsheet', () => {
    expect(recogniseFormat(['Device ID', 'Type', 'Serial'])).toEqual({
      id: 'generic',
      name: 'Spreadsheet or other export',
    });
  });
});

describe('API exports in JSON', () => {
  it.runIf(existsSync(FIELD))('reads LibreNMS and Device42 exports: the devices under their wrapper', () => {
    const libre = imported(join(FIELD, 'inventories/nautobot-ssot/librenms_get_librenms_devices.json'));
    expect(libre.file.notes).toContain('The devices are the records under "devices".');
    expect(libre.columns).toMatchObject({ device_id: 'deviceId', hostname: 'name', hardware: 'model' });
    expect(libre.rows.devices.length).toBe(25);
    const d42 = imported(join(FIELD, 'inventories/nautobot-ssot/device42_get_devices_recv.json'));
    expect(d42.columns).toMatchObject({ serial_no: 'serial', hw_model: 'model', osver: 'firmwareVersion' });
    expect(d42.rows.devices.length).toBe(5);
  });
});
