import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';

const CSV = readFileSync(join(__dirname, '../fixtures/device-inventory.csv'), 'utf8');

test('import a device inventory: mapping and errors, values mapped, the diff, then the table, a device and its vendor', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const zebra = await dispatcher.call('vendors.create', {
    name: 'Zebra Technologies',
    category: 'robotics-iot',
    criticality: 'high',
  });
  if (!zebra.ok) throw new Error(zebra.error.message);

  await app.open('#/devices');
  await expect(page.getByText('No devices yet')).toBeVisible();
  await page.getByRole('button', { name: 'Import inventory…' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'Import device inventory' });
  await wizard.getByLabel('Source system').fill('WMS asset export');
  await wizard.getByLabel('Inventory file').setInputFiles({
    name: 'inventory.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });

  // Columns mapped by their names; the first values shown as read.
  await expect(wizard.getByLabel('Column Serial No.')).toHaveValue('serial');
  await expect(wizard.getByLabel('Column Hostname')).toHaveValue('deviceId');
  await expect(wizard.getByLabel('Column Last Heartbeat')).toHaveValue('lastSeen');
  await expect(wizard.getByRole('list', { name: 'Row errors' })).toContainText(
    'Row 5, Hostname: no device ID or serial number',
  );
  // Values that are not ours start mapped to the suggestion; reading again keeps those rows.
  await expect(wizard.getByLabel('status decommissioning')).toHaveValue('decommissioned');
  await expect(wizard.getByLabel('type handheld scanner')).toHaveValue('scanner');
  await wizard.getByRole('button', { name: 'Read again with this mapping' }).click();
  await expect(wizard.getByText('3 devices can be imported · 1 row rejected · 0 duplicates')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/21-device-import-light.png' });

  // The manufacturer is linked to the vendor it means, on the user's word.
  await wizard.getByRole('button', { name: 'Link to Zebra Technologies' }).click();
  await expect(wizard.getByText('Manufacturer “Zebra”')).toBeHidden();

  await wizard.getByRole('button', { name: 'Next: what changes' }).click();
  await expect(wizard).toContainText('First import from WMS asset export: 3 devices');
  await expect(wizard).toContainText('Firmware not signed: 1');
  await wizard.getByRole('button', { name: 'Import 3 devices' }).click();
  await expect(wizard).toBeHidden();
  await expect(page.getByTestId('device-count')).toHaveText('3 of 3 devices');

  // Filter by a finding; open a device.
  await page.getByRole('button', { name: /Firmware not signed/ }).click();
  await expect(page.getByTestId('device-count')).toHaveText('1 of 3 devices');
  await page.getByRole('row', { name: /scan-7/ }).click();
  const detail = page.getByRole('complementary', { name: 'Device details' });
  await expect(detail.getByRole('heading', { name: 'scan-7' })).toBeVisible();
  await expect(detail.getByRole('table', { name: 'Checks' })).toContainText('Default credentials unchanged');
  await page.screenshot({ path: 'test-results/screens/22-devices-light.png' });

  // The hardware vendor's page shows its device posture, and the findings are its red flags.
  await app.open(`#/vendors/${zebra.value.id}`);
  const vendor = page.getByRole('complementary', { name: 'Vendor details' });
  await expect(vendor.getByTestId('device-posture')).toContainText('Firmware not signed: 1 open');
  await expect(vendor.getByRole('list', { name: 'Red flags' })).toContainText('Devices: firmware not signed');
});

test('“Choose file…” opens the app’s dialog and the importer reads the chosen file from disk', async ({
  app,
}) => {
  const { page } = app;
  const file = join(app.saveDir, 'sensors-export.csv');
  writeFileSync(file, CSV);
  await app.open('#/devices');
  await page.getByRole('button', { name: 'Import inventory…' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'Import device inventory' });
  await wizard.getByLabel('Source system').fill('Sensor platform');
  await expect(wizard.getByRole('button', { name: 'Choose file…' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/20-device-import-file-light.png' });

  // Cancelled: nothing happens.
  app.openDialog.answer = null;
  await wizard.getByRole('button', { name: 'Choose file…' }).click();
  await expect(wizard.getByRole('button', { name: 'Choose file…' })).toBeVisible();
  // Chosen: read by the importer from disk, named by the dialog.
  app.openDialog.answer = file;
  await wizard.getByRole('button', { name: 'Choose file…' }).click();
  await expect(wizard.getByText('sensors-export.csv', { exact: true })).toBeVisible();
  await expect(wizard.getByLabel('Column Hostname')).toHaveValue('deviceId');
  await expect(wizard.getByRole('list', { name: 'Row errors' })).toContainText(
    'Row 5, Hostname: no device ID or serial number',
  );
});
