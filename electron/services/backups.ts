/**
 * Backups: snapshots of the database in `<data folder>/backups/` (before imports, daily
 * while the app is used, on request; the storage layer takes one before migrations),
 * copies to a file the user chooses, and restores that check the file first and keep the
 * current data as a snapshot. Copies use SQLite's online backup, a few pages at a time,
 * so the app stays responsive while they run.
 */
// Promises through fs.promises, loaded on first use: node:fs/promises costs every CLI command its load time.
import { existsSync, promises as fsp, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { AppError } from '../domain/errors';
import type { ChainVerdict } from '../domain/audit-chain';
import {
  BACKUP_DIR,
  BackupSettingsSchema,
  snapshotName,
  SNAPSHOT_PATTERN,
  type BackupSettings,
  type Snapshot,
  type SnapshotReason,
} from '../domain/backups';
import { LATEST_SCHEMA_VERSION } from '../storage/database';
import { teamBackupRefused } from '../storage/storage';
import { recordAudit, type JobContext, type ServiceContext } from './context';
import { runFileTaskOffThread } from './off-thread';
import { firstSealedValue } from '../storage/file-tasks';
import { KEY_FILE } from '../storage/keyfile';
import { ownerOnlyDir, ownerOnlyEmptyFile, ownerOnlyFile } from '../storage/owner-only';

const SETTINGS_KEY = 'backups';
const DEFAULT_SETTINGS: BackupSettings = { keep: 10 };
/** A daily snapshot is due when the newest snapshot is older than this. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a file to restore holds, once checked. */
export interface BackupInspection {
  integrity: string;
  schemaVersion: number;
  audit: ChainVerdict | null;
  vendors: number | null;
  foreign: string[];
}

/** The backup service of one data folder. */
export function createBackupService(ctx: ServiceContext) {
  const { storage } = ctx;
  const dir = join(storage.dataDir, BACKUP_DIR);

  const settings = (): BackupSettings => {
    const parsed = BackupSettingsSchema.safeParse(storage.settings.get(SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };

  function list(): Snapshot[] {
    if (!existsSync(dir)) return [];
    return (
      readdirSync(dir)
        .map((file) => ({ file, match: SNAPSHOT_PATTERN.exec(file) }))
        .filter((f) => f.match)
        .map(({ file, match }) => {
          const path = join(dir, file);
          const [, d, t, reason] = match!;
          const stats = statSync(path);
          return {
            file,
            path,
            at: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6)}T${t!.slice(0, 2)}:${t!.slice(2, 4)}:${t!.slice(4, 6)}Z`,
            reason: reason!,
            bytes: stats.size,
            written: stats.mtimeMs,
          };
        })
        // Newest first: by the time in the name, then (within a second) by when the file was written.
        .sort((a, b) => b.at.localeCompare(a.at) || b.written - a.written)
        .map(({ written: _written, ...s }) => s)
    );
  }

  /** Keeps the newest `keep` snapshots (never the one just taken); returns how many were removed. */
  async function prune(justTaken: string, keep?: string): Promise<number> {
    const old = list()
      .filter((s) => s.file !== justTaken && s.path !== keep)
      .slice(Math.max(0, settings().keep - 1));
    for (const s of old) await fsp.rm(s.path, { force: true });
    return old.length;
  }

  /** Refuses on a team database before anything is read or written, saying what to do instead. */
  const soloOnly = (what: string) => {
    if (storage.kind === 'team') throw new AppError('INVALID_INPUT', teamBackupRefused(what));
  };

  /** Copies the live database to `out` (a consistent copy, even while it is written to). */
  async function copyTo(out: string, job: JobContext): Promise<number> {
    const temp = `${out}.part`;
    try {
      // Written into an empty file only the owner can read, so the copy is never readable by others.
      ownerOnlyEmptyFile(temp);
      await storage.backupTo(temp, () => {
        if (job.signal.aborted) throw new AppError('CANCELLED', 'The backup was cancelled; nothing was kept');
      });
      // Renamed into place (same folder): the target is never half written.
      await fsp.rename(temp, out);
      return (await fsp.stat(out)).size;
    } finally {
      await fsp.rm(temp, { force: true });
    }
  }

  /** A snapshot; `keep` names a snapshot that must survive the pruning (the one being restored). */
  async function snapshot(reason: SnapshotReason, job: JobContext, keep?: string): Promise<Snapshot> {
    soloOnly('A snapshot');
    ownerOnlyDir(dir);
    const file = snapshotName(
      ctx.now(),
      reason,
      list().map((s) => s.file),
    );
    const path = join(dir, file);
    job.progress(0, 1, 'Taking a snapshot');
    const bytes = await copyTo(path, job);
    await prune(file, keep);
    job.progress(1, 1, 'Snapshot taken');
    return { file, path, at: ctx.now().toISOString(), reason, bytes };
  }

  /** Checks a file without changing it: integrity, schema version, audit chain (in the data worker). */
  async function inspect(path: string, job: JobContext): Promise<BackupInspection> {
    if (!existsSync(path)) throw new AppError('NOT_FOUND', `No file at ${path}`);
    try {
      const { value } = await runFileTaskOffThread<BackupInspection>(
        { kind: 'inspect', dbPath: path },
        job,
        'The restore was cancelled; nothing was changed',
      );
      return value;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'INVALID_INPUT',
        `${basename(path)} is not a Vendor Risk Desk backup: ${(error as Error).message}; nothing was changed`,
      );
    }
  }

  return {
    settings,
    list: () => ({ dir, keep: settings().keep, snapshots: list() }),

    setSettings(next: BackupSettings) {
      return storage.transaction(() => {
        const before = settings();
        storage.settings.set(SETTINGS_KEY, next, ctx.now().toISOString());
        recordAudit(ctx, 'settings', SETTINGS_KEY, 'update', before, next);
        return next;
      });
    },

    /** A snapshot in the backups folder; older ones beyond the setting are removed. */
    snapshot,

    /** A snapshot when the newest is more than a day old (the app calls this while it runs). */
    async dailyIfDue(job: JobContext): Promise<Snapshot | null> {
      // A team database is backed up on its server.
      if (storage.kind === 'team') return null;
      const newest = list()[0];
      if (newest && ctx.now().getTime() - Date.parse(newest.at) < DAY_MS) return null;
      return snapshot('daily', job);
    },

    /** A copy of the database at a path the user chose. */
    async saveAs(out: string, job: JobContext): Promise<{ path: string; bytes: number }> {
      soloOnly('A backup');
      const path = resolve(out);
      if (!existsSync(resolve(path, '..')))
        throw new AppError('INVALID_INPUT', `The folder ${resolve(path, '..')} does not exist`);
      // Nothing in the data folder itself (the live database, its WAL, snapshots), whatever the case of the name.
      const fold = (p: string) => (existsSync(p) ? realpathSync(p) : p).toLowerCase();
      const folder = fold(storage.dataDir);
      const parent = fold(resolve(path, '..'));
      if (parent === folder || parent.startsWith(folder + sep))
        throw new AppError('INVALID_INPUT', 'Choose a file outside the data folder');
      if (existsSync(path) && statSync(path).isDirectory())
        throw new AppError('INVALID_INPUT', `Could not save ${basename(path)}: a folder has that name`);
      const bytes = await copyTo(path, job);
      // The data key travels with the backup (it opens only with the keychain or the passphrase).
      const keyFile = join(storage.dataDir, KEY_FILE);
      if (existsSync(keyFile)) {
        await fsp.copyFile(keyFile, `${path}.key.json`);
        ownerOnlyFile(`${path}.key.json`);
      }
      return { path, bytes };
    },

    inspect,

    /**
     * Replaces the data with a backup's, after checking it (integrity, a schema this
     * version can open, an intact audit trail) and taking a snapshot of the current data.
     */
    async restore(path: string, job: JobContext) {
      soloOnly('Restoring a backup');
      job.progress(0, 3, 'Checking the backup');
      const found = await inspect(resolve(path), job);
      const problem =
        found.integrity !== 'ok'
          ? `it is damaged (${found.integrity.slice(0, 200)})`
          : found.vendors === null
            ? 'it holds no Vendor Risk Desk data'
            : found.schemaVersion > LATEST_SCHEMA_VERSION
              ? `it was written by a newer version of Vendor Risk Desk (schema ${found.schemaVersion}; this version knows ${LATEST_SCHEMA_VERSION})`
              : found.foreign.length
                ? `it holds schema that is not Vendor Risk Desk's (${found.foreign.slice(0, 5).join(', ')}${found.foreign.length > 5 ? ', …' : ''}): a restore brings data, never triggers, views, indexes or tables`
                : found.audit && !found.audit.ok
                  ? `its audit trail was changed: ${found.audit.problem!.message}`
                  : null;
      if (problem)
        throw new AppError(
          'INVALID_INPUT',
          `${basename(path)} cannot be restored: ${problem}; nothing was changed`,
        );
      // Encrypted values must open with this data folder's key, or they would be lost.
      const sealed = firstSealedValue(resolve(path));
      if (sealed !== null) {
        // Opened for real (a key is loaded), or the restore would put unreadable values in place.
        let opens = false;
        if (storage.cipher.active)
          try {
            storage.cipher.open(sealed.value, sealed.at);
            opens = true;
          } catch {
            opens = false;
          }
        if (!opens)
          throw new AppError(
            'INVALID_INPUT',
            `${basename(path)} cannot be restored: its encrypted values do not open here (${storage.cipher.active ? 'another data key' : storage.cipher.enabled ? 'unlock the data first' : 'this data folder has no data key: put the backup’s .key.json here as encryption.json, restart, then restore'}); nothing was changed`,
          );
      }
      job.progress(1, 3, 'Keeping the current data as a snapshot');
      const kept = await snapshot('before-restore', job, resolve(path));
      if (job.signal.aborted)
        throw new AppError('CANCELLED', 'The restore was cancelled; nothing was changed');
      job.progress(2, 3, 'Restoring');
      await storage.restoreFrom(resolve(path));
      // A backup from before encryption was on holds plain text: sealed now, as the rest.
      if (storage.cipher.active) storage.sealExisting();
      storage.transaction(() =>
        recordAudit(ctx, 'settings', 'backup', 'restore', null, {
          from: basename(path),
          vendors: found.vendors,
          schemaVersion: found.schemaVersion,
          previousDataKeptAs: kept.file,
        }),
      );
      job.progress(3, 3, 'Restored');
      return { restoredFrom: resolve(path), vendors: found.vendors ?? 0, keptAs: kept.path };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
