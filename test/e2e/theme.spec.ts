import { test, expect } from './harness';

test('theme follows the OS and the setting overrides it', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('#/settings');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(21, 24, 29)');
  // The theme being chosen shows at once; the one Save of the Settings form keeps it.
  await page.getByLabel('Light').check();
  await expect.poll(background).toBe('rgb(246, 247, 249)');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  const saved = await app.dispatcher.call('preferences.get', {});
  expect(saved.ok && saved.value.theme).toBe('light');
  await page.getByLabel('Follow the system').check();
  await expect.poll(background).toBe('rgb(21, 24, 29)');
  // Revert shows the saved theme again.
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect.poll(background).toBe('rgb(246, 247, 249)');
});
