/**
 * Takes the README's screenshots (docs/images/) from the sample warehouse with the current
 * build: `npm run screenshots`. Each waits for its page to show its content first.
 */
import { test, expect } from '../../test/e2e/harness';
import type { Page } from '@playwright/test';

const OUT = 'docs/images';

test('README screenshots from the sample warehouse', async ({ app }) => {
  const { page } = app;
  const loaded = await app.dispatcher.call('demo.load', {});
  if (!loaded.ok) throw new Error(loaded.error.message);
  const listed = await app.dispatcher.call('vendors.list', { search: 'Stackwise' });
  if (!listed.ok || !listed.value.items[0]) throw new Error('The sample has no Stackwise vendor');
  const vendorId = listed.value.items[0].id;
  const assessments = await app.dispatcher.call('assessments.list', { vendorId });
  if (!assessments.ok || !assessments.value[0]) throw new Error('The sample vendor has no assessment');

  const shoot = async (name: string, hash: string, heading: string | RegExp, theme = 'light') => {
    await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
    await app.open(hash);
    await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
    await settled(page);
    await page.screenshot({ path: `${OUT}/${name}-${theme}.png` });
  };

  await shoot('dashboard', '#/dashboard', /Today|Portfolio|Dashboard/);
  await shoot('dashboard', '#/dashboard', /Today|Portfolio|Dashboard/, 'dark');
  await shoot('vendors', `#/vendors?peek=${encodeURIComponent(vendorId)}`, 'Vendors');
  await shoot('vendor', `#/vendors/${encodeURIComponent(vendorId)}/findings`, /Stackwise/);
  await shoot('contract', `#/vendors/${encodeURIComponent(vendorId)}/contract`, /Stackwise/);
  await shoot('assessment', `#/assessments/${encodeURIComponent(assessments.value[0].id)}`, /.+/);
  await shoot('legal', '#/legal', 'Legal');
  await shoot('devices', '#/devices', 'Devices');
  await shoot('self', '#/self', 'Self-assessment');
  await shoot('audit', '#/audit', 'Audit trail');
});

/** Waits until nothing on the page is still loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
