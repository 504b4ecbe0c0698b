/** Reading a fixture inventory with nothing but the automatic mapping (the format tests share it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInventoryFile, type ParsedFile } from '../../../electron/domain/device-file';
import { DeviceMappingSchema } from '../../../electron/domain/devices';
import { suggestColumns } from '../../../electron/domain/device-formats';
import { readRows } from '../../../electron/domain/device-rows';

export const FIXTURES = join(__dirname, '../../fixtures/inventories');
/** Real exports from other systems, kept beside the project (see their SOURCES.md). */
export const FIELD = '/work/shared/field-data';

export function read(path: string): ParsedFile {
  const r = parseInventoryFile(readFileSync(path), path);
  if (!r.ok) throw new Error(r.message);
  return r.file;
}

/** A file read with nothing but the automatic mapping. */
export function imported(path: string) {
  const file = read(path);
  const { format, columns } = suggestColumns(file.headers);
  return { file, format, columns, rows: readRows(file, DeviceMappingSchema.parse({ columns })) };
}
