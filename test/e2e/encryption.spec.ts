import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect } from './harness';

test('encryption from Settings: on with a passphrase, lock, a wrong passphrase, then unlock and read', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const v = await dispatcher.call('vendors.create', {
    name: 'Quiet Robotics',
    category: 'robotics-iot',
    notes: 'Contract renewal ZEBRA-PLAN-42 is confidential',
  });
  if (!v.ok) throw new Error(v.error.message);
  await app.open('#/settings');
  const section = page.getByRole('region', { name: 'Encryption' });
  await expect(section).toContainText('Encryption is off');
  await section.getByLabel(/^Passphrase/).fill('correct horse battery');
  await section.getByLabel('The same passphrase again').fill('correct horse battery');
  await section.getByRole('button', { name: 'Turn encryption on' }).click();
  await expect(section).toContainText('Encryption is on.');
  await expect(section).toContainText('your passphrase');
  await page.screenshot({ path: 'test-results/screens/23-encryption-light.png', fullPage: true });
  // The stored note is sealed; apart from the audit entry recorded before encryption was on
  // (kept as it was: the hash chain), its text is nowhere in the data files.
  const db = new DatabaseSync(join(app.dataDir, 'vendor-risk.db'));
  // Everything into the main file (a WAL can hold a second copy of a page that holds the audit entry).
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const stored = db.prepare('SELECT notes FROM vendors').get() as { notes: string };
  const auditCopies = (
    db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE after_json LIKE '%ZEBRA-PLAN-42%'").get() as {
      n: number;
    }
  ).n;
  db.close();
  expect(stored.notes).toMatch(/^vrenc:2:/);
  const raw = readdirSync(app.dataDir)
    .filter((f) => f.startsWith('vendor-risk.db'))
    .map((f) => readFileSync(join(app.dataDir, f)).toString('latin1'))
    .join('');
  expect(raw.split('ZEBRA-PLAN-42').length - 1).toBe(auditCopies);

  await section.getByRole('button', { name: 'Lock now' }).click();
  const unlock = page.getByRole('form', { name: 'Unlock' });
  await expect(unlock).toBeVisible();
  await unlock.getByLabel('Passphrase').fill('not the right one');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock.getByRole('alert')).toContainText('Wrong passphrase');
  await unlock.getByLabel('Passphrase').fill('correct horse battery');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await app.open(`#/vendors/${v.value.id}`);
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText('ZEBRA-PLAN-42');
});
