/**
 * Advisories, the KEV catalog, SBOMs and VEX imported from the window: the app's open
 * dialog (stood in for) chooses files, a zip and a folder; the import shows its progress
 * and says what it added, replaced, kept and refused; the devices are matched at once; an
 * SBOM and a VEX file attached on the vendor page are listed, and the match the VEX
 * statement sets aside is shown as set aside.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './harness';
import { zipOf } from '../fixtures/handmade-zip';
import { bytesOf, csafDoc } from '../fixtures/advisories/minimal-csaf';

const KEV_CSV = [
  'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes',
  'CVE-2024-1234,Acme,Gateway,Acme Gateway buffer overflow,2024-03-20,A crafted packet overflows a buffer,Apply the update,2024-04-10,Unknown,,CWE-787',
].join('\n');

/** The SBOM of the gateway's firmware V1.5 and a VEX statement that CVE-2024-1234 does not affect it. */
const SBOM = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  serialNumber: 'urn:uuid:5d0c6f1e-2b7a-4c1e-9a4b-7e3f2a1b0c9d',
  version: 1,
  metadata: {
    component: { type: 'firmware', 'bom-ref': 'fw', name: 'Acme Gateway firmware', version: 'V1.5' },
  },
  components: [
    { type: 'library', name: 'busybox', version: '1.36.1', purl: 'pkg:generic/busybox@1.36.1' },
    { type: 'library', name: 'openssl', version: '3.0.13', purl: 'pkg:generic/openssl@3.0.13' },
  ],
};
const VEX = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  serialNumber: 'urn:uuid:0b8e4f7a-6c2d-4e1f-8a3b-9d5c7e1f2a40',
  version: 1,
  metadata: { component: { type: 'device', 'bom-ref': 'gw-15', name: 'Acme Gateway', version: 'V1.5' } },
  vulnerabilities: [
    {
      id: 'CVE-2024-1234',
      analysis: {
        state: 'not_affected',
        justification: 'code_not_reachable',
        detail: 'Port 502 is closed in V1.5 builds.',
      },
      affects: [{ ref: 'gw-15' }],
    },
  ],
};

