/** The data folder and what holds the data are the owner's only (Linux and macOS). */
import { describe, it, expect } from 'vitest';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, runCli, tempDir } from './helpers';
import { openStorage } from '../../electron/storage/storage';
import { DATABASE_FILE } from '../../electron/storage/database';
import { BACKUP_DIR } from '../../electron/domain/backups';
import { NO_JOB } from '../../electron/services/context';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('files for the owner only', () => {
  it('a new data folder is 0700; the database, its WAL, snapshots, backups and exports are 0600', async () => {
    const dir = join(tempDir(), 'data');
    const app = openApp({ dataDir: dir });
    await app.dispatcher.call('vendors.create', { name: 'Acme', category: 'other' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, DATABASE_FILE))).toBe(0o600);
    expect(mode(join(dir, `${DATABASE_FILE}-wal`))).toBe(0o600);
    const snapshot = await app.services.backups.snapshot('manual', NO_JOB);
    expect(mode(join(dir, BACKUP_DIR))).toBe(0o700);
    expect(mode(snapshot.path)).toBe(0o600);
    const out = join(tempDir(), 'copy.db');
    await app.services.backups.saveAs(out, NO_JOB);
    expect(mode(out)).toBe(0o600);
    const exported = join(tempDir(), 'trail.csv');
    expect((await runCli(dir, ['audit', 'export', '--out', exported])).code).toBe(0);
    expect(mode(exported)).toBe(0o600);
  });

  it('a folder an earlier version left open is narrowed on open, and the trail says what changed', async () => {
    const dir = join(tempDir(), 'old');
    openStorage(dir).close();
    mkdirSync(join(dir, BACKUP_DIR));
    writeFileSync(join(dir, BACKUP_DIR, 'old-snapshot.db'), '');
    chmodSync(dir, 0o755);
    chmodSync(join(dir, DATABASE_FILE), 0o644);
    chmodSync(join(dir, BACKUP_DIR), 0o755);
    chmodSync(join(dir, BACKUP_DIR, 'old-snapshot.db'), 0o644);
    const app = openApp({ dataDir: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, DATABASE_FILE))).toBe(0o600);
    expect(mode(join(dir, BACKUP_DIR))).toBe(0o700);
    expect(mode(join(dir, BACKUP_DIR, 'old-snapshot.db'))).toBe(0o600);
    const entries = app.services.storage.audit.listFor('settings', 'data-folder', 10);
    expect(entries[0]).toMatchObject({
      entityId: 'data-folder',
      before: {
        permissions: expect.arrayContaining(['. 0755', `${DATABASE_FILE} 0644`, 'backups 0755']),
      },
      after: { permissions: expect.arrayContaining(['. 0700', `${DATABASE_FILE} 0600`]) },
    });
    // Opened again, nothing is left to narrow and nothing more is recorded.
    const again = openApp({ dataDir: dir });
    expect(again.services.storage.audit.listFor('settings', 'data-folder', 10)).toHaveLength(1);
  });
});
