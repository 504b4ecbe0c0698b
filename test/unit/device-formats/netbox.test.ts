/** NetBox's device exports (bulk-import CSV and table export), read with no hand mapping. */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { FIELD, FIXTURES, imported } from './read';

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

  it('imports the real NetBox demo exports: 214 rows each, only the unnamed devices without serial or tag refused, one name at three sites kept three times', () => {
    for (const file of ['devices-netbox-export.csv', 'devices-netbox-table-export.csv']) {
      const { rows, format } = imported(join(FIELD, 'netbox', file));
      expect(format.id).toMatch(/^netbox/);
      expect(rows.errors).toHaveLength(file.includes('table') ? 14 : 22);
      // The three "PP:MDF" patch panels at three sites share a name (NetBox's names are unique
      // per site): each is kept, the second and third named with their site and reported.
      expect(rows.devices.length + rows.errors.length).toBe(214);
      expect(rows.duplicates).toEqual([]);
      expect(
        rows.devices.filter((d) => d.device.deviceId.startsWith('PP:MDF')).map((d) => d.device.deviceId),
      ).toEqual(['PP:MDF', 'PP:MDF @ D. S. Weaver Labs', 'PP:MDF @ Grinnells Lab']);
      expect(rows.warnings.map((w) => [w.row, w.value])).toEqual([
        [58, 'PP:MDF'],
        [59, 'PP:MDF'],
      ]);
      expect(new Set(rows.devices.map((d) => d.device.category))).toEqual(new Set(['network', 'power']));
      expect(rows.labels.filter((l) => l.field === 'type' && l.placed === null)).toEqual([]);
      expect(rows.labels.filter((l) => l.field === 'status' && l.placed === null)).toEqual([]);
    }
  });
});
