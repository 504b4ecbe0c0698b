/**
 * Screenshots of every screen in light and dark theme, for people to look at
 * (test-results/screens/). Each also checks the screen shows what it should.
 */
import { test, expect } from './harness';

const themes = ['light', 'dark'] as const;

for (const theme of themes) {
  test(`screens in ${theme} theme`, async ({ app }) => {
    const { page } = app;
    const shot = (name: string) => page.screenshot({ path: `test-results/screens/${name}-${theme}.png` });
    await page.emulateMedia({ colorScheme: theme });

    await app.open();
    await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
    await shot('01-welcome');

    await app.dispatcher.call('demo.load', {});
    const first = await app.dispatcher.call('vendors.list', { search: 'Lagerwerk' });
    const id = first.ok ? first.value.items[0]!.id : '';
    await app.open(`#/vendors/${id}`);
    await expect(
      page
        .getByRole('complementary', { name: 'Vendor details' })
        .getByRole('heading', { name: 'Lagerwerk Süd GmbH' }),
    ).toBeVisible();
    await shot('02-vendors');

    await page.getByRole('button', { name: 'Add vendor' }).click();
    await page
      .getByRole('dialog', { name: 'New vendor' })
      .getByRole('button', { name: 'Save vendor' })
      .click();
    await expect(page.getByText('Name is required')).toBeVisible();
    await shot('03-new-vendor-errors');
    await page.keyboard.press('Escape');

    await page
      .getByRole('complementary', { name: 'Vendor details' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(page.getByRole('dialog', { name: 'Delete vendor?' })).toBeVisible();
    await shot('04-delete-confirm');
    await page.keyboard.press('Escape');

    await page.getByLabel('Search vendors').fill('no such vendor anywhere');
    await expect(page.getByText('No vendors match')).toBeVisible();
    await shot('05-no-match');

    await app.open('#/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await shot('06-settings');
  });
}
