import { z } from 'zod';
import { CountSchema } from './primitives';

/** Names of database snapshots in `<data folder>/backups/`, and why each was taken. */

export const BACKUP_DIR = 'backups';
export const SNAPSHOT_REASONS = ['manual', 'migration', 'import', 'daily', 'before-restore'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** `vendor-risk-YYYYMMDD-HHMMSS-reason[-n].db` (UTC), so names sort by time. */
export const SNAPSHOT_PATTERN = /^vendor-risk-(\d{8})-(\d{6})-([a-z-]+?)(?:-(\d+))?\.db$/;

/** A new snapshot's file name, unique among `existing`. */
export function snapshotName(at: Date, reason: SnapshotReason, existing: readonly string[] = []): string {
  const iso = at.toISOString();
  const base = `vendor-risk-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${reason}`;
  const taken = new Set(existing);
  if (!taken.has(`${base}.db`)) return `${base}.db`;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}.db`)) return `${base}-${n}.db`;
}

/** A snapshot in the backups folder. */
export const SnapshotSchema = z.object({
  file: z.string(),
  path: z.string(),
  at: z.string(),
  reason: z.string(),
  bytes: CountSchema,
});
export type Snapshot = z.output<typeof SnapshotSchema>;

/** How many snapshots are kept. */
export const BackupSettingsSchema = z
  .object({ keep: z.number().int().min(1, 'Keep at least one snapshot').max(365) })
  .strict();
export type BackupSettings = z.output<typeof BackupSettingsSchema>;

/** What a restore did: where from, how many vendors it brought, and where the data it replaced was kept. */
export const RestoredSchema = z.object({
  restoredFrom: z.string(),
  vendors: CountSchema,
  keptAs: z.string(),
});

/** A file size as people read it: "268 KB", "49.4 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
