/**
 * Edge-device inventory: the device record, reading a file's columns into it (header
 * spellings, vocabulary, dates, booleans), row validation, duplicates, and the diff
 * against the last import from the same source. Pure; docs/devices.md.
 */
import { z } from 'zod';

export const DEVICE_TYPES = [
  'sensor',
  'rfid-reader',
  'camera',
  'plc',
  'robot',
  'gateway',
  'scanner',
  'other',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export const DEVICE_TYPE_LABELS: Record<DeviceType, string> = {
  sensor: 'Sensor',
  'rfid-reader': 'RFID reader',
  camera: 'Camera',
  plc: 'PLC',
  robot: 'Robot',
  gateway: 'Gateway',
  scanner: 'Handheld scanner',
  other: 'Other',
};

export const DEVICE_STATUSES = ['active', 'spare', 'decommissioned'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** yes / no / unknown: a missing value is never read as either. */
export const TRI = ['yes', 'no', 'unknown'] as const;
export type Tri = (typeof TRI)[number];

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const IsoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/);
const Field = z.string().max(500).nullable();

/** One device as stored. Only the id is required; everything else may be unknown. */
export const DeviceSchema = z.object({
  deviceId: z.string().min(1).max(200),
  type: z.enum(DEVICE_TYPES).nullable(),
  manufacturer: Field,
  model: Field,
  serial: Field,
  firmwareVersion: Field,
  firmwareSigned: z.enum(TRI),
  lastFirmwareUpdate: IsoDate.nullable(),
  mtls: z.enum(TRI),
  certExpiry: IsoDate.nullable(),
  lastSeen: IsoDateTime.nullable(),
  location: Field,
  networkSegment: Field,
  status: z.enum(DEVICE_STATUSES).nullable(),
  defaultCredentialsChanged: z.enum(TRI),
  owner: Field,
  /** Columns of the file that are not ours, kept as they were. */
  attributes: z.record(z.string(), z.string()),
});
export type Device = z.infer<typeof DeviceSchema>;

/** The fields a column can map to (attributes are everything else). */
export const DEVICE_FIELDS = [
  'deviceId',
  'type',
  'manufacturer',
  'model',
  'serial',
  'firmwareVersion',
  'firmwareSigned',
  'lastFirmwareUpdate',
  'mtls',
  'certExpiry',
  'lastSeen',
  'location',
  'networkSegment',
  'status',
  'defaultCredentialsChanged',
  'owner',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

export const DEVICE_FIELD_LABELS: Record<DeviceField, string> = {
  deviceId: 'Device ID',
  type: 'Type',
  manufacturer: 'Manufacturer',
  model: 'Model',
  serial: 'Serial number',
  firmwareVersion: 'Firmware version',
  firmwareSigned: 'Firmware signed',
  lastFirmwareUpdate: 'Last firmware update',
  mtls: 'mTLS enabled',
  certExpiry: 'Certificate expiry',
  lastSeen: 'Last seen',
  location: 'Location / zone',
  networkSegment: 'Network segment',
  status: 'Status',
  defaultCredentialsChanged: 'Default credentials changed',
  owner: 'Owner',
};

/** Header spellings of each field, most specific first (compared without case, spaces or punctuation). */
const HEADER_SYNONYMS: Record<DeviceField, readonly string[]> = {
  deviceId: ['deviceid', 'assetid', 'assettag', 'id', 'devicename', 'hostname', 'name', 'host', 'asset'],
  serial: ['serialnumber', 'serialno', 'serial', 'sn', 'serialnr'],
  type: ['devicetype', 'type', 'category', 'class', 'kind'],
  manufacturer: ['manufacturer', 'make', 'vendor', 'brand', 'mfr', 'mfg', 'oem'],
  model: ['model', 'modelno', 'modelnumber', 'modelname'],
  firmwareVersion: ['firmwareversion', 'firmwarever', 'fwversion', 'fwver', 'firmware', 'fw'],
  firmwareSigned: ['firmwaresigned', 'signedfirmware', 'fwsigned', 'signed', 'codesigned'],
  lastFirmwareUpdate: [
    'lastfirmwareupdate',
    'firmwareupdated',
    'firmwareupdate',
    'fwupdated',
    'lastfwupdate',
    'lastupdate',
    'lastpatched',
    'patchdate',
  ],
  mtls: ['mtlsenabled', 'mtls', 'mutualtls', 'clientcertauth'],
  certExpiry: [
    'certexpiry',
    'certificateexpiry',
    'certexpires',
    'certificateexpires',
    'certvaliduntil',
    'certnotafter',
    'certexp',
  ],
  lastSeen: ['lastseen', 'lastheartbeat', 'heartbeat', 'lastcontact', 'lastcheckin', 'lastonline'],
  location: ['location', 'locationzone', 'zone', 'site', 'area', 'building'],
  networkSegment: ['networksegment', 'segment', 'vlan', 'network', 'subnet'],
  status: ['status', 'lifecycle', 'lifecyclestatus', 'lifecyclestate', 'state'],
  defaultCredentialsChanged: [
    'defaultcredentialschanged',
    'defaultcredschanged',
    'defaultpasswordchanged',
    'credentialschanged',
    'passwordchanged',
  ],
  owner: ['owner', 'responsible', 'assignedto', 'custodian', 'contact'],
};

/** A header as compared with the synonyms. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Column → field, by header spelling; each field takes at most one column, the best match. */
export function suggestColumns(headers: readonly string[]): Record<string, DeviceField | null> {
  const out: Record<string, DeviceField | null> = Object.fromEntries(headers.map((h) => [h, null]));
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  for (const field of DEVICE_FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      const i = keys.findIndex((k, j) => k === synonym && !taken.has(j));
      if (i >= 0) {
        out[headers[i]!] = field;
        taken.add(i);
        break;
      }
    }
  }
  return out;
}

/** Our vocabulary for the fields that have one, with the spellings other systems use. */
const VOCABULARY_SYNONYMS = {
  status: {
    active: ['active', 'inuse', 'live', 'online', 'deployed', 'production', 'operational', 'offline'],
    spare: ['spare', 'inventory', 'stock', 'instock', 'standby', 'planned', 'reserve', 'storage', 'new'],
    decommissioned: [
      'decommissioned',
      'decommissioning',
      'retired',
      'disposed',
      'removed',
      'eol',
      'endoflife',
      'scrapped',
    ],
  },
  type: {
    sensor: ['sensor', 'iotsensor', 'temperaturesensor', 'tempsensor', 'probe', 'environmentalsensor'],
    'rfid-reader': ['rfidreader', 'rfid', 'reader', 'rfidportal', 'rfidgate'],
    camera: ['camera', 'ipcamera', 'cctv', 'cam', 'visionsystem'],
    plc: ['plc', 'controller', 'programmablelogiccontroller'],
    robot: ['robot', 'amr', 'agv', 'cobot', 'robotarm', 'picker'],
    gateway: ['gateway', 'iotgateway', 'edgegateway', 'router', 'edgeserver'],
    scanner: ['scanner', 'handheld', 'handheldscanner', 'barcodescanner', 'mobilecomputer', 'rfgun', 'pda'],
    other: ['other'],
  },
} as const satisfies Record<'status' | 'type', Record<string, readonly string[]>>;

export type VocabularyField = keyof typeof VOCABULARY_SYNONYMS;
export const VOCABULARY: Record<VocabularyField, readonly string[]> = {
  status: DEVICE_STATUSES,
  type: DEVICE_TYPES,
};

/** Our word for a value, if it is one of ours or a known spelling of one. */
export function suggestValue(field: VocabularyField, value: string): string | null {
  const key = headerKey(value);
  for (const [ours, spellings] of Object.entries(VOCABULARY_SYNONYMS[field]))
    if (key === headerKey(ours) || (spellings as readonly string[]).includes(key)) return ours;
  return null;
}

export const DATE_ORDERS = ['auto', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** How a source's files are read: which column is which field, our words for its values, its date order. */
export const DeviceMappingSchema = z
  .object({
    columns: z.record(z.string().max(200), z.enum(DEVICE_FIELDS).nullable()),
    values: z
      .object({
        status: z.record(z.string().max(200), z.enum(DEVICE_STATUSES)).default({}),
        type: z.record(z.string().max(200), z.enum(DEVICE_TYPES)).default({}),
      })
      .strict()
      .default({ status: {}, type: {} }),
    dateOrder: z.enum(DATE_ORDERS).default('auto'),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Map<string, string>();
    for (const [column, field] of Object.entries(m.columns)) {
      if (!field) continue;
      const other = seen.get(field);
      if (other !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['columns', column],
          message: `Both "${other}" and "${column}" are mapped to ${field}; map one column to each field`,
        });
      seen.set(field, column);
    }
  });
export type DeviceMapping = z.infer<typeof DeviceMappingSchema>;
export type DeviceMappingInput = z.input<typeof DeviceMappingSchema>;

// ---------------------------------------------------------------------------------------
// Reading values

const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD of a real calendar day, or null (31/02 is not one). Without Date objects: an import reads millions. */
function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** What the slash dates of a file say about its order: dmy, mdy, both seen (conflict), or neither. */
export function detectDateOrder(values: Iterable<string>): 'dmy' | 'mdy' | 'conflict' | 'ambiguous' {
  let dmy = false;
  let mdy = false;
  for (const v of values) {
    const m = SLASH_DATE.exec(v.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy = true;
    if (b > 12 && a <= 12) mdy = true;
  }
  return dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : 'ambiguous';
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date (or date-time) in ISO form, or null when it is not one. */
export function readDate(raw: string, order: 'dmy' | 'mdy', withTime = false): string | null {
  const v = raw.trim();
  const iso = ISO_DATE.exec(v);
  if (iso) {
    const day = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!day) return null;
    if (!withTime || iso[4] === undefined) return day;
    if (Number(iso[4]) > 23 || Number(iso[5]) > 59 || Number(iso[6] ?? 0) > 59) return null;
    const local = `${day}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}`;
    if (!iso[7] || iso[7] === 'Z') return `${local}Z`;
    const d = new Date(
      `${local}${iso[7].length === 5 ? `${iso[7].slice(0, 3)}:${iso[7].slice(3)}` : iso[7]}`,
    );
    return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 19) + 'Z';
  }
  const slash = SLASH_DATE.exec(v);
  if (slash) {
    const [a, b, y] = [Number(slash[1]), Number(slash[2]), Number(slash[3])];
    return order === 'dmy' ? isoOf(y, b, a) : isoOf(y, a, b);
  }
  // Excel serial dates: 20000 (1954) to 80000 (2119), with an optional fraction of a day.
  if (/^\d{5}(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n >= 20000 && n <= 80000) {
      const d = new Date(EXCEL_EPOCH + Math.round(n * 86_400_000));
      return withTime && n % 1 ? d.toISOString().slice(0, 19) + 'Z' : d.toISOString().slice(0, 10);
    }
  }
  return null;
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'enabled', 'on']);
const FALSE = new Set(['no', 'n', 'false', '0', 'disabled', 'off']);
const UNKNOWN = new Set(['', 'unknown', 'n/a', 'na', '?', '-', 'tbd']);

