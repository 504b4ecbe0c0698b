/**
 * A device import on a team database (storage/pg/team-import-store.ts): staged in a private
 * SQLite file, written in pieces of a thousand rows in one transaction, with its record and
 * audit entry; a cancel between pieces leaves the team database as it was.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { DEFAULT_DEVICE_CHECK_SETTINGS } from '../../electron/domain/device-checks';
import { decodeDevice } from '../../electron/domain/devices';
import { openImportEngine, type ImportHooks } from '../../electron/services/device-import';
import { createDigestSum } from '../../electron/storage/device-digest';
import { initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { PIECE } from '../../electron/storage/pg/team-import-store';
import { connect, freshDatabase, serverUrl } from './support';

const server = serverUrl();
const HOOKS: ImportHooks = { progress: () => {}, cancelled: () => false };
const AT = '2026-12-07T10:00:00.000Z';

/** A CSV of devices d-000000 … with the firmware given (and `fwOf` for some). */
const csv = (ids: number[], fw: (i: number) => string) =>
  ['id,fw', ...ids.map((i) => `d-${String(i).padStart(6, '0')},${fw(i)}`)].join('\n');
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe.skipIf(!server)('a device import on a team database', () => {
  it('writes in pieces in one transaction with its record and digest; a cancel between pieces writes nothing', async () => {
    const url = await freshDatabase(server!);
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await initTeamDatabase(owner);
    await owner.end();
    const look = await connect(url);
    const { engine, close } = openImportEngine(url);
    try {
      const preview = (text: string) =>
        engine.preview(
          {
            source: 'WMS',
            file: { fileName: 'inv.csv', bytes: new TextEncoder().encode(text) },
            mapping: { columns: { id: 'deviceId', fw: 'firmwareVersion' } },
            sheet: null,
            now: AT,
            settings: DEFAULT_DEVICE_CHECK_SETTINGS,
          },
          HOOKS,
        );
      const apply = (token: string, hooks = HOOKS) =>
        engine.apply(
          { token, importId: crypto.randomUUID(), auditKey: null, at: AT, actor: 'ignored' },
          hooks,
        );
      const stored = async () =>
        (
          await look.query<{ device_id: string; data: string; import_id: string }>(
            "SELECT device_id, data, import_id FROM devices WHERE source = 'WMS' ORDER BY device_id",
          )
        ).rows;

      const first = await preview(csv(range(0, 2_500), () => '1.0'));
      expect(first.diff).toMatchObject({ added: 2_500, firstTime: true });
      expect(apply(first.token)).toMatchObject({ added: 2_500, changed: 0, removed: 0, devices: 2_500 });
      const before = await stored();
      expect(before).toHaveLength(2_500);

      // 500 gone, 1,200 changed, 300 new: compared against the stored ones copied beside the file's.
      const next = await preview(csv(range(500, 2_800), (i) => (i < 1_700 ? '2.0' : '1.0')));
      expect(next.diff).toMatchObject({ added: 300, changed: 1_200, removed: 500, unchanged: 800 });
      let pieces = 0;
      const told: number[] = [];
      const cancelAfterOne: ImportHooks = {
        progress: (done) => told.push(done),
        cancelled: () => ++pieces > 1,
      };
      expect(() => apply(next.token, cancelAfterOne)).toThrow(/cancelled; nothing was changed/);
      expect(told).toEqual([PIECE, 1_500]);
      expect(await stored()).toEqual(before);

      const result = apply(next.token);
      expect(result).toMatchObject({ added: 300, changed: 1_200, removed: 500, devices: 2_300 });
      const after = await stored();
      expect(after.map((r) => r.device_id)).toEqual(
        range(500, 2_800).map((i) => `d-${String(i).padStart(6, '0')}`),
      );
      // Only the new and changed rows were written: the unchanged keep the first import's id.
      const firstImport = before[0]!.import_id;
      expect(after.filter((r) => r.import_id === firstImport)).toHaveLength(800);
      expect(decodeDevice(after.find((r) => r.device_id === 'd-000600')!.data).firmwareVersion).toBe('2.0');

      // The audit entry, appended by the database as the login, holds the digest of what is stored.
      const entry = (
        await look.query<{ actor: string; after_json: string }>(
          "SELECT actor, after_json FROM audit_log WHERE entity = 'device-import' ORDER BY id DESC LIMIT 1",
        )
      ).rows[0]!;
      expect(entry.actor).toBe(new URL(url).username);
      const full = (
        await look.query<{
          device_id: string;
          serial: string | null;
          manufacturer_key: string | null;
          data: string;
        }>("SELECT device_id, serial, manufacturer_key, data FROM devices WHERE source = 'WMS'")
      ).rows;
      const sum = createDigestSum();
      for (const r of full) sum.add(r.device_id, r.serial, r.manufacturer_key, r.data);
      expect(JSON.parse(entry.after_json)).toMatchObject({ source: 'WMS', added: 300, digest: sum.value() });
      const imports = await look.query('SELECT id FROM device_imports');
      expect(imports.rowCount).toBe(2);
    } finally {
      close();
    }
  });
});
