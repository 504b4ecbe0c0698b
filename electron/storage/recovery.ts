/**
 * Recovering from damaged files: a preferences file that is not JSON is moved aside (the
 * app then starts with defaults), and a snapshot can be put in place of a database that
 * was moved aside. Nothing here deletes anything.
 */
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from './database';
import { ownerOnlyFile } from './owner-only';

/** The preferences file's name in the data folder (conf adds `.json`). */
export const PREFERENCES_JSON = 'preferences.json';

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

/**
 * Moves a preferences file that cannot be read as a JSON object aside; returns where it
 * went, or null when it is fine (or absent).
 */
export function setAsideDamagedPreferences(dataDir: string): string | null {
  const file = join(dataDir, PREFERENCES_JSON);
  if (!existsSync(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return null;
  } catch {
    // Not JSON: moved aside below.
  }
  const movedTo = `${file}.damaged-${stamp()}`;
  renameSync(file, movedTo);
  return movedTo;
}

/** Puts a snapshot in place of the database (which was moved aside and is absent). */
export function useSnapshotAsDatabase(dataDir: string, snapshot: string): void {
  const target = join(dataDir, DATABASE_FILE);
  if (existsSync(target))
    throw new Error(`${target} exists; move it aside before using a snapshot in its place`);
  copyFileSync(snapshot, target);
  ownerOnlyFile(target);
}
