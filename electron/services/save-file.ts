// Promises through fs.promises, loaded on first use: node:fs/promises costs every CLI command its load time.
import { existsSync, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';

/** What the usual reasons a save fails mean, in words. */
const REASONS: Record<string, string> = {
  EACCES: 'no permission to write in that folder',
  EPERM: 'no permission to write in that folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EISDIR: 'a folder has that name',
};

/**
 * Writes a file the user named all at once: to a temporary file beside it, then renamed
 * into place, so a failure or a crash never leaves half a file (or half replaces an old one).
 */
export async function saveFileAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  if (!existsSync(dirname(path)))
    throw new AppError('INVALID_INPUT', `The folder ${dirname(path)} does not exist`);
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.part`);
  try {
    // What the app saves holds the data itself: readable by the owner only.
    await fsp.writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    // The file's name, not its path (the window shows this); the system's reason without its path.
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'INVALID_INPUT',
      `Could not save ${basename(path)}: ${code ? (REASONS[code] ?? code) : (error as Error).message}`,
    );
  }
}
