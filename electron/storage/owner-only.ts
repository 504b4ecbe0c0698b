/**
 * Files for the owner only (Linux and macOS): the data folder is 0700, and what holds the
 * data — the database and its WAL, snapshots, backups, evidence files, exports of the trail,
 * the log — 0600, so other local users of the machine cannot read it. Windows keeps its
 * own access lists (a folder under the user's profile is the user's).
 */
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const POSIX = process.platform !== 'win32';
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Makes a folder (and its parents) if needed, and makes it the owner's only. */
export function ownerOnlyDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  if (POSIX) chmodSync(path, DIR_MODE);
}

/** Makes an existing file the owner's only (a missing one is left alone). */
export function ownerOnlyFile(path: string): void {
  if (!POSIX) return;
  try {
    chmodSync(path, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Creates an empty file only the owner can read, for a copy to be written into (SQLite
 * writes a database copy into an empty file, keeping its permissions).
 */
export function ownerOnlyEmptyFile(path: string): void {
  closeSync(openSync(path, 'w', FILE_MODE));
  ownerOnlyFile(path);
}

/**
 * Creates a new empty file only the owner can read; false when the file exists already
 * (another process made it first: it is never truncated).
 */
export function ownerOnlyNewFile(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  ownerOnlyFile(path);
  return true;
}

/** A path whose permissions were narrowed, with what they were and are. */
export interface Tightened {
  path: string;
  from: string;
  to: string;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Narrows what an earlier version left open to other users: the data folder and, inside
 * it, every folder (snapshots, evidence, logs) and file. Returns what it changed, for the
 * audit trail.
 */
export function tightenDataFolder(dataDir: string): Tightened[] {
  if (!POSIX || !existsSync(dataDir)) return [];
  const changed: Tightened[] = [];
  const visit = (path: string, depth: number) => {
    // Links are not followed: what they point to is not the app's to change. A file another
    // process removes meanwhile (SQLite's -shm and -wal when it closes) is simply gone.
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) return;
    const wanted = st.isDirectory() ? DIR_MODE : FILE_MODE;
    if (st.isDirectory() || st.isFile()) {
      if ((st.mode & 0o077) !== 0) {
        try {
          chmodSync(path, wanted);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        changed.push({ path, from: octal(st.mode), to: octal(wanted) });
      }
    }
    if (st.isDirectory() && depth < 2)
      for (const name of readdirSync(path)) visit(join(path, name), depth + 1);
  };
  visit(dataDir, 0);
  return changed;
}
