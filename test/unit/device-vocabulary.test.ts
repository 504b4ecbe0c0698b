/** Placing the words other systems use for a device's type and status on ours. */
import { describe, it, expect } from 'vitest';
import {
  categoryOfLabel,
  categoryOfModel,
  lifecycleOf,
  type DeviceCategory,
  type DeviceStatus,
} from '../../electron/domain/device-vocabulary';

describe('a type label gives a category', () => {
  it.each<[string, DeviceCategory | null]>([
    // The everyday spellings of a warehouse floor.
    ['AMR robot', 'robot'],
    ['Shelf sensor', 'sensor'],
    ['Conveyor PLC', 'plc'],
    ['RFID reader', 'rfid-reader'],
    ['IP camera', 'camera'],
    ['Edge gateway', 'gateway'],
    ['Handheld scanner', 'scanner'],
    ['AGV', 'robot'],
    ['Goods-to-person picker', 'robot'],
    ['Robot controller', 'robot'],
    // LibreNMS's type for switches and routers, and network controllers that are no PLC.
    ['network', 'network'],
    ['Network camera', 'camera'],
    ['UniFi Controller', 'network'],
    ['Temperature probe', 'sensor'],
    ['Barcode reader', 'scanner'],
    ['Mobile computer', 'scanner'],
    ['Label printer', 'printer'],
    ['rfid-reader', 'rfid-reader'],
    ['CCTV', 'camera'],
    ['Tablets', 'computer'],
    ['Switches', 'network'],
    ['Environmental Monitors', 'sensor'],
    // NetBox roles.
    ['Access Switch', 'network'],
    ['ToR Switch', 'network'],
    ['Core Switch', 'network'],
    ['Router', 'network'],
    ['Firewall', 'network'],
    ['Wireless AP', 'network'],
    ['Patch Panel', 'network'],
    ['Console Server', 'network'],
    ['PDU', 'power'],
    ['UPS', 'power'],
    ['Application Server', 'computer'],
    ['Sensor gateway', 'gateway'],
    ['Wireless LAN Controller', 'network'],
    ['WLAN controller', 'network'],
    ['RF Terminal', 'scanner'],
    ['Forklift terminal', 'scanner'],
    ['Vehicle Mounted Computer', 'scanner'],
    ['Conveyor', 'plc'],
    ['Sorter', 'plc'],
    ['RFID tag', 'other'],
    // Words that say nothing we know.
    ['Stretch wrapper', null],
    ['ISR 1111-8P', null],
    ['', null],
    ['Ornamental Railings', null],
  ])('%j → %s', (label, category) => {
    expect(categoryOfLabel(label)).toBe(category);
  });
});

describe('a model or maker gives a category when the label says nothing', () => {
  it.each<[string | null, string | null, ReturnType<typeof categoryOfModel>]>([
    ['SIMATIC S7-1200 CPU 1214C', 'Siemens', { category: 'plc', from: 'model' }],
    ['CompactLogix 5380', 'Rockwell Automation', { category: 'plc', from: 'model' }],
    ['Micro850', null, { category: 'plc', from: 'model' }],
    ['SCALANCE XC208', 'Siemens', { category: 'network', from: 'model' }],
    ['ISR 1111-8P', 'Cisco', { category: 'network', from: 'model' }],
    ['C9200-48P', 'Cisco', { category: 'network', from: 'model' }],
    ['48-Port Patch Panel', 'Panduit', { category: 'network', from: 'model' }],
    ['AP7901', 'APC', { category: 'power', from: 'model' }],
    ['TC52', 'Zebra', { category: 'scanner', from: 'model' }],
    ['ZT410', 'Zebra', { category: 'printer', from: 'model' }],
    ['FX9600', 'Zebra', { category: 'rfid-reader', from: 'model' }],
    ['DS-2CD2143G2-I', 'Hikvision', { category: 'camera', from: 'model' }],
    ['Q-300', 'Hikvision', { category: 'camera', from: 'manufacturer' }],
    ['LocusBot Vector', 'Locus Robotics', { category: 'robot', from: 'manufacturer' }],
    ['Q-300', 'Lantech', null],
    ['TC8300', 'Zebra', { category: 'scanner', from: 'model' }],
    ['VC8300', 'Zebra', { category: 'scanner', from: 'model' }],
    ['WT6000', 'Zebra', { category: 'scanner', from: 'model' }],
    ['LI4278', 'Zebra', { category: 'scanner', from: 'model' }],
    // Zebra makes scanners, printers and RFID readers: its name alone says nothing.
    [null, 'Zebra Technologies', null],
    [null, null, null],
  ])('%j by %j', (model, maker, expected) => {
    expect(categoryOfModel(model, maker)).toEqual(expected);
  });
});

describe('a status label gives a lifecycle', () => {
  it.each<[string, DeviceStatus | null]>([
    // NetBox.
    ['active', 'active'],
    ['offline', 'active'],
    ['failed', 'active'],
    ['planned', 'spare'],
    ['staged', 'spare'],
    ['inventory', 'spare'],
    ['decommissioning', 'decommissioned'],
    // Snipe-IT.
    ['Ready to Deploy', 'spare'],
    ['Deployed', 'active'],
    ['Pending', 'spare'],
    ['Pending Diagnostics', 'spare'],
    ['Undeployable', 'spare'],
    ['Out for Repair', 'spare'],
    ['Archived', 'decommissioned'],
    ['Lost/Stolen', 'decommissioned'],
    // Spreadsheets.
    ['In service', 'active'],
    ['In use', 'active'],
    ['Retired', 'decommissioned'],
    ['End of life', 'decommissioned'],
    ['Spare', 'spare'],
    ['Not deployed', 'spare'],
    ['Non-operational', 'spare'],
    ['Inactive', 'spare'],
    ['Out of service', 'spare'],
    ['RMA', 'spare'],
    ['Decom', 'decommissioned'],
    ['Disposed of', 'decommissioned'],
    ['Write-off', 'decommissioned'],
    ['Recycled', 'decommissioned'],
    ['Not yet live', null],
    ['mothballed', null],
    ['1', null],
  ])('%j → %s', (label, status) => {
    expect(lifecycleOf(label)).toBe(status);
  });
});
