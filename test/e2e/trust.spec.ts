import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect } from './harness';
import { DATABASE_FILE } from '../../electron/storage/database';

test('the audit trail: filter, see a change before and after, verify the chain, notice tampering, export with hashes', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const alpha = await dispatcher.call('vendors.create', {
    name: 'Alpha Yard Robotics',
    category: 'robotics-iot',
  });
  if (!alpha.ok) throw new Error(alpha.error.message);
  await dispatcher.call('vendors.create', { name: 'Beta Freight', category: '3pl' });
  await dispatcher.call('vendors.update', { id: alpha.value.id, patch: { owner: 'Priya Raman' } });

  await app.open('#/audit');
  const table = page.getByRole('table', { name: 'Audit entries' });
  await expect(table.getByRole('row')).toHaveCount(4); // header + 3 entries
  await page.getByRole('combobox', { name: 'Vendor' }).selectOption({ label: 'Alpha Yard Robotics' });
  await expect(table.getByRole('row')).toHaveCount(3);
  // Records by their name and fields in words, not ids and stored keys.
  await expect(table.getByRole('row').nth(1)).toContainText('Vendor Alpha Yard Robotics');
  await expect(table.getByRole('row').nth(1)).toContainText('Changed');
  await table.getByRole('button', { name: 'Owner', exact: true }).click();
  const changes = page.getByRole('table', { name: /Changes of entry/ });
  await expect(changes.getByRole('row', { name: /Owner/ })).toContainText('Priya Raman');

  await page.getByRole('button', { name: 'Verify the audit trail' }).click();
  await expect(page.getByTestId('audit-verdict')).toContainText(
    'The audit trail is intact. 3 entries checked',
  );
  await page.screenshot({ path: 'test-results/screens/21-audit-light.png', fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    entries: { hash: string; prevHash: string }[];
  };
  expect(exported.entries).toHaveLength(2); // the vendor filter applies
  expect(exported.entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

  // Someone edits the database file behind the app's back.
  const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
  db.exec("UPDATE audit_log SET actor = 'Mallory' WHERE id = 2");
  db.close();
  await page.getByRole('button', { name: 'Verify the audit trail' }).click();
  await expect(page.getByRole('alert')).toContainText('The audit trail was changed. Entry #2');
});

test('a record edited outside the app is named by the check: the value in the trail beside the one found', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const acme = await dispatcher.call('vendors.create', {
    name: 'Acme Yard Systems',
    category: 'wms-saas',
    criticality: 'critical',
  });
  if (!acme.ok) throw new Error(acme.error.message);
  await app.open('#/audit');
  await page.getByRole('button', { name: 'Verify the audit trail' }).click();
  await expect(page.getByTestId('audit-verdict')).toContainText(
    'records it covers match what it last recorded',
  );

  // A colleague with the data folder lowers the vendor's criticality, trail untouched.
  const db = new DatabaseSync(join(app.dataDir, DATABASE_FILE));
  db.prepare("UPDATE vendors SET criticality = 'low' WHERE id = ?").run(acme.value.id);
  db.close();
  await page.getByRole('button', { name: 'Verify the audit trail' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The data does not match the audit trail.');
  const row = alert.getByRole('table', { name: 'Differences from the audit trail' }).getByRole('row', {
    name: /Acme Yard Systems/,
  });
  await expect(row).toContainText('Criticality');
  await expect(row).toContainText('"critical"');
  await expect(row).toContainText('"low"');
  await page.screenshot({ path: 'test-results/screens/21b-audit-differences.png', fullPage: true });
});

test('backups in Settings: a snapshot, then restoring it after a change; restore from a file', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  await dispatcher.call('vendors.create', { name: 'Kept Vendor', category: 'other' });
  await app.open('#/settings');
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Take a snapshot now' }).click();
  const snapshots = backups.getByRole('table', { name: 'Snapshots' });
  await expect(snapshots.getByRole('row')).toHaveCount(2);
  await expect(snapshots).toContainText('Taken by hand');

  await dispatcher.call('vendors.create', { name: 'Added Later', category: 'other' });
  await snapshots.getByRole('button', { name: /Restore the snapshot of/ }).click();
  // The window reloads after a restore: waited for, so nothing below is done on the page it replaces.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  await reloaded;
  // The vendor added after the snapshot is gone, and the data it replaced was kept.
  await expect(snapshots.getByRole('row')).toHaveCount(3);
  await expect(snapshots).toContainText('Before a restore');
  const list = await dispatcher.call('vendors.list', {});
  expect(list.ok && list.value.items.map((v) => v.name)).toEqual(['Kept Vendor']);
  await page.screenshot({ path: 'test-results/screens/22-backups-light.png', fullPage: true });

  // Restore from a file of one's own: a damaged one is refused and changes nothing.
  const bad = join(app.saveDir, 'broken.db');
  writeFileSync(bad, 'not a backup');
  app.openDialog.answer = bad;
  await backups.getByRole('button', { name: 'Restore from file…' }).click();
  await expect(page.getByRole('alert')).toContainText('broken.db is not a Vendor Risk Desk backup');
});
