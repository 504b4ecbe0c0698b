/**
 * NetBox device exports: the bulk-import CSV (field names: `name`, `role` or `device_role`,
 * `device_type`, `status` slugs…) and the device list's table export (verbose headers:
 * `Name`, `Role`, `Type`, `Status` labels…). In both, the name is the device ID, the role is
 * what the device is (our type label), the device type is its model, and site, location,
 * rack and position together say where it is. Tenant, platform, primary IP, tags and the
 * rest are kept as attributes. Statuses (active, offline, planned, staged, failed,
 * inventory, decommissioning) are placed by their words, the original kept.
 */
import type { DeviceFormat } from './format';

/** The bulk-import CSV (and API-style exports with the same field names). */
export const NETBOX_IMPORT: DeviceFormat = {
  id: 'netbox',
  name: 'NetBox device export',
  recognise: (keys) =>
    keys.has('devicetype') && keys.has('site') && (keys.has('role') || keys.has('devicerole')),
  columns: {
    name: 'deviceId',
    role: 'type',
    devicerole: 'type',
    devicetype: 'model',
    manufacturer: 'manufacturer',
    serial: 'serial',
    assettag: 'assetTag',
    status: 'status',
    site: 'location',
    location: 'location',
    rack: 'location',
    position: 'location',
    tenant: null,
    platform: null,
    primaryip: null,
    primaryip4: null,
    tags: null,
    description: null,
    comments: null,
  },
};

/** The device list's "Export → Current view" or "All data" CSV (verbose headers, display labels). */
export const NETBOX_TABLE: DeviceFormat = {
  id: 'netbox-table',
  name: 'NetBox device table export',
  recognise: (keys) =>
    keys.has('name') && keys.has('role') && keys.has('type') && keys.has('site') && keys.has('manufacturer'),
  columns: {
    name: 'deviceId',
    role: 'type',
    type: 'model',
    manufacturer: 'manufacturer',
    serialnumber: 'serial',
    assettag: 'assetTag',
    status: 'status',
    site: 'location',
    location: 'location',
    rack: 'location',
    position: 'location',
    tenant: null,
    platform: null,
    ipaddress: null,
    ipv4address: null,
    tags: null,
    description: null,
    comments: null,
    id: null,
  },
};
