/**
 * Reading a file's records into devices with a mapping, a batch at a time: every bad value
 * is a row error (row, column, value, reason), duplicates name both rows, values outside
 * our vocabulary are collected with a suggestion. Pure; docs/devices.md.
 */
import {
  dateOrderEvidence,
  DEVICE_FIELD_LABELS,
  DEVICE_FIELDS,
  readDate,
  readTri,
  suggestValue,
  VOCABULARY,
  type DateOrderVerdict,
  type Device,
  type DeviceField,
  type DeviceMapping,
  type DeviceStatus,
  type DeviceType,
  type Tri,
  type VocabularyField,
} from './devices';
import { createKeyIndex } from './key-index';

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
  dates: { order: 'dmy' | 'mdy'; detected: DateOrderVerdict };
  /** IDs of rows that were rejected or skipped: still in the file, so not removed by a re-import. */
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
  finish(): Omit<ReadRows, 'devices'>;
}

const MAX_TEXT = 500;
const MAX_ID = 200;

/** Keys that must never become object keys (attributes are built from headers). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

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

/**
 * A reader of records into devices with the mapping and a date order: rows with errors are
 * not returned; a device id falls back to the serial number; duplicate ids or serials keep
 * the first row.
 */
export function createRowReader(
  headers: readonly string[],
  mapping: DeviceMapping,
  order: 'dmy' | 'mdy',
): RowReader {
  const byField = new Map<DeviceField, string>();
  for (const [column, field] of Object.entries(mapping.columns))
    if (field && !byField.has(field)) byField.set(field, column);
  // Each field's cell index (-1: no column): rows are arrays, read by position.
  const cellOf = Object.fromEntries(
    DEVICE_FIELDS.map((f) => [f, byField.has(f) ? headers.indexOf(byField.get(f)!) : -1]),
  ) as Record<DeviceField, number>;
  // Every date cell is read (date() below), and each tells what it can about the order.
  const evidence = dateOrderEvidence();

  const errors: RowError[] = [];
  const keptIds: string[] = [];
  const duplicates: ReadRows['duplicates'] = [];
  const seenIds = createKeyIndex();
  const seenSerials = createKeyIndex();
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
  const rowErrors: RowError[] = [];
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
    evidence.note(v);
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
  const readOne = (): Device | null => {
    rowErrors.length = 0;
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
      if (rowErrors.length > 1)
        rowErrors.sort((x, y) => (columnIndex.get(x.column) ?? -1) - (columnIndex.get(y.column) ?? -1));
      for (const e of rowErrors) errors.push(e);
      // The device is still in the file: a re-import keeps its stored record rather than removing it.
      if (deviceId && deviceId.length <= MAX_ID) keptIds.push(deviceId);
      return null;
    }
    const firstWithId = seenIds.find(device.deviceId.toLowerCase());
    if (firstWithId >= 0) {
      duplicates.push({ key: device.deviceId, kind: 'id', rows: [firstWithId, row] });
      return null;
    }
    if (device.serial) {
      const firstWithSerial = seenSerials.find(device.serial.toLowerCase());
      if (firstWithSerial >= 0) {
        duplicates.push({ key: device.serial, kind: 'serial', rows: [firstWithSerial, row] });
        keptIds.push(device.deviceId);
        return null;
      }
      seenSerials.addLast(row);
    }
    seenIds.addLast(row);
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
    finish: () => ({
      errors,
      duplicates,
      unmapped: [...unmapped.values()],
      dates: { order, detected: evidence.verdict() },
      keptIds,
    }),
  };
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
