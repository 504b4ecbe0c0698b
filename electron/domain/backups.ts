import { z } from 'zod';

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

const SnapshotSchema = z.object({
  file: z.string(),
  path: z.string(),
  at: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
});
const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a job id');
const Restored = z.object({ restoredFrom: z.string(), vendors: z.number().int(), keptAs: z.string() });

/** Requests and responses of the backup operations (the IPC contract imports these). */
export const BACKUP_OPS = {
  list: {
    request: z.object({}).strict(),
    response: z.object({ dir: z.string(), keep: z.number().int(), snapshots: z.array(SnapshotSchema) }),
  },
  setSettings: {
    request: z.object({ keep: z.number().int().min(1, 'Keep at least one snapshot').max(365) }).strict(),
    response: z.object({ keep: z.number().int() }),
  },
  snapshot: { request: z.object({ jobId: JobId.optional() }).strict(), response: SnapshotSchema },
  /** From the app: a copy where the save dialog says. */
  saveAs: {
    request: z.object({ jobId: JobId.optional() }).strict(),
    response: z.discriminatedUnion('saved', [
      z.object({ saved: z.literal(true), path: z.string(), bytes: z.number().int() }),
      z.object({ saved: z.literal(false) }),
    ]),
  },
  /** From this process only (the CLI): a copy at a path it names. */
  save: {
    request: z.object({ path: z.string().min(1).max(4096), jobId: JobId.optional() }).strict(),
    response: z.object({ path: z.string(), bytes: z.number().int() }),
  },
  /** A snapshot of the backups folder, by its file name. */
  restoreSnapshot: {
    request: z
      .object({
        file: z.string().regex(SNAPSHOT_PATTERN, 'Not a snapshot of the backups folder'),
        jobId: JobId.optional(),
      })
      .strict(),
    response: Restored,
  },
  /** From the app: a file the open dialog gives. */
  restoreFromFile: {
    request: z.object({ jobId: JobId.optional() }).strict(),
    response: z.discriminatedUnion('restored', [
      Restored.extend({ restored: z.literal(true) }),
      z.object({ restored: z.literal(false) }),
    ]),
  },
  /** From this process only (the CLI): a file it names. */
  restorePath: {
    request: z.object({ path: z.string().min(1).max(4096), jobId: JobId.optional() }).strict(),
    response: Restored,
  },
} as const;

/** A file size as people read it: "268 KB", "49.4 MB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
