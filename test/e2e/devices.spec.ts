import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';

const CSV = readFileSync(join(__dirname, '../fixtures/device-inventory.csv'), 'utf8');
const FLOOR = readFileSync(join(__dirname, '../fixtures/inventories/warehouse-floor.csv'));

test('import a device inventory: columns and words read by their names, the diff, then the table, a device and its vendor', async ({
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
  await expect(wizard.getByLabel('Column Hostname')).toHaveValue('name');
  await expect(wizard.getByLabel('Column Last Heartbeat')).toHaveValue('lastSeen');
  await expect(wizard.getByRole('list', { name: 'Row errors' })).toContainText(
    'Row 5, Hostname, Serial No.: nothing names the device',
  );
  await expect(wizard.getByTestId('import-counts')).toHaveText(
    '3 devices can be imported · 1 row refused · 0 duplicates',
  );

  // The manufacturer is linked to the vendor it means, on the user's word.
  await wizard.getByRole('button', { name: 'Link to Zebra Technologies' }).click();
  await expect(wizard.getByText('Manufacturer “Zebra”')).toBeHidden();

  await wizard.getByRole('button', { name: 'Next: what changes' }).click();
  await expect(wizard).toContainText('First import from WMS asset export: 3 devices');
  await expect(wizard).toContainText('Firmware not signed: 1');
  await wizard.getByRole('button', { name: 'Import 3 devices' }).click();
  await expect(wizard).toBeHidden();
  await expect(page.getByTestId('device-count')).toHaveText('3 of 3 devices');
  // Imported, the page never says there are none.
  await expect(page.getByText('No devices yet')).toHaveCount(0);
  // Cells a narrow window cuts off carry their whole text on hover.
  const row = page.getByRole('row', { name: /scan-7/ });
  await expect(row.getByRole('gridcell').nth(0)).toHaveAttribute('title', /scan-7/);
  await expect(row.getByRole('gridcell').nth(2)).toHaveAttribute('title', /\S/);

  // Filter by a finding; open a device.
  await page.getByRole('button', { name: /Firmware not signed/ }).click();
  await expect(page.getByTestId('device-count')).toHaveText('1 of 3 devices');
  await page.getByRole('row', { name: /scan-7/ }).click();
  const detail = page.getByRole('complementary', { name: 'Device details' });
  await expect(detail.getByRole('heading', { name: 'scan-7' })).toBeVisible();
  await expect(detail.getByRole('table', { name: 'Checks' })).toContainText('Default credentials unchanged');

  // The hardware vendor's page shows its device posture, and the findings are its red flags.
  await app.open(`#/vendors/${zebra.value.id}/findings`);
  const vendor = page.getByRole('tabpanel');
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
  await expect(wizard.getByLabel('Column Hostname')).toHaveValue('name');
  await expect(wizard.getByRole('list', { name: 'Row errors' })).toContainText(
    'Row 5, Hostname, Serial No.: nothing names the device',
  );
});

test('a spreadsheet with a title row: warnings apart from refused rows, an unknown type placed, the source’s label beside the category', async ({
  app,
}) => {
  const { page } = app;
  await app.open('#/devices');
  await page.getByRole('button', { name: 'Import inventory…' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'Import device inventory' });
  await wizard.getByLabel('Source system').fill('WMS floor export');
  await wizard.getByLabel('Inventory file').setInputFiles({
    name: 'warehouse-floor.csv',
    mimeType: 'text/csv',
    buffer: FLOOR,
  });

  // The title row is skipped and said so; the header is found on row 3.
  await expect(wizard).toContainText('header on row 3');
  await expect(wizard).toContainText('Row 1 is above the header (row 3) and was skipped.');
  await expect(wizard.getByLabel('Column Kind')).toHaveValue('type');
  await expect(wizard.getByTestId('import-counts')).toHaveText(
    '8 devices can be imported (2 with warnings) · 1 row refused · 0 duplicates',
  );
  // Refused rows and warnings are told apart.
  const refused = wizard.getByRole('list', { name: 'Row errors' });
  await expect(refused).toContainText('Row 13');
  await expect(refused).toContainText('nothing names the device');
  const warnings = wizard.getByRole('list', { name: 'Row warnings' });
  await expect(warnings).toContainText(
    'Row 7, FW Signed? “maybe”: not yes/no/true/false/1/0/y/n; left unknown',
  );
  await expect(warnings).toContainText('Row 8, Cert Valid Until “next year”');
  await expect(refused).not.toContainText('maybe');

  // The one type its words do not place is listed; the user places it.
  await expect(wizard.getByTestId('unplaced-types')).toContainText(
    '1 device of 1 type we could not place: “Stretch wrapper”',
  );
  await expect(wizard.getByLabel('Type AMR robot')).toHaveValue('');
  await expect(wizard.getByLabel('Type AMR robot').locator('option:checked')).toHaveText(
    'Robot (from its words)',
  );
  await page.screenshot({ path: 'test-results/screens/21-device-import-light.png' });
  await wizard.getByLabel('Type Stretch wrapper').selectOption('plc');
  await wizard.getByRole('button', { name: 'Read again with this mapping' }).click();
  await expect(wizard.getByTestId('unplaced-types')).toBeHidden();
  await expect(wizard.getByLabel('Type Stretch wrapper')).toHaveValue('plc');

  await wizard.getByRole('button', { name: 'Next: what changes' }).click();
  await wizard.getByRole('button', { name: 'Import 8 devices' }).click();
  await expect(wizard).toBeHidden();
  await expect(page.getByTestId('device-count')).toHaveText('8 of 8 devices');

  // The table shows the source's word with our category; filters work on categories.
  await expect(page.getByRole('row', { name: /A-1001/ })).toContainText('AMR robotRobot');
  await page.getByLabel('Filter by category').selectOption('plc');
  await expect(page.getByTestId('device-count')).toHaveText('2 of 8 devices');
  await page.getByRole('row', { name: /A-1008/ }).click();
  const detail = page.getByRole('complementary', { name: 'Device details' });
  await expect(detail.getByRole('heading', { name: 'wrap-01' })).toBeVisible();
  await expect(detail).toContainText('ID A-1008 · Stretch wrapperPLC / controller · from WMS floor export');
  await expect(detail.locator('dd').filter({ hasText: 'Stretch wrapper (PLC / controller)' })).toBeVisible();
  await expect(detail.locator('dd').filter({ hasText: 'Active (“In service”)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/22-devices-light.png' });

  // The placement is remembered for the source: the next file needs no choice.
  await page.getByRole('button', { name: 'Import inventory…' }).first().click();
  await wizard.getByLabel('Source system').fill('WMS floor export');
  await wizard.getByLabel('Inventory file').setInputFiles({
    name: 'warehouse-floor.csv',
    mimeType: 'text/csv',
    buffer: FLOOR,
  });
  await expect(wizard.getByLabel('Type Stretch wrapper')).toHaveValue('plc');
  await expect(wizard.getByTestId('unplaced-types')).toBeHidden();
});

test('a workbook: the first sheet read below its title row, another sheet chosen in the wizard', async ({
  app,
}) => {
  const { page } = app;
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const floor = wb.addWorksheet('Floor devices');
  floor.addRow(['Northwind Logistics — floor devices']);
  floor.addRow(['Asset ID', 'Kind', 'Maker', 'Cert Valid Until']);
  floor.addRow(['A-1', 'AMR robot', 'Locus Robotics', new Date(Date.UTC(2027, 2, 1))]);
  floor.addRow(['A-2', 'Conveyor PLC', 'Siemens', 'not yet']);
  const yard = wb.addWorksheet('Yard');
  yard.addRow(['Hostname', 'Serial', 'Type']);
  yard.addRow(['cam-yard-1', 'AX-1', 'IP camera']);
  yard.addRow(['cam-yard-2', 'AX-2', 'IP camera']);
  yard.addRow(['gate-1', 'GT-1', 'Barrier controller']);

  await app.open('#/devices');
  await page.getByRole('button', { name: 'Import inventory…' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'Import device inventory' });
  await wizard.getByLabel('Source system').fill('Site workbook');
  await wizard.getByLabel('Inventory file').setInputFiles({
    name: 'devices.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await expect(wizard.getByLabel('Sheet')).toHaveValue('Floor devices');
  await expect(wizard).toContainText('header on row 2');
  await expect(wizard.getByTestId('import-counts')).toHaveText(
    '2 devices can be imported (1 with warnings) · 0 rows refused · 0 duplicates',
  );
  await wizard.getByLabel('Sheet').selectOption('Yard');
  await expect(wizard.getByTestId('import-counts')).toHaveText(
    '3 devices can be imported · 0 rows refused · 0 duplicates',
  );
  await expect(wizard.getByLabel('Column Hostname')).toHaveValue('name');
  await wizard.getByRole('button', { name: 'Next: what changes' }).click();
  await wizard.getByRole('button', { name: 'Import 3 devices' }).click();
  await expect(page.getByTestId('device-count')).toHaveText('3 of 3 devices');
  await expect(page.getByRole('row', { name: /cam-yard-1/ })).toContainText('IP cameraCamera');
});
