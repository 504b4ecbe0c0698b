/** Spreadsheets (title rows, other systems' spellings) and JSON API exports, read with no hand mapping. */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { parseInventoryFile } from '../../../electron/domain/device-file';
import { recogniseFormat, suggestColumns } from '../../../electron/domain/device-formats';
import { DeviceMappingSchema } from '../../../electron/domain/devices';
import { readRows } from '../../../electron/domain/device-rows';
import { FIELD, FIXTURES, imported } from './read';

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

  it('reads other systems’ spellings: a bracket, a date word after a date field, a Device or Asset before a field', () => {
    const { columns } = suggestColumns([
      'Index',
      'Device Serial Number',
      'Asset Model',
      'Software Version',
      'Last Seen (UTC)',
      'Cert Expiry Date',
      'Site Name',
      'Status Date',
      'Hardware Version',
    ]);
    expect(columns).toEqual({
      Index: null,
      'Device Serial Number': 'serial',
      'Asset Model': 'model',
      'Software Version': 'firmwareVersion',
      'Last Seen (UTC)': 'lastSeen',
      'Cert Expiry Date': 'certExpiry',
      'Site Name': 'location',
      // A date of the status is no status, and a hardware version no firmware.
      'Status Date': null,
      'Hardware Version': null,
    });
    // An exact spelling still wins over a loose one.
    expect(suggestColumns(['Last Seen Date', 'Last Seen']).columns).toEqual({
      'Last Seen Date': null,
      'Last Seen': 'lastSeen',
    });
  });

  it('recognises no system in a plain spreadsheet', () => {
    expect(recogniseFormat(['Device ID', 'Type', 'Serial'])).toEqual({
      id: 'generic',
      name: 'Spreadsheet or other export',
    });
  });
});

describe('API exports in JSON', () => {
  it('reads LibreNMS and Device42 exports: the devices under their wrapper', () => {
    const libre = imported(join(FIELD, 'inventories/nautobot-ssot/librenms_get_librenms_devices.json'));
    expect(libre.file.notes).toContain('The devices are the records under "devices".');
    expect(libre.columns).toMatchObject({ device_id: 'deviceId', hostname: 'name', hardware: 'model' });
    expect(libre.rows.devices.length).toBe(25);
    const d42 = imported(join(FIELD, 'inventories/nautobot-ssot/device42_get_devices_recv.json'));
    expect(d42.columns).toMatchObject({ serial_no: 'serial', hw_model: 'model', osver: 'firmwareVersion' });
    expect(d42.rows.devices.length).toBe(5);
  });

  it('reads the model of a Cisco DNA Center export and the type of a Meraki one', () => {
    const dna = imported(join(FIELD, 'inventories/nautobot-ssot/dna_center_get_devices.json'));
    expect(dna.columns).toMatchObject({ platformId: 'model', softwareVersion: 'firmwareVersion' });
    expect(dna.rows.devices[0]!.device).toMatchObject({ model: 'C9300-48U', firmwareVersion: '16.6.4a' });
    const meraki = imported(join(FIELD, 'inventories/nautobot-ssot/meraki_get_org_devices.json'));
    expect(meraki.columns).toMatchObject({
      productType: 'type',
      model: 'model',
      firmware: 'firmwareVersion',
    });
  });

  it('reads an API’s nested objects by their names (a NetBox API page)', () => {
    const page = {
      count: 1,
      next: null,
      results: [
        {
          id: 17,
          name: 'dc1-sw01',
          role: { id: 2, name: 'Access Switch', display: 'Access Switch' },
          device_type: { id: 3, model: 'C9200-48P', display: 'C9200-48P' },
          status: { value: 'active', label: 'Active' },
          site: { id: 1, name: 'DC Leeds' },
          serial: 'FOC123',
          tags: [{ name: 'core' }, { name: 'critical' }],
          custom_fields: { warranty: '2027-01-01' },
        },
      ],
    };
    const r = parseInventoryFile(new TextEncoder().encode(JSON.stringify(page)), 'devices.json');
    if (!r.ok) throw new Error(r.message);
    const { columns } = suggestColumns(r.file.headers);
    const rows = readRows(r.file, DeviceMappingSchema.parse({ columns }));
    expect(rows.devices[0]!.device).toMatchObject({
      deviceId: 'dc1-sw01',
      type: 'Access Switch',
      category: 'network',
      model: 'C9200-48P',
      status: 'active',
      statusLabel: 'Active',
      location: 'DC Leeds',
      serial: 'FOC123',
      attributes: { id: '17', tags: 'core, critical', custom_fields: '{"warranty":"2027-01-01"}' },
    });
  });
});
