/**
 * The CPU-heavy part of an import, with no storage: bytes → records → mapped, validated
 * devices (each with its JSON text, as stored). Runs in a worker thread in the built app
 * and CLI (electron/workers/device-reader.ts), in the caller's thread otherwise.
 */
import { parseInventoryFile, type ParsedFile } from './device-file';
import {
  DeviceMappingSchema,
  readRows,
  suggestColumns,
  type Device,
  type DeviceMapping,
  type DeviceMappingInput,
  type ReadRows,
  type RowError,
} from './devices';
import {
  checkDevice,
  DEVICE_CHECKS,
  manufacturerKey,
  type DeviceCheck,
  type DeviceCheckSettings,
} from './device-checks';

export interface ReadInventoryInput {
  bytes: Uint8Array;
  fileName: string;
  /** The mapping the user chose; otherwise `saved` (the source's last), then header spellings. */
  mapping: DeviceMappingInput | null;
  saved: DeviceMapping | null;
  /** What the checks need from storage: thresholds, today, linked manufacturers, serials already stored twice. */
  checks: { now: string; settings: DeviceCheckSettings; linked: string[]; serialsElsewhere: string[] };
}

/** A valid device as the importer writes it: its keys and its record as JSON text (small to pass between threads). */
export interface ReadDevice {
  row: number;
  deviceId: string;
  serial: string | null;
  manufacturerKey: string | null;
  json: string;
}

export type ReadInventoryResult =
  | { ok: false; message: string }
  | {
      ok: true;
      file: Pick<ParsedFile, 'format' | 'encoding' | 'delimiter' | 'headers' | 'warnings'>;
      rowsRead: number;
      mapping: DeviceMapping;
      errors: RowError[];
      duplicates: ReadRows['duplicates'];
      keptIds: string[];
      unmapped: ReadRows['unmapped'];
      dates: ReadRows['dates'];
      devices: ReadDevice[];
      /** The first rows: raw values and how they were read. */
      sample: { row: number; raw: Record<string, string>; device: Device }[];
      /** Open findings per check among the valid devices. */
      findings: Record<DeviceCheck, number>;
      /** Manufacturer names (as first written) with their device counts, by key. */
      manufacturers: { key: string; name: string; devices: number }[];
    };

const SAMPLE_ROWS = 20;

export function readInventory(input: ReadInventoryInput): ReadInventoryResult {
  const parsed = parseInventoryFile(input.bytes, input.fileName);
  if (!parsed.ok) return parsed;
  const file = parsed.file;
  const { saved } = input;
  const suggested = suggestColumns(file.headers);
  // The source's saved mapping first; header spellings fill in columns it does not know, for fields still free.
  const known = (h: string) => saved !== null && Object.hasOwn(saved.columns, h);
  const taken = new Set(
    file.headers
      .filter(known)
      .map((h) => saved!.columns[h])
      .filter(Boolean),
  );
  const base: DeviceMappingInput = input.mapping ?? {
    columns: Object.fromEntries(
      file.headers.map((h) => [
        h,
        known(h) ? saved!.columns[h]! : suggested[h] && !taken.has(suggested[h]) ? suggested[h]! : null,
      ]),
    ),
    values: saved?.values ?? { status: {}, type: {} },
    dateOrder: saved?.dateOrder ?? 'auto',
  };
  const checked = DeviceMappingSchema.safeParse(base);
  if (!checked.success)
    return { ok: false, message: `The mapping is not valid: ${checked.error.issues[0]?.message}` };
  const mapping = checked.data;
  if (!Object.values(mapping.columns).some((f) => f === 'deviceId' || f === 'serial'))
    return {
      ok: false,
      message:
        'No column is the device ID or serial number; map one (a name or hostname column can serve as the ID)',
    };
  const read = readRows(file, mapping);
  const errors = [
    ...file.badLines.map((b) => ({ row: b.row, column: '', value: '', reason: b.reason })),
    ...read.errors,
  ].sort((a, b) => a.row - b.row);
  const sample = read.devices.slice(0, SAMPLE_ROWS);
  const sampleRows = new Map(sample.map((d) => [d.row, d.device]));
  const now = new Date(input.checks.now);
  const linked = new Set(input.checks.linked);
  const serialsElsewhere = new Set(input.checks.serialsElsewhere);
  const findings = Object.fromEntries(DEVICE_CHECKS.map((c) => [c, 0])) as Record<DeviceCheck, number>;
  const manufacturers = new Map<string, { key: string; name: string; devices: number }>();
  const devices: ReadDevice[] = read.devices.map(({ row, device }) => {
    const mk = device.manufacturer ? manufacturerKey(device.manufacturer) : null;
    if (mk) {
      const m = manufacturers.get(mk) ?? { key: mk, name: device.manufacturer!, devices: 0 };
      m.devices += 1;
      manufacturers.set(mk, m);
    }
    const r = checkDevice(device, {
      now,
      settings: input.checks.settings,
      manufacturerLinked: mk === null ? null : linked.has(mk),
      duplicateSerial: device.serial !== null && serialsElsewhere.has(device.serial.toLowerCase()),
    });
    for (const c of DEVICE_CHECKS) if (r[c] === 'fail') findings[c] += 1;
    return {
      row,
      deviceId: device.deviceId,
      serial: device.serial,
      manufacturerKey: mk,
      json: JSON.stringify(device),
    };
  });
  return {
    ok: true,
    file: {
      format: file.format,
      encoding: file.encoding,
      delimiter: file.delimiter,
      headers: file.headers,
      warnings: file.warnings,
    },
    rowsRead: file.records.length + file.badLines.length,
    mapping,
    errors,
    duplicates: read.duplicates,
    keptIds: read.keptIds,
    unmapped: read.unmapped,
    dates: read.dates,
    devices,
    sample: file.records
      .filter((r) => sampleRows.has(r.row))
      .map((r) => ({
        row: r.row,
        raw: Object.fromEntries(file.headers.map((h, i) => [h, r.values[i] ?? ''])),
        device: sampleRows.get(r.row)!,
      })),
    findings,
    manufacturers: [...manufacturers.values()],
  };
}