/** yes / no / unknown, or null when the value is none of them. */
export function readTri(raw: string): Tri | null {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return 'yes';
  if (FALSE.has(v)) return 'no';
  if (UNKNOWN.has(v)) return 'unknown';
  return null;
}

// ---------------------------------------------------------------------------------------
// Rows

export interface RowError {
  /** The row in the file: 1 is the header of a CSV, so the first device is row 2; in JSON, the first object is row 1. */
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ReadRows {
  devices: { row: number; device: Device }[];
  errors: RowError[];
  duplicates: { key: string; kind: 'id' | 'serial'; rows: [number, number] }[];
  /** Values of vocabulary fields that are not ours and not mapped, with a suggestion. */
  unmapped: { field: VocabularyField; value: string; count: number; suggestion: string | null }[];
  /** The date order used, and why. */
  dates: { order: 'dmy' | 'mdy'; detected: ReturnType<typeof detectDateOrder> };
  /** IDs of rows that were rejected or skipped: still in the file, so not removed by a re-import. */
  keptIds: string[];
}

const DATE_FIELDS: readonly DeviceField[] = ['lastFirmwareUpdate', 'certExpiry', 'lastSeen'];
const MAX_TEXT = 500;
const MAX_ID = 200;

/** Keys that must never become object keys (attributes are built from headers). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads records (header → text) into devices with the mapping: every bad value is a row
 * error naming row, column, value and reason; rows with errors are not imported. A
 * device id falls back to the serial number. Duplicate ids or serials keep the first row.
 */
export function readRows(
  file: { headers: readonly string[]; records: readonly { row: number; values: readonly string[] }[] },
  mapping: DeviceMapping,
): ReadRows {
  const { headers, records } = file;
  const columns = Object.entries(mapping.columns);
  const byField = new Map<DeviceField, string>();
  for (const [column, field] of columns) if (field && !byField.has(field)) byField.set(field, column);
  // Each field's cell index (-1: no column): rows are arrays, read by position.
  const cellOf = Object.fromEntries(
    DEVICE_FIELDS.map((f) => [f, byField.has(f) ? headers.indexOf(byField.get(f)!) : -1]),
  ) as Record<DeviceField, number>;

  const dateCells = DATE_FIELDS.map((f) => cellOf[f]).filter((i) => i >= 0);
  const detected = detectDateOrder(
    (function* () {
      for (const r of records) for (const i of dateCells) if (r.values[i]) yield r.values[i]!;
    })(),
  );
  const order: 'dmy' | 'mdy' =
    mapping.dateOrder !== 'auto' ? mapping.dateOrder : detected === 'mdy' ? 'mdy' : 'dmy';

  const errors: RowError[] = [];
  const keptIds: string[] = [];
  const devices: ReadRows['devices'] = [];
  const duplicates: ReadRows['duplicates'] = [];
  const seenIds = new Map<string, number>();
  const seenSerials = new Map<string, number>();
  const unmapped = new Map<string, ReadRows['unmapped'][number]>();
  const columnIndex = new Map(headers.map((h, i) => [h, i]));
  const attributeCells = headers
    .map((h, i) => [h, i] as const)
    .filter(
      ([h]) =>
        !(Object.hasOwn(mapping.columns, h) && mapping.columns[h]) &&
        !FORBIDDEN_KEYS.has(h) &&
        h.trim() !== '',
    );

  // The helpers read the current row (set in the loop): made once, not once per row.
  let row = 0;
  let record: readonly string[] = [];
  let rowErrors: RowError[] = [];
  const text = (field: DeviceField): string | null => {
    const i = cellOf[field];
    if (i < 0) return null;
    const v = record[i];
    if (v === undefined || v === null) return null;
    const s = String(v).trim();
    return s === '' ? null : s;
  };
  const fail = (field: DeviceField, value: string, reason: string) =>
    rowErrors.push({ row, column: byField.get(field) ?? DEVICE_FIELD_LABELS[field], value, reason });
  const plain = (field: DeviceField) => {
    const v = text(field);
    if (v !== null && v.length > MAX_TEXT) {
      fail(field, v.slice(0, 40) + '…', `longer than ${MAX_TEXT} characters`);
      return null;
    }
    return v;
  };
  const date = (field: DeviceField, withTime = false) => {
    const v = text(field);
    if (v === null) return null;
    const d = readDate(v, order, withTime);
    if (!d) fail(field, v, 'not a date (use YYYY-MM-DD, dd/mm/yyyy, mm/dd/yyyy or an Excel date)');
    return d;
  };
  const tri = (field: DeviceField): Tri => {
    const v = text(field);
    if (v === null) return 'unknown';
    const t = readTri(v);
    if (!t) fail(field, v, 'not yes/no/true/false/1/0/y/n');
    return t ?? 'unknown';
  };
  const vocab = <F extends VocabularyField>(field: F) => {
    const v = text(field);
    if (v === null) return null;
    const values = mapping.values[field] as Record<string, string>;
    // Own keys only: a cell saying "constructor" must not find Object.prototype's.
    const mapped = Object.hasOwn(values, v) ? values[v] : undefined;
    if (mapped) return mapped;
    if ((VOCABULARY[field] as readonly string[]).includes(v.toLowerCase())) return v.toLowerCase();
    const key = `${field}\u0000${v}`;
    const entry = unmapped.get(key) ?? { field, value: v, count: 0, suggestion: suggestValue(field, v) };
    entry.count += 1;
    unmapped.set(key, entry);
    fail(field, v, `not one of ours (${VOCABULARY[field].join(', ')}); map it`);
    return null;
  };

  for (const current of records) {
    row = current.row;
    record = current.values;
    rowErrors = [];
    const serial = plain('serial');
    const deviceId = plain('deviceId') ?? serial;
    if (!deviceId)
      rowErrors.push({
        row,
        column: byField.get('deviceId') ?? byField.get('serial') ?? DEVICE_FIELD_LABELS.deviceId,
        value: '',
        reason: 'no device ID or serial number',
      });
    else if (deviceId.length > MAX_ID)
      rowErrors.push({
        row,
        column: byField.get('deviceId') ?? byField.get('serial') ?? DEVICE_FIELD_LABELS.deviceId,
        value: deviceId.slice(0, 40) + '…',
        reason: `a device ID is at most ${MAX_ID} characters`,
      });
    // Attribute names come from headers the file reader has already made safe (no __proto__).
    const attributes: Record<string, string> = {};
    for (const [name, i] of attributeCells) {
      const v = record[i];
      if (v !== undefined && v !== null && String(v) !== '') attributes[name] = String(v).slice(0, MAX_TEXT);
    }
    const device: Device = {
      deviceId: deviceId ?? '',
      type: vocab('type') as DeviceType | null,
      manufacturer: plain('manufacturer'),
      model: plain('model'),
      serial,
      firmwareVersion: plain('firmwareVersion'),
      firmwareSigned: tri('firmwareSigned'),
      lastFirmwareUpdate: date('lastFirmwareUpdate'),
      mtls: tri('mtls'),
      certExpiry: date('certExpiry'),
      lastSeen: date('lastSeen', true),
      location: plain('location'),
      networkSegment: plain('networkSegment'),
      status: vocab('status') as DeviceStatus | null,
      defaultCredentialsChanged: tri('defaultCredentialsChanged'),
      owner: plain('owner'),
      attributes,
    };
    if (rowErrors.length) {
      // In the order of the file's columns, as a reader scans the row.
      rowErrors.sort((x, y) => (columnIndex.get(x.column) ?? -1) - (columnIndex.get(y.column) ?? -1));
      errors.push(...rowErrors);
      // The device is still in the file: a re-import keeps its stored record rather than removing it.
      if (deviceId && deviceId.length <= MAX_ID) keptIds.push(deviceId);
      continue;
    }
    const idKey = device.deviceId.toLowerCase();
    const firstWithId = seenIds.get(idKey);
    if (firstWithId !== undefined) {
      duplicates.push({ key: device.deviceId, kind: 'id', rows: [firstWithId, row] });
      continue;
    }
    if (device.serial) {
      const serialKey = device.serial.toLowerCase();
      const firstWithSerial = seenSerials.get(serialKey);
      if (firstWithSerial !== undefined) {
        duplicates.push({ key: device.serial, kind: 'serial', rows: [firstWithSerial, row] });
        keptIds.push(device.deviceId);
        continue;
      }
      seenSerials.set(serialKey, row);
    }
    seenIds.set(idKey, row);
    devices.push({ row, device });
  }
  return {
    devices,
    errors,
    duplicates,
    unmapped: [...unmapped.values()],
    dates: { order, detected },
    keptIds,
  };
}

// ---------------------------------------------------------------------------------------
// Re-import diff

export interface DeviceDiff {
  added: string[];
  changed: { deviceId: string; fields: string[] }[];
  removed: string[];
  unchanged: number;
}

/** What an import would add, change and remove among a source's devices. */
export function diffDevices(before: ReadonlyMap<string, Device>, after: readonly Device[]): DeviceDiff {
  const diff: DeviceDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const d of after) {
    seen.add(d.deviceId);
    const old = before.get(d.deviceId);
    if (!old) {
      diff.added.push(d.deviceId);
      continue;
    }
    const fields = changedFields(old, d);
    if (fields.length) diff.changed.push({ deviceId: d.deviceId, fields });
    else diff.unchanged += 1;
  }
  for (const id of before.keys()) if (!seen.has(id)) diff.removed.push(id);
  return diff;
}

/**
 * The same diff against stored devices as JSON text: equal text is unchanged without
 * parsing it, so a re-import of 100,000 mostly unchanged devices stays cheap.
 */
export function diffStored(
  before: ReadonlyMap<string, string>,
  after: readonly { deviceId: string; json: string }[],
): DeviceDiff {
  const diff: DeviceDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const { deviceId, json } of after) {
    seen.add(deviceId);
    const old = before.get(deviceId);
    if (old === undefined) diff.added.push(deviceId);
    else if (old === json) diff.unchanged += 1;
    else
      diff.changed.push({
        deviceId,
        fields: changedFields(JSON.parse(old) as Device, JSON.parse(json) as Device),
      });
  }
  for (const id of before.keys()) if (!seen.has(id)) diff.removed.push(id);
  return diff;
}

function changedFields(a: Device, b: Device): string[] {
  const out: string[] = [];
  for (const f of DEVICE_FIELDS) if (a[f] !== b[f]) out.push(f);
  const keys = new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)]);
  for (const k of keys) if (a.attributes[k] !== b.attributes[k]) out.push(k);
  return out;
}
