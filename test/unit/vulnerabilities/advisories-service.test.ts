import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, tempDir } from '../helpers';
import { LOCAL_SENDER } from '../../../electron/ipc/dispatch';
import { zipOf } from '../../fixtures/handmade-zip';
import { bytesOf, csafDoc } from '../../fixtures/advisories/minimal-csaf';
import type { JobContext } from '../../../electron/services/context';
import type { AdvisoryImportSummary } from '../../../electron/domain/vulnerabilities/advisory-api';

const FIELD = '/work/shared/field-data';
const KEV_EXCERPT = '/work/shared/examples/field/kev/known_exploited_vulnerabilities.excerpt30.json';

function importing(app: ReturnType<typeof openApp>, paths: string[]) {
  return app.dispatcher.dispatch('advisories.importPaths', { paths, jobId: 'test-import' }, LOCAL_SENDER);
}

async function imported(app: ReturnType<typeof openApp>, paths: string[]): Promise<AdvisoryImportSummary> {
  const r = await app.services.advisories.import(paths, {
    signal: new AbortController().signal,
    progress: () => {},
  });
  return r;
}

function write(dir: string, name: string, content: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('advisories import', () => {
  it('imports a folder of CISA advisories and the KEV catalog, with progress and one audit entry', async () => {
    const app = openApp();
    const dir = tempDir();
    copyFileSync(join(FIELD, 'csaf/icsa-23-201-01.json'), join(dir, 'icsa-23-201-01.json'));
    copyFileSync(join(FIELD, 'csaf/icsa-24-046-11.json'), join(dir, 'icsa-24-046-11.json'));
    mkdirSync(join(dir, 'sha512'));
    write(join(dir, 'sha512'), 'icsa-23-201-01.json.sha512', 'abc');
    copyFileSync(KEV_EXCERPT, join(dir, 'kev.json'));
    const progress: number[] = [];
    const s = await app.services.advisories.import([dir], {
      signal: new AbortController().signal,
      progress: (done) => progress.push(done),
    });
    expect(s.advisories.map((a) => [a.trackingId, a.outcome])).toEqual([
      ['ICSA-23-201-01', 'added'],
      ['ICSA-24-046-11', 'added'],
    ]);
    expect(s.kev).toMatchObject({ entries: 30, added: 30, removed: 0, previousVersion: null });
    expect(s.ignored).toBe(1);
    expect(progress.length).toBeGreaterThan(2);

    const list = app.services.advisories.list();
    expect(list.map((a) => a.trackingId).sort()).toEqual(['ICSA-23-201-01', 'ICSA-24-046-11']);
    expect(list.find((a) => a.trackingId === 'ICSA-23-201-01')).toMatchObject({
      vendors: ['Schneider Electric'],
      cves: expect.arrayContaining(['CVE-2022-45788']) as unknown,
    });
    expect(app.services.storage.advisories.all()).toHaveLength(2);
    expect(app.services.advisories.kev().catalog).toMatchObject({ entries: 30 });
    const audit = app.services.audit.list({
      entities: ['advisory-import'],
      actions: [],
      limit: 10,
      offset: 0,
    } as never);
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]!.after).toMatchObject({
      files: 3,
      added: ['ICSA-23-201-01 v1', 'ICSA-24-046-11 v1'],
    });
  });

  it('a newer tracking version replaces the stored one; an older or equal one is kept', async () => {
    const app = openApp();
    const dir = tempDir();
    const v2 = write(dir, 'v2.json', bytesOf(csafDoc({ version: '2', title: 'Second' })));
    const v1 = write(dir, 'v1.json', bytesOf(csafDoc({ version: '1', title: 'First' })));
    const v10 = write(dir, 'v10.json', bytesOf(csafDoc({ version: '10', title: 'Tenth' })));
    expect((await imported(app, [v2])).advisories[0]).toMatchObject({ outcome: 'added', previous: null });
    expect((await imported(app, [v1])).advisories[0]).toMatchObject({ outcome: 'kept', previous: '2' });
    expect((await imported(app, [v2])).advisories[0]).toMatchObject({ outcome: 'kept', previous: '2' });
    expect(app.services.advisories.list()[0]).toMatchObject({ version: '2', title: 'Second' });
    expect((await imported(app, [v10])).advisories[0]).toMatchObject({ outcome: 'replaced', previous: '2' });
    expect(app.services.advisories.list()).toEqual([
      expect.objectContaining({ version: '10', title: 'Tenth' }),
    ]);
  });

  it('a malformed file is refused with its name and problem, a foreign one skipped, the others imported', async () => {
    const app = openApp();
    const dir = tempDir();
    write(dir, 'good.json', bytesOf(csafDoc()));
    write(dir, 'broken.json', bytesOf(csafDoc()).subarray(0, 200));
    copyFileSync(join(FIELD, 'sbom/cdx-vex-example.vex.json'), join(dir, 'cyclonedx.json'));
    const s = await imported(app, [dir]);
    expect(s.advisories).toHaveLength(1);
    expect(s.refused).toEqual([
      {
        file: join(dir, 'broken.json'),
        problem: expect.stringMatching(/^the JSON is not valid or not complete/) as unknown,
      },
    ]);
    expect(s.skipped).toEqual([
      { file: join(dir, 'cyclonedx.json'), reason: 'not a CSAF advisory or a KEV catalog' },
    ]);
  });

  it('a single malformed file is refused through the dispatcher with its path, and nothing is written', async () => {
    const app = openApp();
    const dir = tempDir();
    const doc = csafDoc();
    (doc.vulnerabilities as Record<string, unknown>[])[0]!.cve = 'CVE-2024-x';
    const bad = write(dir, 'bad.json', bytesOf(doc));
    const r = await importing(app, [bad]);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `${bad}: vulnerabilities[0].cve: "CVE-2024-x" is not a CVE id`,
      },
    });
    expect(app.services.advisories.list()).toEqual([]);
    expect(
      app.services.audit.list({ entities: ['advisory-import'], actions: [], limit: 10, offset: 0 } as never)
        .total,
    ).toBe(0);
  });

  it('reads the JSON entries of a zip, and refuses a lying zip by name', async () => {
    const app = openApp();
    const dir = tempDir();
    const zip = write(
      dir,
      'csaf.zip',
      zipOf([
        { name: '2024/acme-1.json', data: Buffer.from(bytesOf(csafDoc({ id: 'ACME-1' }))) },
        { name: '2024/acme-2.json', data: Buffer.from(bytesOf(csafDoc({ id: 'ACME-2' }))) },
        { name: 'README.md', data: Buffer.from('# advisories') },
      ]),
    );
    const s = await imported(app, [zip]);
    expect(s.advisories.map((a) => [a.trackingId, a.file])).toEqual([
      ['ACME-1', `${zip}!/2024/acme-1.json`],
      ['ACME-2', `${zip}!/2024/acme-2.json`],
    ]);
    expect(s.ignored).toBe(1);
    const lying = write(dir, 'lying.zip', zipOf([{ name: 'a.json', data: Buffer.from('{"a":1}'), size: 3 }]));
    const r = await imported(app, [lying, zip]);
    expect(r.refused).toEqual([
      {
        file: `${lying}!/a.json`,
        problem: expect.stringMatching(/zip archive's zip directory does not match/) as unknown,
      },
    ]);
  });

  it('a re-imported catalog replaces the stored one and counts what was added and removed', async () => {
    const app = openApp();
    await imported(app, [KEV_EXCERPT]);
    const s = await imported(app, [join(FIELD, 'kev/known_exploited_vulnerabilities.csv')]);
    const excerpt = (
      JSON.parse(readFileSync(KEV_EXCERPT, 'utf8')) as { vulnerabilities: { cveID: string }[] }
    ).vulnerabilities;
    const full = app.services.advisories.kev();
    const fullCves = new Set(full.entries.map((e) => e.cve));
    const removed = excerpt.filter((e) => !fullCves.has(e.cveID)).length;
    expect(s.kev).toMatchObject({
      entries: 1404,
      added: 1404 - (30 - removed),
      removed,
      previousVersion: expect.any(String) as unknown,
    });
    expect(full.catalog).toMatchObject({ entries: 1404, dateReleased: '2025-08-25' });
  });

  it('an older catalog, or an excerpt of the one kept, is skipped with the reason; a later one replaces it', async () => {
    const app = openApp();
    const dir = tempDir();
    const full = JSON.parse(
      readFileSync(join(FIELD, 'kev/known_exploited_vulnerabilities.json'), 'utf8'),
    ) as {
      catalogVersion: string;
      dateReleased: string;
      count: number;
      vulnerabilities: { cveID: string; dateAdded: string }[];
    };
    const release = (catalogVersion: string, dateReleased: string, entries = full.vulnerabilities) =>
      write(
        dir,
        `kev-${catalogVersion}.json`,
        JSON.stringify({
          ...full,
          catalogVersion,
          dateReleased,
          count: entries.length,
          vulnerabilities: entries,
        }),
      );
    await imported(app, [join(FIELD, 'kev/known_exploited_vulnerabilities.json')]);
    const kept = app.services.advisories.kev().catalog!;
    expect(kept.entries).toBe(1404);

    // Last year's catalog, as an older download would be: nothing taken away.
    const older = release(
      '2024.01.02',
      '2024-01-02T00:00:00.000Z',
      full.vulnerabilities.filter((v) => v.dateAdded <= '2024-01-02'),
    );
    const fromOlder = await imported(app, [older]);
    expect(fromOlder.kev).toBeNull();
    expect(fromOlder.skipped).toEqual([
      {
        file: older,
        reason: `an older KEV catalog (2024.01.02) than the one kept (${kept.catalogVersion} of ${kept.dateReleased})`,
      },
    ]);
    // The same release cut to 30 entries (the excerpt in the examples).
    const fromExcerpt = await imported(app, [KEV_EXCERPT]);
    expect(fromExcerpt.kev).toBeNull();
    expect(fromExcerpt.skipped[0]!.reason).toBe(
      `30 entries of KEV catalog ${kept.catalogVersion}, whose kept copy has 1404: an excerpt does not replace it`,
    );
    expect(app.services.advisories.kev().catalog).toEqual(kept);

    // A later release replaces it, even with fewer entries (CISA does remove some).
    const later = release('2025.09.01', '2025-09-01T00:00:00.000Z', full.vulnerabilities.slice(1));
    const fromLater = await imported(app, [later]);
    expect(fromLater.kev).toMatchObject({
      catalogVersion: '2025.09.01',
      entries: 1403,
      removed: 1,
      added: 0,
    });
    expect(app.services.advisories.kev().catalog).toMatchObject({
      catalogVersion: '2025.09.01',
      entries: 1403,
    });
  });

  it('a cancelled import writes nothing', async () => {
    const app = openApp();
    const controller = new AbortController();
    const job: JobContext = {
      signal: controller.signal,
      progress: (done) => {
        if (done >= 1) controller.abort();
      },
    };
    const dir = tempDir();
    for (let i = 0; i < 5; i++) write(dir, `a${i}.json`, bytesOf(csafDoc({ id: `ACME-${i}` })));
    await expect(app.services.advisories.import([dir], job)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(app.services.advisories.list()).toEqual([]);
  });
});
