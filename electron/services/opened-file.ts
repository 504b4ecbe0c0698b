/**
 * Reading a file the open dialog chose, whole, for an importer that takes bytes: its size
 * is checked on disk first, so a file far past the importer's limit is never loaded.
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../domain/errors';

/** The bytes of a saved file of at most `maxBytes`, or an error naming the file and its size. */
export async function readOpenedFile(path: string, fileName: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new AppError('NOT_FOUND', `${fileName} is no longer there; choose it again`);
  }
  if (size > maxBytes)
    throw new AppError(
      'INVALID_INPUT',
      `${fileName} cannot be imported: The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`,
    );
  return readFile(path);
}
