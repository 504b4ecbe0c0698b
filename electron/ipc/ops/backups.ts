/** Backups: snapshots of the database, copies to a file, and restores that check the file first. */
import { z } from 'zod';
import { BackupSettingsSchema, RestoredSchema, SNAPSHOT_PATTERN, SnapshotSchema } from '../../domain/backups';
import { CountSchema, EmptyRequestSchema, FilePathSchema, JobIdSchema } from '../../domain/primitives';
import { op } from './op';

const JobOnly = z.object({ jobId: JobIdSchema.optional() }).strict();
const AtPath = z.object({ path: FilePathSchema, jobId: JobIdSchema.optional() }).strict();

export const backupOps = {
  'backups.list': op({
    summary: 'The snapshots in the backups folder, and how many are kept',
    request: EmptyRequestSchema,
    response: z.object({ dir: z.string(), keep: CountSchema, snapshots: z.array(SnapshotSchema) }),
  }),
  'backups.setSettings': op({
    summary: 'Sets how many snapshots are kept',
    request: BackupSettingsSchema,
    response: z.object({ keep: CountSchema }),
  }),
  'backups.snapshot': op({
    summary: 'Takes a snapshot now',
    request: JobOnly,
    response: SnapshotSchema,
    long: true,
  }),
  'backups.saveAs': op({
    summary: 'Saves a copy of the data where the save dialog says (the app)',
    request: JobOnly,
    response: z.discriminatedUnion('saved', [
      z.object({ saved: z.literal(true), path: z.string(), bytes: CountSchema }),
      z.object({ saved: z.literal(false) }),
    ]),
    long: true,
  }),
  'backups.save': op({
    summary: 'Saves a copy of the data at a path (the CLI)',
    request: AtPath,
    response: z.object({ path: z.string(), bytes: CountSchema }),
    long: true,
    localOnly: true,
  }),
  'backups.restoreSnapshot': op({
    summary: 'Restores a snapshot of the backups folder, keeping the current data as a snapshot',
    request: z
      .object({
        file: z.string().regex(SNAPSHOT_PATTERN, 'Not a snapshot of the backups folder'),
        jobId: JobIdSchema.optional(),
      })
      .strict(),
    response: RestoredSchema,
    long: true,
  }),
  'backups.restoreFromFile': op({
    summary: 'Restores a backup file the open dialog gives (the app), checked first',
    request: JobOnly,
    response: z.discriminatedUnion('restored', [
      RestoredSchema.extend({ restored: z.literal(true) }),
      z.object({ restored: z.literal(false) }),
    ]),
    long: true,
  }),
  'backups.restorePath': op({
    summary: 'Restores a backup file at a path (the CLI), checked first',
    request: AtPath,
    response: RestoredSchema,
    long: true,
    localOnly: true,
  }),
} as const;
