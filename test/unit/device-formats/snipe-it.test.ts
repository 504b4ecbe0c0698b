/** Snipe-IT's asset export and import file, read with no hand mapping. */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { FIELD, FIXTURES, imported } from './read';

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

  it('reads Snipe-IT’s own sample files, the import file’s “Name” being the person', () => {
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
  });
});
