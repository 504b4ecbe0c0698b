import type { z } from 'zod';
// Promises through fs.promises, loaded on first use: node:fs/promises costs every CLI command its load time.
import { constants, promises as fsp } from 'node:fs';
import { printable } from './format';
import { done, failure, type Outcome } from './outcome';

/** A file's text, or the failure to print (exit 2) when it cannot be read. */
export type ReadText = { ok: true; text: string } | (Outcome & { ok: false });

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Why a file operation failed, in words. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? (error instanceof Error ? error.message : String(error));
}

/** A megabyte: the commands read a file whole up to as much as the request it goes into may hold. */
export const MB = 1024 * 1024;

/**
 * A file's bytes, or the failure to print (exit 2) when it cannot be read or is larger than
 * `maxBytes` (told from its size, before anything is read: a file of gigabytes would
 * otherwise be read whole first); `what` names the file in the error.
 */
export async function readBytesFile(
  file: string,
  what: string,
  maxBytes: number,
): Promise<{ ok: true; bytes: Buffer } | (Outcome & { ok: false })> {
  try {
    const info = await fsp.stat(file);
    if (info.isFile() && info.size > maxBytes)
      return failure(`${what} ${printable(file)} is larger than ${maxBytes / MB} MB`);
    return { ok: true, bytes: await fsp.readFile(file) };
  } catch (error) {
    return failure(`cannot read ${what} ${printable(file)}: ${reasonOf(error)}`);
  }
}

/** Checks that a saved file can be read (not a folder, a pipe or a device), without reading it; `what` names it in the error. */
export async function checkReadable(
  file: string,
  what: string,
): Promise<{ ok: true } | (Outcome & { ok: false })> {
  try {
    const info = await fsp.stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (!info.isFile()) return failure(`cannot read ${what} ${printable(file)}: it is not a saved file`);
    await fsp.access(file, constants.R_OK);
    return { ok: true };
  } catch (error) {
    return failure(`cannot read ${what} ${printable(file)}: ${reasonOf(error)}`);
  }
}

/** Reads a file named on the command line as UTF-8; `what` says which file it is in the error. */
export async function readTextFile(file: string, what: string, maxBytes: number): Promise<ReadText> {
  const read = await readBytesFile(file, what, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

/**
 * Reads the import mapping a `--mapping FILE` names: JSON checked against the importer's
 * mapping schema; undefined when no file is named, or why it cannot be used.
 */
export async function readMappingFile<T>(
  file: string | undefined,
  schema: z.ZodType<T>,
): Promise<{ ok: true; mapping: T | undefined } | (Outcome & { ok: false })> {
  if (file === undefined) return { ok: true, mapping: undefined };
  const text = await readTextFile(file, 'the mapping file', MB);
  if (!text.ok) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.text);
  } catch (error) {
    return failure(`the mapping file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const checked = schema.safeParse(parsed);
  if (checked.success) return { ok: true, mapping: checked.data };
  const issue = checked.error.issues[0];
  return failure(
    `invalid mapping${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'not a mapping'}`,
  );
}

/** Writes an export named on the command line; says how many rows went where, or why it could not. */
export async function writeExport(file: string, text: string, rows: number, what: string): Promise<Outcome> {
  try {
    // Exports hold the data itself: readable by the owner only.
    await fsp.writeFile(file, text, { encoding: 'utf8', mode: 0o600 });
  } catch (error) {
    return failure(`cannot write ${printable(file)}: ${reasonOf(error)}`);
  }
  return done(`Wrote ${rows} ${what} to ${printable(file)}`, { file, rows });
}
