import { beforeAll, describe, expect, it } from 'vitest';
import Conf from 'conf';
import pg from 'pg';
import { createServices } from '../../electron/services/services';
import { initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { connect, freshDatabase, serverUrl } from './support';
import { runCli, tempDir, vendorInput } from '../unit/helpers';

const server = serverUrl();
const PASSPHRASE = 'folder passphrase for the move';

describe.skipIf(!server)('moving an encrypted folder into a team database', () => {
  let owner = '';
  let ownerClient: pg.Client;
  beforeAll(async () => {
    owner = await freshDatabase(server!);
    ownerClient = await connect(owner);
    await initTeamDatabase(ownerClient);
  });

  const open = (dataDir: string, passphrase?: string, database?: string) =>
    createServices({
      dataDir,
      preferences: new Conf({ cwd: dataDir, configName: 'preferences' }),
      appVersion: 'test',
      actorOverride: 'Folder Owner',
      database,
      encryption: { passphrase },
    });

  it('keeps sealed values sealed; the folder passphrase opens them as the team passphrase', async () => {
    const dataDir = tempDir();
    // The sample warehouse brings evidence files, which encryption seals on disk.
    expect((await runCli(dataDir, ['demo', 'load'])).code).toBe(0);
    const solo = open(dataDir);
    const vendor = solo.vendors.create(
      vendorInput({ name: 'Sealed Mover Co', notes: 'NDA: volumes 12k/day' }),
    );
    solo.encryption.enable(PASSPHRASE);
    solo.close();

    const wrong = await runCli(dataDir, ['team', 'import', '--database', owner], {
      VENDOR_RISK_PASSPHRASE: 'not it',
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/passphrase/i);
    expect(wrong.stderr).toMatch(/nothing was copied/);
    expect((await ownerClient.query('SELECT count(*)::int AS n FROM vendors')).rows[0].n).toBe(0);

    const moved = await runCli(dataDir, ['team', 'import', '--database', owner], {
      VENDOR_RISK_PASSPHRASE: PASSPHRASE,
    });
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    const stored = await ownerClient.query<{ notes: string }>('SELECT notes FROM vendors WHERE id = $1', [
      vendor.id,
    ]);
    expect(stored.rows[0]!.notes).not.toContain('volumes');

    const holder = open(tempDir(), PASSPHRASE, owner);
    expect(holder.vendors.get(vendor.id).notes).toBe('NDA: volumes 12k/day');
    // Each evidence file was opened to check it against its row and went in sealed again; it reads back whole.
    const files = [...holder.storage.evidence.listByVendor().values()].flat();
    expect(files.length).toBeGreaterThan(0);
    const content = await ownerClient.query<{ n: number; sealed: boolean; magic: boolean }>(
      "SELECT count(*)::int AS n, bool_and(sealed) AS sealed, bool_and(substring(content FROM 1 FOR 7) = decode('5652454e43320a', 'hex')) AS magic FROM evidence_content",
    );
    expect(content.rows[0]).toEqual({ n: files.length, sealed: true, magic: true });
    for (const e of files) expect(holder.storage.evidence.readFile(e).length).toBe(e.size);
    holder.close();
    const stranger = open(tempDir(), undefined, owner);
    expect(stranger.encryption.status()).toMatchObject({ enabled: true, unlocked: false });
    expect(stranger.vendors.get(vendor.id).notes).not.toContain('volumes');
    stranger.close();
  });
});
