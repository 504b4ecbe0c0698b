/**
 * Asking a vendor for SBOMs from the window: the send dialog lists the model + firmware of
 * the vendor's devices to tick, the form saved carries the request, and the returned
 * response's SBOM files are reviewed (a malformed one refused by name), attached on
 * accepting, and listed on the vendor's Assessments tab with the "not available" reason.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './harness';

const SBOM = readFileSync(resolve(__dirname, '../fixtures/sbom/scanner-fw.cdx.json'), 'utf8');

test('send a form asking for SBOMs of the vendor’s devices, then import the SBOMs returned', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const v = await dispatcher.call('vendors.create', {
    name: 'Example Scanners Ltd',
    category: 'robotics-iot',
    criticality: 'low',
  });
  if (!v.ok) throw new Error(v.error.message);
  const csv = [
    'Device ID,Manufacturer,Model,Firmware Version,Serial',
    'scan-1,Example Scanners,TC52,4.5.1,S1',
    'scan-2,Example Scanners,TC52,4.5.1,S2',
    'scan-3,Example Scanners,TC52,4.6,S3',
    'gw-1,Example Scanners,GW-9,,S4',
  ].join('\n');
  const preview = await dispatcher.call('devices.preview', {
    source: 'Floor',
    fileName: 'devices.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  });
  if (!preview.ok) throw new Error(preview.error.message);
  const applied = await dispatcher.call('devices.apply', { token: preview.value.token });
  if (!applied.ok) throw new Error(applied.error.message);
  const linked = await dispatcher.call('devices.link', {
    manufacturer: 'Example Scanners',
    vendorId: v.value.id,
  });
  if (!linked.ok) throw new Error(linked.error.message);

  await app.open(`#/vendors/${v.value.id}/assessments`);
  // The questionnaires arrive only after the boxes are ticked: the ticks stay.
  const release = app.hold('questionnaires.list');
  await page.getByRole('button', { name: 'Send questionnaire…' }).click();
  const send = page.getByRole('dialog', { name: /Send a questionnaire to Example Scanners Ltd/ });
  await send.getByRole('radio', { name: /Form \(\.html\)/ }).check();
  const models = send.getByRole('list', { name: 'Models and firmware' });
  // Most devices first; a device without firmware asks for any firmware of its model.
  await expect(models.getByRole('checkbox')).toHaveCount(3);
  await expect(models.getByRole('listitem').first()).toContainText('TC52 @ 4.5.1 · 2 devices');
  await models.getByRole('checkbox', { name: /TC52 @ 4\.5\.1/ }).check();
  await models.getByRole('checkbox', { name: /GW-9 \(any firmware\)/ }).check();
  release();
  await expect(send.getByRole('checkbox', { name: /Quick triage/ })).toBeVisible();
  await expect(models.getByRole('checkbox', { name: /TC52 @ 4\.5\.1/ })).toBeChecked();
  await page.screenshot({ path: 'test-results/screens/25-exchange-send-sbom.png' });
  await send.getByRole('button', { name: 'Save file…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'send it to the vendor' })).toBeVisible();
  const [file] = readdirSync(app.saveDir);
  const html = readFileSync(join(app.saveDir, file!), 'utf8');
  const data = JSON.parse(html.match(/<script type="application\/json" id="vr-data">(.*?)<\/script>/s)![1]!);
  expect(data.sboms).toEqual([
    { model: 'TC52', firmware: '4.5.1' },
    { model: 'GW-9', firmware: null },
  ]);
  await expect(page.getByRole('region', { name: 'SBOMs asked for' })).toContainText('Asked, no reply yet');

  // The vendor's response, as the form saves it: the SBOM, a broken file, and "not available".
  const response = join(app.saveDir, 'response.json');
  writeFileSync(
    response,
    JSON.stringify({
      format: 'vendor-risk-response/1',
      packageId: data.manifest.packageId,
      vendorId: v.value.id,
      checksum: data.manifest.checksum,
      answers: [],
      sboms: [
        {
          model: 'TC52',
          firmware: '4.5.1',
          status: 'provided',
          files: [
            { name: 'tc52-4.5.1.cdx.json', content: SBOM },
            { name: 'half.cdx.json', content: SBOM.slice(0, 200) },
          ],
        },
        { model: 'GW-9', firmware: null, status: 'not-available', reason: 'Third-party firmware' },
      ],
    }),
  );
  await page.getByLabel('Response file').setInputFiles(response);
  const review = page.getByRole('dialog', { name: /Review the response: response.json/ });
  const replies = review.getByRole('table', { name: 'SBOM replies' });
  await expect(replies.getByRole('row')).toHaveCount(4);
  await expect(replies.getByRole('row', { name: /tc52-4\.5\.1/ })).toContainText('To attach');
  await expect(replies.getByRole('row', { name: /half\.cdx\.json/ })).toContainText(
    'half.cdx.json cannot be imported',
  );
  await expect(replies.getByRole('row', { name: /GW-9/ })).toContainText('Third-party firmware');
  await page.screenshot({ path: 'test-results/screens/25-exchange-review-sbom.png' });
  await review.getByRole('button', { name: 'Accept all valid' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'attached 1 SBOM or VEX file' })).toBeVisible();

  const asked = page.getByRole('region', { name: 'SBOMs asked for' });
  await expect(asked.getByRole('row', { name: /TC52/ })).toContainText('Attached · tc52-4.5.1.cdx.json');
  await expect(asked.getByRole('row', { name: /GW-9/ })).toContainText('Not available');
  await expect(asked.getByRole('row', { name: /GW-9/ })).toContainText('Third-party firmware');
  const list = await dispatcher.call('sboms.list', { vendorId: v.value.id });
  expect(list.ok && list.value.map((s) => [s.model, s.firmware, s.fileName])).toEqual([
    ['TC52', '4.5.1', 'tc52-4.5.1.cdx.json'],
  ]);
});
