/**
 * Reading a file's records into devices with a mapping, a batch at a time. A row is
 * refused only when nothing in it names a device (no device ID, asset tag, name or serial
 * number); a value that cannot be read leaves that one field unknown and is reported as
 * a row warning (row, column, value, reason); duplicates name both rows; the source's
 * type and status labels are kept and placed on our words, with what could not be placed
 * counted. Pure; docs/devices.md.
 */
import { z } from 'zod';
import { CountSchema } from './primitives';
import {
  dateOrderEvidence,
  DEVICE_FIELD_LABELS,
  DEVICE_FIELDS,
  IDENTITY_FIELDS,
  readDate,
  readTri,
  type DateOrderVerdict,
  type Device,
  type DeviceField,
  type DeviceMapping,
  type Tri,
  type VocabularyField,
  VOCABULARY_FIELDS,
} from './devices';
import {
  categoryOfLabel,
  categoryOfModel,
  lifecycleOf,
  type DeviceCategory,
  type DeviceStatus,
} from './device-vocabulary';
import { createKeyIndex, hashOf } from './key-index';

/** A row's problem: for a rejected row (an error) or a value left unknown (a warning). */
export const RowProblemSchema = z.object({
  /** The row in the file: a CSV's or sheet's row as a spreadsheet numbers it (the header's is 1 when it is first); in JSON, the record's number. */
  row: CountSchema,
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type RowProblem = z.output<typeof RowProblemSchema>;
export type RowError = RowProblem;
export type RowWarning = RowProblem;

/** How a type or status label was placed on our words. */
export type Placement = LabelCount['by'];

/** A type or status label of the file, how many rows carry it, and where it was placed. */
export const LabelCountSchema = z.object({
  field: z.enum(VOCABULARY_FIELDS),
  value: z.string(),
  count: CountSchema,
  /** Our word for it (a category or a lifecycle), or null when it could not be placed. */
  placed: z.string().nullable(),
  /** How it was placed: by the mapping, by its words, or not at all (null). */
  by: z.enum(['mapping', 'words']).nullable(),
  /** Of its devices (an unplaced type), how many the model or maker placed instead; the rest are "other". */
  byModel: CountSchema,
});
export type LabelCount = z.output<typeof LabelCountSchema>;

export interface ReadRows {
  devices: { row: number; device: Device }[];
  /** Rows that were refused (nothing names the device), one problem each. */
  errors: RowError[];
  errorsTotal: number;
  /** Values that could not be read; the device was imported with the field unknown. */
  warnings: RowWarning[];
  warningsTotal: number;
  /** Rows imported with at least one warning. */
  warnedRows: number;
  /** Rows repeating an earlier row's ID or serial (the first ones; duplicatesTotal counts them all). */
  duplicates: { key: string; kind: 'id' | 'serial'; rows: [number, number] }[];
  duplicatesTotal: number;
  /** Every distinct type and status label (up to a limit), placed or not. */
  labels: LabelCount[];
  /** Rows whose label was past the limit of distinct labels (counted, not listed). */
  labelsOmitted: number;
  /** The date order used, and why. */
  dates: { order: 'dmy' | 'mdy'; detected: DateOrderVerdict };
  /**
   * IDs of rows that were skipped as duplicates: still in the file, so not removed by a
   * re-import (those not yet taken with RowReader.takeKept).
   */
  keptIds: string[];
}

/** A record as the file reader gives it: its row and its cells in the order of the headers. */
export interface RowRecord {
  row: number;
  values: readonly string[];
}

/** Reads records a batch at a time; `finish` tells everything but the devices, which each batch returned. */
export interface RowReader {
  read(batch: readonly RowRecord[]): { row: number; device: Device }[];
  /** The kept IDs found since the last call (a caller that stores them as it goes keeps memory flat). */
  takeKept(): string[];
  finish(): Omit<ReadRows, 'devices'>;
}

const MAX_TEXT = 500;
const MAX_ID = 200;
/** Problems kept for the preview and its CSV; beyond, they are counted. */
const MAX_KEPT_PROBLEMS = 100_000;
/** Distinct labels listed per field; beyond, their rows are counted. */
const MAX_LABELS = 1_000;
/** Derivations remembered (a file has few distinct labels and models; a hostile one many). */
const MAX_MEMO = 10_000;

/** Keys that must never become object keys (attributes are built from headers). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** What systems write where a name or tag is missing: not an identity. */
const PLACEHOLDERS = new Set([
  'unnamed device',
  '#n/a',
  '#na',
  '#value!',
  '#ref!',
  'n.a.',
  'tba',
  'unnamed',
  'n/a',
  'na',
  'none',
  'null',
  'nil',
  '-',
  '--',
  '?',
  'unknown',
  '(none)',
  '(blank)',
  'tbd',
]);

/** What a spreadsheet's totals line says where a device would be named. */
const TOTALS = /^(?:grand\s+|sub-?)?totals?\s*:?$/i;

const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));
/** Whether a value only stands where a name or tag is missing (compared without case; most values are too long to be one). */
const isPlaceholder = (v: string) => v.length <= LONGEST_PLACEHOLDER && PLACEHOLDERS.has(v.toLowerCase());

