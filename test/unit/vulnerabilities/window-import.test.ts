/**
 * Importing advisories, the KEV catalog, SBOMs and VEX from the window: the files and
 * folders come from the app's open dialog and are named by id; the window cannot name a path.
 */
import { describe, it, expect } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Desktop, OpenPathsRequest } from '../../../electron/ipc/handler-context';
import type { ResponseOf, Result } from '../../../electron/ipc/contract';
import { openApp, tempDir, vendorInput } from '../helpers';
import { bytesOf, csafDoc } from '../../fixtures/advisories/minimal-csaf';

const page = { kind: 'page', url: 'app://vendor-risk/index.html', isMainFrame: true } as const;
const SBOM = resolve(__dirname, '../../fixtures/sbom/scanner-fw.cdx.json');
const KEV_CSV = [
  'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes',
  'CVE-2024-1234,Acme,Gateway,Acme Gateway overflow,2024-03-20,Overflow,Apply the fix,2024-04-10,Known,,CWE-787',
].join('\n');

/** A desktop whose open dialogs answer what the test says, and record what they were asked. */
function standIn() {
  const dialog = {
    one: null as string | null,
    many: [] as string[],
    asked: [] as (string | OpenPathsRequest)[],
  };
  const desktop: Desktop = {
    chooseSavePath: async () => null,
    chooseOpenPath: async (ext) => {
      dialog.asked.push(ext);
      return dialog.one;
    },
    chooseOpenPaths: async (request) => {
      dialog.asked.push(request);
      return dialog.many;
    },
    showInFolder: () => {},
  };
  return { dialog, desktop };
}

function value<T>(r: unknown): T {
  const result = r as Result<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('advisories from the open dialog', () => {
  it('opens several files and a folder, imports them by id, and matches again', async () => {
    const dir = tempDir();
    const folder = join(dir, 'csaf');
    mkdirSync(folder);
    writeFileSync(join(folder, 'acme-1.json'), bytesOf(csafDoc({ id: 'ACME-1' })));
    writeFileSync(join(folder, 'notes.txt'), 'not an advisory');
    writeFileSync(join(dir, 'acme-2.json'), bytesOf(csafDoc({ id: 'ACME-2' })));
    writeFileSync(join(dir, 'kev.csv'), KEV_CSV);
    writeFileSync(join(dir, 'broken.json'), bytesOf(csafDoc({ id: 'ACME-3' })).subarray(0, 200));
    const { dialog, desktop } = standIn();
    const app = openApp({ desktop });

    dialog.many = [];
    const cancelled = value<ResponseOf<'advisories.choose'>>(
      await app.dispatcher.dispatch('advisories.choose', {}, page),
    );
    expect(cancelled.files).toEqual([]);

    dialog.many = [join(dir, 'acme-2.json'), join(dir, 'kev.csv'), join(dir, 'broken.json')];
    const files = value<ResponseOf<'advisories.choose'>>(
      await app.dispatcher.dispatch('advisories.choose', { folders: false }, page),
    ).files;
    dialog.many = [folder];
    const folders = value<ResponseOf<'advisories.choose'>>(
      await app.dispatcher.dispatch('advisories.choose', { folders: true }, page),
    ).files;
    expect(dialog.asked).toEqual([
      { extension: '.csaf', folders: false },
      { extension: '.csaf', folders: false },
      { extension: '.csaf', folders: true },
    ]);
    expect(files.map((f) => [f.fileName, f.folder])).toEqual([
      ['acme-2.json', false],
      ['kev.csv', false],
      ['broken.json', false],
    ]);
    expect(folders).toMatchObject([{ fileName: 'csaf', folder: true, size: 0 }]);

    const summary = value<ResponseOf<'advisories.import'>>(
      await app.dispatcher.dispatch(
        'advisories.import',
        { fileIds: [...files, ...folders].map((f) => f.fileId), jobId: 'window-1' },
        page,
      ),
    );
    expect(summary.advisories.map((a) => [a.trackingId, a.outcome])).toEqual(
      expect.arrayContaining([
        ['ACME-1', 'added'],
        ['ACME-2', 'added'],
      ]),
    );
    expect(summary.kev).toMatchObject({ entries: 1, added: 1 });
    expect(summary.refused).toEqual([{ file: join(dir, 'broken.json'), problem: expect.any(String) }]);
    expect(summary.ignored).toBe(1);
    expect(app.progress.some((e) => e.jobId === 'window-1')).toBe(true);
    expect(app.services.vulnerabilities.lastRun()).toMatchObject({ advisories: 2, kevEntries: 1 });
  });

  it('a folder is opened only when folders were asked for, and the window cannot name a path', async () => {
    const dir = tempDir();
    const { dialog, desktop } = standIn();
    const app = openApp({ desktop });
    dialog.many = [dir];
    const r = await app.dispatcher.dispatch('advisories.choose', { folders: false }, page);
    expect(r).toMatchObject({ ok: false });
    const byPath = await app.dispatcher.dispatch('advisories.importPaths', { paths: [dir] }, page);
    expect(byPath).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const unknown = await app.dispatcher.dispatch(
      'advisories.import',
      { fileIds: ['00000000-0000-4000-8000-000000000000'] },
      page,
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('an SBOM or VEX file from the open dialog', () => {
  it('is attached to the vendor, model and firmware; a refused one names the file and its first problem', async () => {
    const dir = tempDir();
    const { dialog, desktop } = standIn();
    const app = openApp({ desktop });
    const vendor = await app.services.vendors.create(vendorInput({ name: 'Example Scanners Ltd' }));
    copyFileSync(SBOM, join(dir, 'tc52.cdx.json'));
    writeFileSync(join(dir, 'notes.json'), '{"hello": "world"}');

    dialog.one = null;
    expect(
      value<ResponseOf<'sboms.chooseFile'>>(await app.dispatcher.dispatch('sboms.chooseFile', {}, page)),
    ).toEqual({ file: null });
    dialog.one = join(dir, 'tc52.cdx.json');
    const file = value<ResponseOf<'sboms.chooseFile'>>(
      await app.dispatcher.dispatch('sboms.chooseFile', {}, page),
    ).file!;
    expect(dialog.asked).toEqual(['.sbom', '.sbom']);
    const imported = value<ResponseOf<'sboms.importFile'>>(
      await app.dispatcher.dispatch(
        'sboms.importFile',
        { vendorId: vendor.id, fileId: file.fileId, model: 'TC52', firmware: '4.5.1' },
        page,
      ),
    );
    expect(imported).toMatchObject({
      fileName: 'tc52.cdx.json',
      sbom: { model: 'TC52', firmware: '4.5.1', format: 'CycloneDX 1.5' },
    });
    expect(app.services.sboms.list(vendor.id)).toHaveLength(1);

    dialog.one = join(dir, 'notes.json');
    const other = value<ResponseOf<'sboms.chooseFile'>>(
      await app.dispatcher.dispatch('sboms.chooseFile', {}, page),
    ).file!;
    const refused = await app.dispatcher.dispatch(
      'sboms.importFile',
      { vendorId: vendor.id, fileId: other.fileId, model: null, firmware: null },
      page,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^notes\.json cannot be imported: /) },
    });
    expect(app.services.sboms.list(vendor.id)).toHaveLength(1);
  });
});
