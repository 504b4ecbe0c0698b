import { readFile, writeFile } from 'node:fs/promises';
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

/** Reads a file named on the command line as UTF-8; `what` says which file it is in the error. */
export async function readTextFile(file: string, what: string): Promise<ReadText> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
    return failure(`cannot read ${what} ${printable(file)}: ${reason}`);
  }
}

/** Writes an export named on the command line; says how many rows went where, or why it could not. */
export async function writeExport(file: string, text: string, rows: number, what: string): Promise<Outcome> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return failure(
      `cannot write ${printable(file)}: ${REASONS[code] ?? (error instanceof Error ? error.message : String(error))}`,
    );
  }
  return done(`Wrote ${rows} ${what} to ${printable(file)}`, { file, rows });
}
