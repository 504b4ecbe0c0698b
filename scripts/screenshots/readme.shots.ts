/**
 * Screenshots of every page in light and dark from the sample warehouse, with the current
 * build (`npm run screenshots`): all of them into test-results/screenshots/pages/ to look
 * at, and the README's pictures into docs/images/. Each waits for its page's content first.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../../test/e2e/harness';

const ALL = 'test-results/screenshots/pages';
const README = 'docs/images';
/** The README's pictures: page and theme. */
const IN_README = new Set([
  'welcome-light',
  'dashboard-light',
  'dashboard-dark',
  'vendors-light',
  'vendor-light',
  'assessment-light',
  'vendor-contract-light',
  'legal-light',
  'devices-light',
  'audit-light',
]);

test('every page of the sample warehouse, light and dark', async ({ app }) => {
  const { page } = app;
  mkdirSync(ALL, { recursive: true });
  /** `ready`: what shows the page's content has come (beyond its heading). */
  const shoot = async (name: string, hash: string, heading: string | RegExp, ready?: () => Locator) => {
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await app.open(hash);
      await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
      if (ready) await expect(ready()).toBeVisible();
      await settled(page);
      const file = `${ALL}/${name}-${theme}.png`;
      await page.screenshot({ path: file });
      if (IN_README.has(`${name}-${theme}`)) copyFileSync(file, `${README}/${name}-${theme}.png`);
    }
  };

  await shoot('welcome', '', 'Welcome to Vendor Risk Desk');
  const loaded = await app.dispatcher.call('demo.load', {});
  if (!loaded.ok) throw new Error(loaded.error.message);
  // A hardware maker with a knockout, devices on the floor and a contract on record.
  const NAME = 'Kinetica Floor Robotics';
  const listed = await app.dispatcher.call('vendors.list', { search: NAME });
  const vendorId = listed.ok ? listed.value.items.find((v) => v.name === NAME)?.id : undefined;
  if (!vendorId) throw new Error(`The sample has no vendor ${NAME}`);
  const assessments = await app.dispatcher.call('assessments.list', { vendorId });
  const assessmentId = assessments.ok ? assessments.value[0]?.id : undefined;
  if (!assessmentId) throw new Error(`The sample has no assessment of ${NAME}`);
  const vendor = `#/vendors/${encodeURIComponent(vendorId)}`;

  await shoot('dashboard', '#/dashboard', 'Portfolio');
  await shoot('vendors', `#/vendors?peek=${encodeURIComponent(vendorId)}`, 'Vendors', () =>
    page.getByRole('complementary', { name: 'Vendor peek' }),
  );
  await shoot('vendor', vendor, NAME);
  await shoot('vendor-findings', `${vendor}/findings`, NAME);
  await shoot('vendor-contract', `${vendor}/contract`, NAME);
  await shoot('vendor-devices', `${vendor}/devices`, NAME, () =>
    page.getByRole('region', { name: 'Known vulnerabilities' }),
  );
  await shoot('vendor-activity', `${vendor}/activity`, NAME);
  await shoot('assessment', `#/assessments/${encodeURIComponent(assessmentId)}`, /.+/);
  await shoot('compare', '#/compare', 'Compare vendors');
  await shoot('self', '#/self', 'Self-assessment');
  await shoot('questionnaires', '#/questionnaires', 'Questionnaires');
  await shoot('legal', '#/legal', 'Legal');
  await shoot('devices', '#/devices', 'Devices', () => page.getByTestId('device-count'));
  await shoot('advisories', '#/advisories', 'Advisories', () => page.getByTestId('vulnerability-sources'));
  await shoot('advisory', '#/advisories/SAMPLE-CERT-2026-014', /Bridgeport Controls/, () =>
    page.getByRole('region', { name: 'Our affected devices' }),
  );
  await shoot('audit', '#/audit', 'Audit trail');
  await shoot('settings', '#/settings', 'Settings');
});

/** Waits until nothing on the page is still loading and the fonts are in. */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
