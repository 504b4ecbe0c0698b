/**
 * How a source's file is mapped: the automatic mapping (the recognised format, then the
 * usual spellings), under the choices saved for the source, under what the user adds now
 * (a mapping file, the wizard). Only choices are saved — never what recognition gives —
 * so a source's next file still benefits from better recognition. Pure; docs/devices.md.
 */
import { AppError } from './errors';
import {
  DeviceMappingPatchSchema,
  DeviceMappingSchema,
  MULTI_COLUMN_FIELDS,
  type DeviceField,
  type DeviceMapping,
  type DeviceMappingPatch,
} from './devices';
import { suggestColumns } from './device-formats';

type Placement = Record<string, string | null>;

/** Gives `field` to `header`, taking it from any other column (location may have several). */
export function assignColumn(
  columns: Record<string, DeviceField | null>,
  header: string,
  field: DeviceField | null,
): Record<string, DeviceField | null> {
  const out: Record<string, DeviceField | null> = {};
  for (const [column, f] of Object.entries(columns))
    out[column] =
      column === header ? field : field && f === field && !MULTI_COLUMN_FIELDS.has(field) ? null : f;
  if (!Object.hasOwn(out, header)) out[header] = field;
  return out;
}

/** Placements with the user's added or changed, and those given null removed. */
function placed<T extends string>(base: Record<string, T> | undefined, next: Placement | undefined) {
  const out: Record<string, string> = { ...base };
  for (const [label, word] of Object.entries(next ?? {}))
    if (word === null) delete out[label];
    else out[label] = word;
  return out as Record<string, T>;
}

/**
 * The mapping a file is read with: the automatic one, the source's saved choices over it
 * (for the columns the file has), the user's over those.
 */
export function resolveMapping(
  headers: readonly string[],
  chosen: DeviceMappingPatch | null,
  saved: DeviceMappingPatch | null,
): DeviceMapping {
  let columns: Record<string, DeviceField | null> = { ...suggestColumns(headers).columns };
  const apply = (layer: DeviceMappingPatch['columns']) => {
    for (const h of headers)
      if (layer && Object.hasOwn(layer, h)) columns = assignColumn(columns, h, layer[h] ?? null);
  };
  apply(saved?.columns);
  const unknown = Object.keys(chosen?.columns ?? {}).filter((h) => !headers.includes(h));
  if (unknown.length)
    throw new AppError(
      'INVALID_INPUT',
      `The mapping names ${unknown.length === 1 ? 'a column' : 'columns'} the file does not have: ${unknown
        .slice(0, 5)
        .map((h) => `"${h}"`)
        .join(', ')}`,
    );
  apply(chosen?.columns);
  const checked = DeviceMappingSchema.safeParse({
    columns,
    values: {
      status: placed(placed({}, saved?.values?.status), chosen?.values?.status),
      type: placed(placed({}, saved?.values?.type), chosen?.values?.type),
    },
    dateOrder: chosen?.dateOrder ?? saved?.dateOrder ?? 'auto',
  });
  if (!checked.success)
    throw new AppError('INVALID_INPUT', `The mapping is not valid: ${checked.error.issues[0]?.message}`);
  // A file with no column naming the devices is not refused here: each row says why, and
  // the user maps a column in the preview.
  return checked.data;
}

/**
 * The choices to save for a source: those saved before, with the user's new ones over them
 * (a field given to a column leaves the column that had it; a placement given null is
 * dropped), and the date order the file settled.
 */
export function composeChoices(
  saved: DeviceMappingPatch | null,
  chosen: DeviceMappingPatch | null,
  dateOrder: DeviceMapping['dateOrder'],
): DeviceMappingPatch {
  const columns: Record<string, DeviceField | null> = { ...saved?.columns };
  for (const [h, field] of Object.entries(chosen?.columns ?? {})) {
    // A column that had this field keeps no saved choice: recognition decides it again.
    if (field && !MULTI_COLUMN_FIELDS.has(field))
      for (const [other, f] of Object.entries(columns)) if (other !== h && f === field) delete columns[other];
    columns[h] = field;
  }
  return {
    columns,
    values: {
      status: placed(placed({}, saved?.values?.status), chosen?.values?.status),
      type: placed(placed({}, saved?.values?.type), chosen?.values?.type),
    },
    dateOrder,
  };
}

/**
 * The user's choices as a patch: what differs between the mapping a file was read with
 * and the one the user made of it (removed placements as null).
 */
export function mappingPatch(from: DeviceMapping, to: DeviceMapping): DeviceMappingPatch {
  const columns: Record<string, DeviceField | null> = {};
  for (const [h, field] of Object.entries(to.columns))
    if ((from.columns[h] ?? null) !== field) columns[h] = field;
  const values = (field: 'type' | 'status') => {
    const a = from.values[field] as Record<string, string>;
    const b = to.values[field] as Record<string, string>;
    const out: Placement = {};
    for (const [label, word] of Object.entries(b)) if (a[label] !== word) out[label] = word;
    for (const label of Object.keys(a)) if (!Object.hasOwn(b, label)) out[label] = null;
    return out;
  };
  return DeviceMappingPatchSchema.parse({
    columns,
    values: { type: values('type'), status: values('status') },
    ...(to.dateOrder !== from.dateOrder ? { dateOrder: to.dateOrder } : {}),
  });
}

/** Saved choices are marked so older full mappings can be told from them. */
const SAVED_VERSION = 2;

/** The choices to store for a source. */
export function storedChoices(choices: DeviceMappingPatch): DeviceMappingPatch & { version: number } {
  return { ...choices, version: SAVED_VERSION };
}

/**
 * A source's saved choices as stored: choices saved by this version, or a full mapping
 * saved before (its columns left unmapped then were no choice: recognition decides them
 * now); null when there are none or they cannot be read.
 */
export function savedChoices(stored: unknown): DeviceMappingPatch | null {
  if (stored === null || typeof stored !== 'object') return null;
  const { version, ...rest } = stored as { version?: unknown };
  if (version === SAVED_VERSION) {
    const parsed = DeviceMappingPatchSchema.safeParse(rest);
    return parsed.success ? parsed.data : null;
  }
  const older = DeviceMappingSchema.safeParse(stored);
  if (!older.success) return null;
  return {
    columns: Object.fromEntries(Object.entries(older.data.columns).filter(([, f]) => f !== null)),
    values: older.data.values,
    dateOrder: older.data.dateOrder,
  };
}
