import { test, expect } from './harness';

test('theme follows the OS and the setting overrides it', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('#/settings');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(21, 24, 29)');
  await page.getByLabel('Light').check();
  await expect.poll(background).toBe('rgb(246, 247, 249)');
  const saved = await app.dispatcher.call('preferences.get', {});
  expect(saved.ok && saved.value.theme).toBe('light');
  await page.getByLabel('Follow the system').check();
  await expect.poll(background).toBe('rgb(21, 24, 29)');
});