/** A vendor whose gateways (V1.5 and V1.8, both below the fixed V2.0) the test advisory names. */
async function seedAcme(app: AppHarness): Promise<string> {
  const vendor = await app.dispatcher.call('vendors.create', { name: 'Acme AG', category: 'robotics-iot' });
  if (!vendor.ok) throw new Error(vendor.error.message);
  const csv = [
    'Device ID,Manufacturer,Model,Firmware Version,Status,Type',
    'GW-1,Acme AG,Acme Gateway,V1.5,active,gateway',
    'GW-2,Acme AG,Acme Gateway,V1.8,active,gateway',
  ].join('\n');
  const preview = await app.dispatcher.call('devices.preview', {
    source: 'WMS',
    fileName: 'gateways.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  });
  if (!preview.ok) throw new Error(preview.error.message);
  expect((await app.dispatcher.call('devices.apply', { token: preview.value.token })).ok).toBe(true);
  const link = await app.dispatcher.call('devices.link', {
    manufacturer: 'Acme AG',
    vendorId: vendor.value.id,
  });
  expect(link.ok).toBe(true);
  return vendor.value.id;
}

test('advisories, a zip, a folder and the KEV catalog imported from the window', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await seedAcme(app);
  const dir = app.saveDir;
  const single = join(dir, 'acme-2024-001.json');
  writeFileSync(single, bytesOf(csafDoc({ id: 'ACME-2024-001', version: '1' })));
  const zip = join(dir, 'acme-csaf.zip');
  writeFileSync(
    zip,
    zipOf([
      {
        name: 'csaf/acme-2024-001.json',
        data: Buffer.from(bytesOf(csafDoc({ id: 'ACME-2024-001', version: '2' }))),
      },
      {
        name: 'csaf/acme-2024-002.json',
        data: Buffer.from(bytesOf(csafDoc({ id: 'ACME-2024-002', title: 'Acme Gateway web server flaw' }))),
      },
      {
        name: 'csaf/acme-2024-003.json',
        data: Buffer.from(bytesOf(csafDoc({ id: 'ACME-2024-003' })).subarray(0, 300)),
      },
    ]),
  );
  const kev = join(dir, 'known_exploited_vulnerabilities.csv');
  writeFileSync(kev, KEV_CSV);
  const folder = join(dir, 'older');
  mkdirSync(folder);
  writeFileSync(join(folder, 'acme-2024-002.json'), bytesOf(csafDoc({ id: 'ACME-2024-002' })));
  writeFileSync(join(folder, 'acme-2024-002.json.sha512'), 'checksum');

  await app.open('#/advisories');
  await expect(page.getByText('No advisories yet')).toBeVisible();
  await page.getByRole('button', { name: 'Import advisories…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import advisories' });
  await expect(dialog).toContainText('CISA’s known exploited vulnerabilities catalog');
  await page.screenshot({ path: 'test-results/screens/43-advisory-import-light.png' });

  // Cancelled in the dialog: nothing happens.
  app.openDialog.answers = [];
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  await expect(dialog.getByTestId('advisory-import-result')).toHaveCount(0);

  // One CSAF file.
  app.openDialog.answers = [single];
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  const result = dialog.getByTestId('advisory-import-result');
  await expect(result).toContainText('Read 1 file: 1 added, 0 replaced by a newer revision, 0 unchanged.');
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);

  // A zip (a newer revision, a new advisory, a broken file) and the KEV catalog, at once.
  app.openDialog.answers = [zip, kev];
  await dialog.getByRole('button', { name: 'Import more files…' }).click();
  await expect(dialog.getByTestId('advisory-import-chosen')).toHaveText(
    '2 chosen: acme-csaf.zip, known_exploited_vulnerabilities.csv',
  );
  await expect(result).toContainText('Read 4 files: 1 added, 1 replaced by a newer revision, 0 unchanged.');
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await expect(result.getByTestId('advisory-import-kev')).toContainText(
    'Known exploited vulnerabilities catalog 2024.03.20 of 2024-03-20: 1 entry.',
  );
  await expect(result.getByRole('list', { name: 'Files refused' })).toContainText(
    'acme-csaf.zip › acme-2024-003.json: the JSON is not valid or not complete',
  );
  await page.screenshot({ path: 'test-results/screens/44-advisory-import-result-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/45-advisory-import-result-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // A folder with an older revision: kept, and the checksum file not looked at.
  app.openDialog.answers = [folder];
  await dialog.getByRole('button', { name: 'Choose folders…' }).click();
  await expect(result).toContainText('Read 1 file: 0 added, 0 replaced by a newer revision, 1 unchanged.');
  await expect(result).toContainText(
    '1 other file in the folders and zips (neither JSON nor CSV) were not looked at.',
  );
  expect(app.openDialog.asked.map((a) => a.folders)).toEqual([false, false, false, true]);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The list read again, the devices matched: the exploited advisory touches both gateways.
  await expect(page.getByRole('heading', { level: 1, name: /Advisories/ })).toContainText('2 advisories');
  await expect(page.getByTestId('vulnerability-sources')).toContainText('known exploited catalog 2024.03.20');
  const row = page.getByTestId('advisory-rows').getByRole('row', { name: /ACME-2024-001/ });
  await expect(row).toContainText('KEV');
  await expect(row).toContainText('2');
  await row.dblclick();
  const affected = page.getByRole('region', { name: 'Our affected devices' });
  await expect(affected.getByRole('row', { name: /Acme Gateway V1\.5/ })).toBeVisible();
  await expect(affected.getByRole('row', { name: /Acme Gateway V1\.8/ })).toBeVisible();
});

test('an SBOM and a VEX file attached on the vendor page, listed, and the match the VEX sets aside', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  const vendorId = await seedAcme(app);
  const dir = app.saveDir;
  const advisory = join(dir, 'acme-2024-001.json');
  writeFileSync(advisory, bytesOf(csafDoc({ id: 'ACME-2024-001' })));
  expect((await app.dispatcher.call('advisories.importPaths', { paths: [advisory] })).ok).toBe(true);
  writeFileSync(join(dir, 'gateway-1.5.cdx.json'), JSON.stringify(SBOM));
  writeFileSync(join(dir, 'gateway.vex.cdx.json'), JSON.stringify(VEX));
  writeFileSync(join(dir, 'notes.json'), '{"hello": "world"}');

  await app.open(`#/vendors/${vendorId}/devices`);
  const known = page.getByRole('region', { name: 'Known vulnerabilities' });
  await expect(known.getByTestId('vendor-vulnerability-summary')).toContainText(
    '2 of its devices run firmware with known vulnerabilities',
  );
  const list = page.getByRole('region', { name: 'SBOMs and VEX statements' });
  await expect(list).toContainText('No SBOMs or VEX statements yet');

  await list.getByRole('button', { name: 'Import SBOM or VEX…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import SBOM or VEX' });
  await expect(dialog.getByLabel('Vendor')).toHaveValue('Acme AG');
  // The models and firmware among its devices are offered as they are spelled there.
  await expect(dialog.locator('#sbom-models option')).toHaveAttribute('value', 'Acme Gateway');
  await expect(dialog.locator('#sbom-firmwares option')).toHaveCount(2);
  await dialog.getByLabel('Model').fill('Acme Gateway');
  await dialog.getByLabel('Firmware').fill('V1.5');

  // A file that is neither: refused in words, with its name and first problem.
  app.openDialog.answer = join(dir, 'notes.json');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/^notes\.json cannot be imported: /);

  app.openDialog.answer = join(dir, 'gateway-1.5.cdx.json');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  const outcome = dialog.getByTestId('sbom-import-outcome');
  await expect(outcome).toContainText(
    'gateway-1.5.cdx.json: CycloneDX 1.5 SBOM “Acme Gateway firmware V1.5” attached to Acme Gateway, firmware V1.5 — 2 components.',
  );
  app.openDialog.answer = join(dir, 'gateway.vex.cdx.json');
  await dialog.getByRole('button', { name: 'Import another file…' }).click();
  await expect(outcome).toContainText(
    'gateway.vex.cdx.json: 1 VEX statement (CycloneDX 1.5) attached to Acme AG.',
  );
  await page.screenshot({ path: 'test-results/screens/46-sbom-import-light.png' });
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Listed on the vendor's tab; the V1.5 gateway's match set aside, the V1.8 one still open.
  await expect(list.getByTestId('sbom-count')).toHaveText('1 SBOM, 1 VEX document');
  const rows = list.getByTestId('sbom-rows');
  await expect(rows.getByRole('row', { name: /SBOM/ })).toContainText('Acme Gateway');
  await expect(rows.getByRole('row', { name: /SBOM/ })).toContainText('2 components');
  await expect(rows.getByRole('row', { name: /VEX/ })).toContainText('1 statement');
  await expect(known.getByTestId('vendor-vulnerability-summary')).toContainText(
    '1 of its devices run firmware with known vulnerabilities',
  );
  await expect(known.getByTestId('vendor-vulnerability-summary')).toContainText(
    '1 matches set aside by its VEX statements.',
  );
  await page.getByRole('tabpanel').screenshot({ path: 'test-results/screens/47-vendor-sboms-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('tabpanel').screenshot({ path: 'test-results/screens/48-vendor-sboms-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // The advisory counts only the V1.8 gateway and says the other is set aside by the VEX statement.
  await known.getByRole('button', { name: 'ACME-2024-001' }).first().click();
  const affected = page.getByRole('region', { name: 'Our affected devices' });
  await expect(affected.getByRole('row', { name: /Acme Gateway V1\.8/ })).toBeVisible();
  await expect(affected.getByRole('row', { name: /Acme Gateway V1\.5/ })).toHaveCount(0);
  await expect(affected).toContainText(
    '1 more device is not counted: the vendor’s VEX statement says it is not affected',
  );

  // The Advisories page lists every vendor's SBOMs and VEX documents on its own tab.
  await app.open('#/advisories');
  await page.getByRole('tab', { name: 'SBOMs & VEX' }).click();
  const all = page.getByRole('region', { name: 'SBOMs and VEX statements' });
  await expect(all.getByTestId('sbom-rows').getByRole('row')).toHaveCount(2);
  await expect(all.getByTestId('sbom-rows').getByRole('row', { name: /SBOM/ })).toContainText('Acme AG');
  await page.screenshot({ path: 'test-results/screens/49-advisories-sboms-light.png' });
});

test('the SBOMs & VEX tab says how to bring them, and the vendor is chosen in the dialog', async ({
  app,
}) => {
  const { page } = app;
  await seedAcme(app);
  await app.open('#/advisories');
  await page.getByRole('tab', { name: 'SBOMs & VEX' }).click();
  await expect(page.getByRole('region', { name: 'SBOMs and VEX statements' })).toContainText(
    'vendor-risk sbom import FILE --vendor NAME',
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/50-advisories-sboms-empty-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Import SBOM or VEX…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import SBOM or VEX' });
  // The keyboard starts on the vendor; none chosen: said before the file dialog opens.
  await expect(dialog.getByLabel('Vendor')).toBeFocused();
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose the vendor whose SBOM or VEX this is.');
  await dialog.getByLabel('Vendor').selectOption({ label: 'Acme AG' });
  // Chosen, then the file dialog cancelled: the message goes, nothing is imported.
  app.openDialog.answer = null;
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByTestId('sbom-import-outcome')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a large import shows its progress and can be cancelled; nothing is written', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const zip = join(app.saveDir, 'csaf-repository.zip');
  const one = (i: number) => Buffer.from(bytesOf(csafDoc({ id: `ACME-2024-${i}`, products: 40 })));
  writeFileSync(
    zip,
    zipOf(Array.from({ length: 4000 }, (_, i) => ({ name: `csaf/acme-2024-${i}.json`, data: one(i) }))),
  );
  await app.open('#/advisories');
  await page.getByRole('button', { name: 'Import advisories…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import advisories' });
  app.openDialog.answers = [zip];
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Importing advisories' });
  await expect(progress).toBeVisible();
  // The keyboard is on Cancel while it runs; the buttons that start another import wait.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Choose files…' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/51-advisory-import-progress-light.png' });
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('The import was cancelled; nothing was changed');
  await expect(progress).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Advisories/ })).toContainText('0 advisories');
});