/** The date order a mapping reads with before the file has said anything (auto starts as dmy). */
export function firstDateOrder(mapping: DeviceMapping): 'dmy' | 'mdy' {
  return mapping.dateOrder === 'auto' ? 'dmy' : mapping.dateOrder;
}

/**
 * The date order the whole file calls for, once read: when it differs from the one the
 * rows were read with, they must be read again with it.
 */
export function settledDateOrder(mapping: DeviceMapping, detected: DateOrderVerdict): 'dmy' | 'mdy' {
  return mapping.dateOrder !== 'auto' ? mapping.dateOrder : detected === 'mdy' ? 'mdy' : 'dmy';
}

/** A Map that stops remembering past a size (a hostile file has a million distinct values). */
function memo<V>(): { get(key: string): V | undefined; set(key: string, value: V): V } {
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      if (map.size < MAX_MEMO) map.set(key, value);
      return value;
    },
  };
}

/**
 * A reader of records into devices with the mapping and a date order: only rows with
 * nothing that names a device are refused; a device id is the first of its device ID,
 * asset tag, serial number and name; duplicate ids or serials keep the first row.
 */
export function createRowReader(
  headers: readonly string[],
  mapping: DeviceMapping,
  order: 'dmy' | 'mdy',
): RowReader {
  // Each field's cells (by position: rows are arrays); location may have several.
  const cellsOf = new Map<DeviceField, number[]>();
  headers.forEach((h, i) => {
    const field = Object.hasOwn(mapping.columns, h) ? mapping.columns[h] : null;
    if (!field) return;
    const cells = cellsOf.get(field);
    if (cells) cells.push(i);
    else cellsOf.set(field, [i]);
  });
  const cellOf = Object.fromEntries(DEVICE_FIELDS.map((f) => [f, cellsOf.get(f)?.[0] ?? -1])) as Record<
    DeviceField,
    number
  >;
  const locationCells = cellsOf.get('location') ?? [];
  // Every date cell is read (date() below), and each tells what it can about the order.
  const evidence = dateOrderEvidence();

  const errors: RowError[] = [];
  let errorsTotal = 0;
  const warnings: RowWarning[] = [];
  let warningsTotal = 0;
  let warnedRows = 0;
  let keptIds: string[] = [];
  const duplicates: ReadRows['duplicates'] = [];
  let duplicatesTotal = 0;
  const duplicate = (entry: ReadRows['duplicates'][number]) => {
    duplicatesTotal += 1;
    if (duplicates.length < MAX_KEPT_PROBLEMS) duplicates.push(entry);
  };
  const seenIds = createKeyIndex();
  const seenSerials = createKeyIndex();
  const labels = { type: new Map<string, LabelCount>(), status: new Map<string, LabelCount>() };
  let labelsOmitted = 0;
  const placements = mapping.values as {
    type: Record<string, DeviceCategory>;
    status: Record<string, DeviceStatus>;
  };
  const categoryByLabel = memo<DeviceCategory | null>();
  const categoryByModel = memo<DeviceCategory | null>();
  const lifecycleByLabel = memo<DeviceStatus | null>();
  const attributeCells = headers
    .map((h, i) => [h, i] as const)
    .filter(
      ([h]) =>
        !(Object.hasOwn(mapping.columns, h) && mapping.columns[h]) &&
        !FORBIDDEN_KEYS.has(h) &&
        h.trim() !== '',
    );
  const columnName = (field: DeviceField) =>
    cellOf[field] >= 0 ? headers[cellOf[field]]! : DEVICE_FIELD_LABELS[field];

  // The helpers read the current row (set in the loop): made once, not once per row.
  let row = 0;
  let record: readonly string[] = [];
  let warnedHere = false;
  const cell = (i: number): string | null => {
    if (i < 0) return null;
    const v = record[i];
    if (v === undefined) return null;
    const s = v.trim();
    return s === '' ? null : s;
  };
  const text = (field: DeviceField) => cell(cellOf[field]);
  const warn = (column: string, value: string, reason: string) => {
    warnedHere = true;
    warningsTotal += 1;
    if (warnings.length < MAX_KEPT_PROBLEMS) warnings.push({ row, column, value, reason });
  };
  const clip = (v: string) => (v.length > 60 ? `${v.slice(0, 60)}…` : v);
  const plain = (field: DeviceField) => {
    const v = text(field);
    if (v !== null && v.length > MAX_TEXT) {
      warn(columnName(field), clip(v), `longer than ${MAX_TEXT} characters; left unknown`);
      return null;
    }
    return v;
  };
  // The first of the row's location values (a NetBox site): where a device's name is its own.
  let site: string | null = null;
  const location = () => {
    if (locationCells.length <= 1) return (site = plain('location'));
    const parts: string[] = [];
    for (const i of locationCells) {
      const v = cell(i);
      if (v !== null) parts.push(v);
    }
    site = parts[0] ?? null;
    const joined = parts.join(' / ');
    if (joined.length > MAX_TEXT) {
      warn(columnName('location'), clip(joined), `longer than ${MAX_TEXT} characters; left unknown`);
      return null;
    }
    return joined || null;
  };
  const date = (field: DeviceField, withTime = false) => {
    const v = text(field);
    if (v === null) return null;
    evidence.note(v);
    const d = readDate(v, order, withTime);
    if (!d)
      warn(
        columnName(field),
        clip(v),
        'not a date (YYYY-MM-DD, dd/mm/yyyy, mm/dd/yyyy or an Excel date); left unknown',
      );
    return d;
  };
  const tri = (field: DeviceField): Tri => {
    const v = text(field);
    if (v === null) return 'unknown';
    const t = readTri(v);
    if (!t) warn(columnName(field), clip(v), 'not yes/no/true/false/1/0/y/n; left unknown');
    return t ?? 'unknown';
  };
  const count = (field: VocabularyField, value: string, placed: string | null, by: Placement) => {
    const seen = labels[field];
    let entry = seen.get(value);
    if (!entry) {
      if (seen.size >= MAX_LABELS) {
        labelsOmitted += 1;
        return null;
      }
      seen.set(value, (entry = { field, value, count: 0, placed, by, byModel: 0 }));
    }
    entry.count += 1;
    return entry;
  };
  /** The type as written, and our category: the user's placement, the label's words, else the model's or maker's. */
  const typeOf = (model: string | null, manufacturer: string | null) => {
    const label = plain('type');
    let category: DeviceCategory | null = null;
    let by: Placement = null;
    if (label !== null) {
      if (Object.hasOwn(placements.type, label)) {
        category = placements.type[label]!;
        by = 'mapping';
      } else {
        const known = categoryByLabel.get(label);
        category = known !== undefined ? known : categoryByLabel.set(label, categoryOfLabel(label));
        if (category) by = 'words';
      }
    }
    const entry = label !== null ? count('type', label, category, by) : null;
    if (category) return { label, category };
    if (model !== null || manufacturer !== null) {
      const key = `${model ?? ''}\u0000${manufacturer ?? ''}`;
      const known = categoryByModel.get(key);
      const fromModel =
        known !== undefined
          ? known
          : categoryByModel.set(key, categoryOfModel(model, manufacturer)?.category ?? null);
      if (fromModel) {
        if (entry) entry.byModel += 1;
        return { label, category: fromModel };
      }
    }
    // A label we could not place is "other" (and listed); no label and nothing else to go by is unknown.
    return { label, category: label !== null ? ('other' as const) : null };
  };
  const statusOf = () => {
    const label = plain('status');
    if (label === null) return { label, status: null };
    let status: DeviceStatus | null;
    let by: Placement = null;
    if (Object.hasOwn(placements.status, label)) {
      status = placements.status[label]!;
      by = 'mapping';
    } else {
      const known = lifecycleByLabel.get(label);
      status = known !== undefined ? known : lifecycleByLabel.set(label, lifecycleOf(label));
      if (status) by = 'words';
    }
    count('status', label, status, by);
    return { label, status };
  };
  // Why a row names no device: the columns that could have named it, in the file's order.
  const identityColumns = IDENTITY_FIELDS.filter((f) => cellOf[f] >= 0)
    .sort((x, y) => cellOf[x] - cellOf[y])
    .map((f) => columnName(f));
  const nameless = {
    column: identityColumns.join(', ') || DEVICE_FIELD_LABELS.deviceId,
    value: '',
    reason: identityColumns.length
      ? 'nothing names the device: no device ID, asset tag, name or serial number'
      : 'no column names the devices: map a device ID, asset tag, name or serial number column',
  };
  // The identity fields' values of the current row, read once (a placeholder is no value).
  const ids: Record<(typeof IDENTITY_FIELDS)[number], string | null> = {
    deviceId: null,
    assetTag: null,
    serial: null,
    name: null,
  };
  /** Reads the identity fields; the first that names the device, or why none does. */
  const identity = ():
    | { id: string; field: (typeof IDENTITY_FIELDS)[number] }
    | { reason: string; column: string; value: string } => {
    let id: string | null = null;
    let idField: (typeof IDENTITY_FIELDS)[number] = 'deviceId';
    let tooLong: { column: string; value: string } | null = null;
    for (const field of IDENTITY_FIELDS) {
      let v = text(field);
      if (v !== null && isPlaceholder(v)) v = null;
      ids[field] = v;
      if (v === null || id !== null) continue;
      if (v.length <= MAX_ID) [id, idField] = [v, field];
      else tooLong ??= { column: columnName(field), value: clip(v) };
    }
    // The line a spreadsheet adds under its list ("Total", "Grand total:") names no device.
    if (id !== null && TOTALS.test(id))
      return { column: columnName(idField), value: id, reason: 'a totals line, not a device' };
    if (id !== null) return { id, field: idField };
    if (tooLong) return { ...tooLong, reason: `a device ID is at most ${MAX_ID} characters` };
    return nameless;
  };
  /** An identity field's value as kept on the device (over 500 characters it is left unknown, with a warning). */
  const named = (field: 'assetTag' | 'serial' | 'name') => {
    const v = ids[field];
    if (v !== null && v.length > MAX_TEXT) {
      warn(columnName(field), clip(v), `longer than ${MAX_TEXT} characters; left unknown`);
      return null;
    }
    return v;
  };
  const readOne = (): Device | null => {
    warnedHere = false;
    const id = identity();
    if (!('id' in id)) {
      errorsTotal += 1;
      if (errors.length < MAX_KEPT_PROBLEMS) errors.push({ row, ...id });
      return null;
    }
    if (record.length > headers.length) {
      let extra = 0;
      for (let i = headers.length; i < record.length; i++) if (String(record[i] ?? '').trim() !== '') extra++;
      if (extra)
        warn(
          '',
          '',
          `${record.length} values for ${headers.length} columns; the ${extra} past the last column were not read`,
        );
    }
    // Attribute names come from headers the file reader has already made safe (no __proto__).
    const attributes: Record<string, string> = {};
    for (const [name, i] of attributeCells) {
      const v = record[i];
      if (v === undefined || v === null || String(v) === '') continue;
      const value = String(v);
      // Kept, cut, and said: an extra column is the user's own data (GLPI's nested records are too).
      if (value.length > MAX_TEXT)
        warn(name, clip(value), `longer than ${MAX_TEXT} characters; kept cut to ${MAX_TEXT}`);
      attributes[name] = value.slice(0, MAX_TEXT);
    }
    const manufacturer = plain('manufacturer');
    const model = plain('model');
    const type = typeOf(model, manufacturer);
    const status = statusOf();
    const serial = named('serial');
    const device: Device = {
      deviceId: id.id,
      name: named('name'),
      assetTag: named('assetTag'),
      type: type.label,
      category: type.category,
      manufacturer,
      model,
      serial,
      firmwareVersion: plain('firmwareVersion'),
      firmwareSigned: tri('firmwareSigned'),
      lastFirmwareUpdate: date('lastFirmwareUpdate'),
      mtls: tri('mtls'),
      certExpiry: date('certExpiry'),
      lastSeen: date('lastSeen', true),
      location: location(),
      networkSegment: plain('networkSegment'),
      status: status.status,
      statusLabel: status.label,
      defaultCredentialsChanged: tri('defaultCredentialsChanged'),
      owner: plain('owner'),
      attributes,
    };
    // Where the device is (its location's first value), as a number kept with its ID (0: not known).
    const place = site === null ? 0 : (hashOf(site.toLowerCase()) % 0x3fffffff) + 1;
    let firstWithId = seenIds.find(device.deviceId.toLowerCase());
    let elsewhere: { id: string; row: number } | null = null;
    if (firstWithId >= 0) {
      // A name used again at another place is another device (NetBox's names are unique per
      // site only: two sites' "PP:MDF"): kept under its name and site (the location's first
      // value, so that a move within the site keeps the ID), and said. A device ID or name seen
      // again at the same site, or where either site is unknown, is a duplicate.
      const firstPlace = seenIds.foundTag();
      const qualified = `${device.deviceId} @ ${site}`;
      if (
        (id.field === 'deviceId' || id.field === 'name') &&
        place !== 0 &&
        firstPlace !== 0 &&
        firstPlace !== place &&
        qualified.length <= MAX_ID
      ) {
        elsewhere = { id: qualified, row: firstWithId };
        firstWithId = seenIds.find(qualified.toLowerCase());
      }
      if (firstWithId >= 0) {
        duplicate({ key: elsewhere?.id ?? device.deviceId, kind: 'id', rows: [firstWithId, row] });
        if (warnedHere) warnedRows += 1;
        return null;
      }
    }
    if (device.serial) {
      const firstWithSerial = seenSerials.find(device.serial.toLowerCase());
      if (firstWithSerial >= 0) {
        duplicate({ key: device.serial, kind: 'serial', rows: [firstWithSerial, row] });
        keptIds.push(elsewhere?.id ?? device.deviceId);
        if (warnedHere) warnedRows += 1;
        return null;
      }
      seenSerials.addLast(row);
    }
    if (elsewhere) {
      warn(
        columnName(id.field),
        clip(device.deviceId),
        `also names the device on row ${elsewhere.row}, at another place: kept as another device, "${clip(elsewhere.id)}"`,
      );
      device.deviceId = elsewhere.id;
    }
    if (warnedHere) warnedRows += 1;
    seenIds.addLast(row, place);
    return device;
  };

  return {
    read(batch) {
      const out: { row: number; device: Device }[] = [];
      for (const current of batch) {
        row = current.row;
        record = current.values;
        const device = readOne();
        if (device) out.push({ row, device });
      }
      return out;
    },
    takeKept() {
      const taken = keptIds;
      keptIds = [];
      return taken;
    },
    finish: () => ({
      errors,
      errorsTotal,
      warnings,
      warningsTotal,
      warnedRows,
      duplicates,
      duplicatesTotal,
      labels: [...labels.type.values(), ...labels.status.values()],
      labelsOmitted,
      dates: { order, detected: evidence.verdict() },
      keptIds,
    }),
  };
}

