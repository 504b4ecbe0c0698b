/**
 * Edge-device inventory: the device record, how a source's columns map onto it, reading
 * its dates and yes/no values, and the diff against the last import from the same
 * source. Pure; docs/devices.md.
 */
import { z } from 'zod';
import { daysInMonth } from './days';
import {
  DEVICE_CATEGORIES,
  DEVICE_CATEGORY_LABELS,
  DEVICE_STATUSES,
  type DeviceCategory,
} from './device-vocabulary';

/** yes / no / unknown: a missing value is never read as either. */
export const TRI = ['yes', 'no', 'unknown'] as const;
export type Tri = (typeof TRI)[number];

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const IsoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/);
const Field = z.string().max(500).nullable();

/**
 * One device as stored. Only the id is required (made from the first of the source's
 * device ID, asset tag, serial number and name it has); everything else may be unknown.
 * The source's own words for its type and status are kept beside our category and
 * lifecycle, which are derived from them.
 */
export const DeviceSchema = z.object({
  deviceId: z.string().min(1).max(200),
  /** The name or hostname the source gives it. */
  name: Field,
  assetTag: Field,
  /** The type as the source wrote it ("AMR robot", "Access Switch"). */
  type: Field,
  /** Our category, derived from the type, or from the model and manufacturer when it says nothing. */
  category: z.enum(DEVICE_CATEGORIES).nullable(),
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
  /** Our lifecycle, derived from the status as the source wrote it (statusLabel). */
  status: z.enum(DEVICE_STATUSES).nullable(),
  statusLabel: Field,
  defaultCredentialsChanged: z.enum(TRI),
  owner: Field,
  /** Columns of the file that are not ours, kept as they were. */
  attributes: z.record(z.string(), z.string()),
});
export type Device = z.infer<typeof DeviceSchema>;

/**
 * A device as stored: its fields in a fixed order, then its attributes, as a JSON array
 * (a third of the object form's size: a million devices make that count). The same
 * device always gives the same text, so equal text means unchanged. Fields added later
 * come after the attributes, so older records still read.
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
    d.category,
    d.statusLabel,
    d.name,
    d.assetTag,
  ]);
}

/**
 * Where encodeDevice puts the fields a query reads without decoding the whole record (the
 * object form of older records names them instead).
 */
export const ENCODED_DEVICE_POSITIONS = {
  manufacturer: 2,
  model: 3,
  firmwareVersion: 5,
  lastFirmwareUpdate: 7,
} as const;

/**
 * Records stored before the source's type label was kept held one of our categories as
 * their type: they read back with that category, and its name as their label.
 */
function olderType(type: unknown): { type: string | null; category: DeviceCategory | null } {
  if (typeof type !== 'string') return { type: null, category: null };
  const category = (DEVICE_CATEGORIES as readonly string[]).includes(type) ? (type as DeviceCategory) : null;
  return { type: category ? DEVICE_CATEGORY_LABELS[category] : type, category };
}

/** A stored device read back (encodeDevice's array; the object form of records stored before it). */
export function decodeDevice(text: string): Device {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) {
    const o = v as Device;
    return {
      ...o,
      ...(o.category === undefined ? olderType(o.type) : {}),
      name: o.name ?? null,
      assetTag: o.assetTag ?? null,
      statusLabel: o.statusLabel ?? null,
    };
  }
  const older = v.length <= 17;
  const kind = older ? olderType(v[1]) : { type: v[1], category: v[17] };
  return {
    deviceId: v[0],
    name: v[19] ?? null,
    assetTag: v[20] ?? null,
    type: kind.type,
    category: kind.category,
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
    statusLabel: v[18] ?? null,
    defaultCredentialsChanged: v[14],
    owner: v[15],
    attributes: v[16] ?? {},
  } as Device;
}

/** The fields a column can map to (attributes are everything else). */
export const DEVICE_FIELDS = [
  'deviceId',
  'name',
  'assetTag',
  'serial',
  'type',
  'manufacturer',
  'model',
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

/**
 * Fields that name a device, in the order the device's ID is taken from them: a row with
 * none of them cannot be imported. A serial comes before a name, which several devices
 * may share ("Zebra TC52" on every dock).
 */
export const IDENTITY_FIELDS = [
  'deviceId',
  'assetTag',
  'serial',
  'name',
] as const satisfies readonly DeviceField[];

/** Fields several columns may fill, joined in the file's order ("Site / Room / Rack"). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<DeviceField> = new Set<DeviceField>(['location']);

export const DEVICE_FIELD_LABELS: Record<DeviceField, string> = {
  deviceId: 'Device ID',
  name: 'Name / hostname',
  assetTag: 'Asset tag',
  serial: 'Serial number',
  type: 'Type',
  manufacturer: 'Manufacturer',
  model: 'Model',
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

/** The fields of the stored record, in the order the diff names them. */
const RECORD_FIELDS = [...DEVICE_FIELDS, 'category', 'statusLabel'] as const;

/** Fields with a vocabulary of ours: the source's labels are placed on our words. */
export const VOCABULARY_FIELDS = ['type', 'status'] as const;
export type VocabularyField = (typeof VOCABULARY_FIELDS)[number];

export const DATE_ORDERS = ['auto', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const Label = z.string().max(500);
const Placements = z
  .object({
    status: z.record(Label, z.enum(DEVICE_STATUSES)).default({}),
    type: z.record(Label, z.enum(DEVICE_CATEGORIES)).default({}),
  })
  .strict();

/**
 * How a source's files are read: which column is which field, where its type and status
 * labels are placed among our words (beyond what their words say), its date order.
 */
/** Refuses two columns mapped to one field (location may have several). */
function oneColumnPerField(
  columns: Record<string, DeviceField | null> | undefined,
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(columns ?? {})) {
    if (!field || MULTI_COLUMN_FIELDS.has(field)) continue;
    const other = seen.get(field);
    if (other !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['columns', column],
        message: `Both "${other}" and "${column}" are mapped to ${DEVICE_FIELD_LABELS[field]}; map one column to each field`,
      });
    seen.set(field, column);
  }
}

