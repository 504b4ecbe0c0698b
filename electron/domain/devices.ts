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

/**
 * A device as stored: its fields in DEVICE_FIELDS order, then its attributes, as a JSON
 * array (a third of the object form's size: a million devices make that count). The same
 * device always gives the same text, so equal text means unchanged.
 */
export function encodeDevice(d: Device): string {
  return JSON.stringify([
    d.deviceId,
    d.type,
    d.manufacturer,
    d.model,
    d.serial,
    d.firmwareVersion,
    d.firmwareSigned,
    d.lastFirmwareUpdate,
    d.mtls,
    d.certExpiry,
    d.lastSeen,
    d.location,
    d.networkSegment,
    d.status,
    d.defaultCredentialsChanged,
    d.owner,
    d.attributes,
  ]);
}

/** A stored device read back (encodeDevice's array; the object form of records stored before it). */
export function decodeDevice(text: string): Device {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) return v as Device;
  return {
    deviceId: v[0],
    type: v[1],
    manufacturer: v[2],
    model: v[3],
    serial: v[4],
    firmwareVersion: v[5],
    firmwareSigned: v[6],
    lastFirmwareUpdate: v[7],
    mtls: v[8],
    certExpiry: v[9],
    lastSeen: v[10],
    location: v[11],
    networkSegment: v[12],
    status: v[13],
    defaultCredentialsChanged: v[14],
    owner: v[15],
    attributes: v[16] ?? {},
  } as Device;
}

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
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

export type DateOrderVerdict = 'dmy' | 'mdy' | 'conflict' | 'ambiguous';

/** Collects what the slash dates of a file say about its order, one value at a time. */
export function dateOrderEvidence(): { note(value: string): void; verdict(): DateOrderVerdict } {
  let dmy = false;
  let mdy = false;
  return {
    note(value) {
      const v = value.trim();
      // Only d/m/y-like values say anything: a separator second or third (ISO dates never have one there).
      if (!isSeparator(v.charCodeAt(1)) && !isSeparator(v.charCodeAt(2))) return;
      const m = SLASH_DATE.exec(v);
      if (!m) return;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12 && b <= 12) dmy = true;
      if (b > 12 && a <= 12) mdy = true;
    },
    verdict: () => (dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : 'ambiguous'),
  };
}

/** What the slash dates of a file say about its order: dmy, mdy, both seen (conflict), or neither. */
export function detectDateOrder(values: Iterable<string>): DateOrderVerdict {
  const evidence = dateOrderEvidence();
  for (const v of values) evidence.note(v);
  return evidence.verdict();
}

/** '/', '.' or '-': what separates the parts of a d/m/y date. */
const isSeparator = (c: number) => c === 47 || c === 46 || c === 45;

/** The number written by `length` digits of `v` from `at`, or -1 when one is not a digit. */
function digits(v: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The two forms most exports write, YYYY-MM-DD and YYYY-MM-DDTHH:MM:SSZ, read without a
 * regular expression (a million rows have three dates each); undefined for any other form.
 */
function readIsoFast(v: string, withTime: boolean): string | null | undefined {
  if (v.length !== 10 && v.length !== 20) return undefined;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y = digits(v, 0, 4);
  const m = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  if (y < 0 || m < 0 || d < 0) return undefined;
  if (v.length === 10) return isoOf(y, m, d);
  if (v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== 'Z') return undefined;
  const hh = digits(v, 11, 2);
  const mm = digits(v, 14, 2);
  const ss = digits(v, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0) return undefined;
  const day = isoOf(y, m, d);
  if (!day || !withTime) return day;
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return day + v.slice(10);
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date (or date-time) in ISO form, or null when it is not one. */
export function readDate(raw: string, order: 'dmy' | 'mdy', withTime = false): string | null {
  const v = raw.trim();
  const fast = readIsoFast(v, withTime);
  if (fast !== undefined) return fast;
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
// Re-import diff

export interface DeviceDiff {
  added: string[];
  changed: { deviceId: string; fields: string[] }[];
  removed: string[];
  unchanged: number;
}

/** The fields and attributes in which two records of a device differ. */
export function changedFields(a: Device, b: Device): string[] {
  const out: string[] = [];
  for (const f of DEVICE_FIELDS) if (a[f] !== b[f]) out.push(f);
  const keys = new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)]);
  for (const k of keys) if (a.attributes[k] !== b.attributes[k]) out.push(k);
  return out;
}