/**
 * Why no row of a file can be imported, in one sentence naming the most common reasons
 * ("214 rows read, none can be imported: 214 have nothing that names the device").
 */
export function nothingToImport(p: {
  counts: { read: number };
  errors: readonly RowProblem[];
  errorsTotal: number;
}): string {
  const reasons = new Map<string, number>();
  for (const e of p.errors) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  // The problems kept are the first ones: one reason among them stands for all.
  if (reasons.size === 1) reasons.set(p.errors[0]!.reason, p.errorsTotal);
  const top = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([reason, n]) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}: ${reason}`);
  return `No row of the file can be imported (${p.counts.read.toLocaleString('en-US')} read${top.length ? `; ${top.join('; ')}` : ''}); nothing was written`;
}

/** Reads all records of a file into devices (the date order settled first). */
export function readRows(
  file: { headers: readonly string[]; records: readonly RowRecord[] },
  mapping: DeviceMapping,
): ReadRows {
  let reader = createRowReader(file.headers, mapping, firstDateOrder(mapping));
  let devices = reader.read(file.records);
  let rest = reader.finish();
  const order = settledDateOrder(mapping, rest.dates.detected);
  if (order !== rest.dates.order) {
    reader = createRowReader(file.headers, mapping, order);
    devices = reader.read(file.records);
    rest = reader.finish();
  }
  return { devices, ...rest };
}