export const DeviceMappingSchema = z
  .object({
    columns: z.record(z.string().max(200), z.enum(DEVICE_FIELDS).nullable()),
    values: Placements.default({ status: {}, type: {} }),
    dateOrder: z.enum(DATE_ORDERS).default('auto'),
  })
  .strict()
  .superRefine((m, ctx) => oneColumnPerField(m.columns, ctx));
export type DeviceMapping = z.infer<typeof DeviceMappingSchema>;

/**
 * What a user adds to the automatic mapping (a mapping file, the wizard's choices): only
 * what differs; every part may be left out. A column given null stays an attribute; a
 * placement given null goes back to what the label's words say.
 */
export const DeviceMappingPatchSchema = z
  .object({
    columns: z.record(z.string().max(200), z.enum(DEVICE_FIELDS).nullable()).optional(),
    values: z
      .object({
        status: z.record(Label, z.enum(DEVICE_STATUSES).nullable()).optional(),
        type: z.record(Label, z.enum(DEVICE_CATEGORIES).nullable()).optional(),
      })
      .strict()
      .optional(),
    dateOrder: z.enum(DATE_ORDERS).optional(),
  })
  .strict()
  .superRefine((m, ctx) => oneColumnPerField(m.columns, ctx));
export type DeviceMappingPatch = z.infer<typeof DeviceMappingPatchSchema>;

// ---------------------------------------------------------------------------------------
// Reading values

/** d/m/y or m/d/y, a two- or four-digit year, and an optional time ("11/24/2026 08:00", "1/23/23 4:05 PM"). */
const SLASH_DATE =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD of a real calendar day, or null (31/02 is not one). Without Date objects: an import reads millions. */
function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * What a file's dates say about their order: dmy or mdy (a day over 12 says so), conflict
 * (both seen), ambiguous (d/m/y dates, none of which tells), or none (no d/m/y date at
 * all: ISO dates and Excel serials need no order).
 */
export type DateOrderVerdict = 'dmy' | 'mdy' | 'conflict' | 'ambiguous' | 'none';
export const DATE_ORDER_VERDICTS = ['dmy', 'mdy', 'conflict', 'ambiguous', 'none'] as const;

/** Collects what the slash dates of a file say about its order, one value at a time. */
export function dateOrderEvidence(): { note(value: string): void; verdict(): DateOrderVerdict } {
  let dmy = false;
  let mdy = false;
  let seen = false;
  return {
    note(value) {
      const v = value.trim();
      // Only d/m/y-like values say anything: a separator second or third (ISO dates never have one there).
      if (!isSeparator(v.charCodeAt(1)) && !isSeparator(v.charCodeAt(2))) return;
      const m = SLASH_DATE.exec(v);
      if (!m) return;
      seen = true;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12 && b <= 12) dmy = true;
      if (b > 12 && a <= 12) mdy = true;
    },
    verdict: () => (dmy && mdy ? 'conflict' : dmy ? 'dmy' : mdy ? 'mdy' : seen ? 'ambiguous' : 'none'),
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
    const [a, b] = [Number(slash[1]), Number(slash[2])];
    // Two-digit years as spreadsheets read them: 00–69 are 2000–2069, 70–99 are 1970–1999.
    const y =
      slash[3]!.length === 2 ? Number(slash[3]) + (Number(slash[3]) < 70 ? 2000 : 1900) : Number(slash[3]);
    const day = order === 'dmy' ? isoOf(y, b, a) : isoOf(y, a, b);
    if (!day || !withTime || slash[4] === undefined) return day;
    let hh = Number(slash[4]);
    const pm = slash[7]?.toLowerCase();
    if (pm && (hh < 1 || hh > 12)) return null;
    if (pm === 'pm' && hh < 12) hh += 12;
    if (pm === 'am' && hh === 12) hh = 0;
    if (hh > 23 || Number(slash[5]) > 59 || Number(slash[6] ?? 0) > 59) return null;
    return `${day}T${pad2(hh)}:${slash[5]}:${slash[6] ?? '00'}Z`;
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

/** What a re-import changes: examples of devices added, changed and removed, and how many are unchanged. */
export const DeviceDiffSchema = z.object({
  added: z.array(z.string()),
  changed: z.array(z.object({ deviceId: z.string(), fields: z.array(z.string()) })),
  removed: z.array(z.string()),
  unchanged: z.number().int(),
});
export type DeviceDiff = z.output<typeof DeviceDiffSchema>;

/** The fields and attributes in which two records of a device differ. */
export function changedFields(a: Device, b: Device): string[] {
  const out: string[] = [];
  for (const f of RECORD_FIELDS) if (a[f] !== b[f]) out.push(f);
  const keys = new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)]);
  for (const k of keys) if (a.attributes[k] !== b.attributes[k]) out.push(k);
  return out;
}
