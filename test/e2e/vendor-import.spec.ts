import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';

const LIST = readFileSync(join(__dirname, '../fixtures/vendor-list.csv'));

test('import a vendor list: columns by their spellings, a refused row, odd values, confirm, the vendors appear', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  // Already in the portfolio: the file updates it.
  const existing = await dispatcher.call('vendors.create', {
    name: 'Northwind Freight',
    category: '3pl',
    criticality: 'medium',
  });
  if (!existing.ok) throw new Error(existing.error.message);

  await app.open('#/vendors');
  await page.getByRole('button', { name: 'Import vendors…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import vendors' });
  await wizard.getByLabel('Vendor list file').setInputFiles({
    name: 'suppliers.csv',
    mimeType: 'text/csv',
    buffer: LIST,
  });

  // The title row is skipped; columns read by other systems' spellings.
  await expect(wizard).toContainText('header on row 3');
  await expect(wizard.getByLabel('Column Vendor Name')).toHaveValue('name');
  await expect(wizard.getByLabel('Column Risk Level')).toHaveValue('criticality');
  await expect(wizard.getByLabel('Column Business Owner')).toHaveValue('owner');
  await expect(wizard.getByLabel('Column Data Classification')).toHaveValue('dataTouched');
  await expect(wizard.getByTestId('vendor-import-counts')).toHaveText(
    '3 added · 1 updated · 0 unchanged · 1 error · 1 duplicate skipped',
  );
  await expect(wizard.getByRole('list', { name: 'Row errors' })).toContainText(
    'Row 6, Vendor Name: No vendor name',
  );
  await expect(wizard.getByRole('list', { name: 'Row warnings' })).toContainText(
    'Row 8, Risk Level “Extreme”: not a criticality we know; read as "medium"',
  );
  await expect(wizard).toContainText('Duplicate “acme yard systems”: rows 4 and 9 (row 9 skipped)');
  const rows = wizard.getByTestId('vendor-import-rows');
  await expect(rows.getByRole('row', { name: /Northwind Freight/ })).toContainText('Update (criticality');
  await page.screenshot({ path: 'test-results/screens/24-vendor-import-preview-light.png' });

  // An odd value placed by the user: read again, the warning is gone.
  await wizard.getByLabel('Criticality Extreme').selectOption('critical');
  await wizard.getByRole('button', { name: 'Read again with these choices' }).click();
  await expect(wizard.getByRole('list', { name: 'Row warnings' })).not.toContainText('Extreme');

  await wizard.getByRole('button', { name: 'Import 4 vendors' }).click();
  await expect(wizard).toBeHidden();
  await expect(page.getByTestId('vendor-count')).toHaveText('4 vendors');
  for (const name of ['Acme Yard Systems', 'Blue Robotics', 'Odd Values Ltd', 'Northwind Freight'])
    await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  const odd = await dispatcher.call('vendors.list', { search: 'Odd Values' });
  if (!odd.ok) throw new Error(odd.error.message);
  expect(odd.value.items[0]?.criticality).toBe('critical');
});

test('“Choose file…” opens the app’s dialog and the vendor list is read from disk', async ({ app }) => {
  const { page, dispatcher } = app;
  // (An empty portfolio opens on the Welcome page, which offers the import itself.)
  expect((await dispatcher.call('vendors.create', { name: 'Already here', category: 'other' })).ok).toBe(
    true,
  );
  const file = join(app.saveDir, 'vendors-from-disk.csv');
  writeFileSync(file, 'Company,Tier,Status\nKappa Logistics,Tier 2,Active\n');
  await app.open('#/vendors');
  await page.getByRole('button', { name: 'Import vendors…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import vendors' });
  app.openDialog.answer = file;
  await wizard.getByRole('button', { name: 'Choose file…' }).click();
  await expect(wizard.getByText('vendors-from-disk.csv', { exact: true })).toBeVisible();
  await expect(wizard.getByLabel('Column Company')).toHaveValue('name');
  await expect(wizard.getByTestId('vendor-import-counts')).toHaveText(
    '1 added · 0 updated · 0 unchanged · 0 errors',
  );
});
