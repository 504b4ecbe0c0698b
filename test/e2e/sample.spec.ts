/**
 * The sample warehouse from the welcome page: every page has something true to show, and
 * "Remove sample data" brings the welcome page back, the trail intact.
 */
import { test, expect } from './harness';
import { NO_JOB } from '../../electron/services/context';

test('welcome → explore the sample warehouse → vendors, dashboard, devices, legal → remove it', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
  await page.getByRole('button', { name: /Explore a sample warehouse/ }).click();

  // It opens on the dashboard: Today has items, the heat map and the trend have something to show.
  await expect(page.getByRole('heading', { level: 1, name: /Portfolio/ })).toBeVisible();
  await expect(page.getByText(/Loaded the sample warehouse: 30 vendors/)).toBeVisible();
  await expect(page.getByText('You are looking at a sample warehouse.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Today' }).getByRole('button').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Where the risk sits' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/31-sample-dashboard-light.png', fullPage: true });

  // Vendors: assessed, with their tiers.
  await page.getByRole('link', { name: 'Vendors' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  await expect(page.getByRole('row', { name: /Harbourgate Fulfilment Ltd/ })).toContainText(/Critical/);
  await expect(page.getByRole('row', { name: /Brightfloor Cleaning Co\./ })).toContainText(/Low/);
  await page.screenshot({ path: 'test-results/screens/30-sample-vendors-light.png' });

  // Devices from two sources, rolled up to their makers.
  await page.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByTestId('device-count')).toHaveText(/\b320 devices/);
  await page.screenshot({ path: 'test-results/screens/32-sample-devices-light.png' });

  // Legal: recorded clauses and sign-offs.
  await page.getByRole('link', { name: 'Legal' }).click();
  await expect(page.getByRole('row', { name: /Stackwise Cloud WMS/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/33-sample-legal-light.png' });

  // Compare: one click compares the scored vendors of a category.
  await page.getByRole('link', { name: 'Compare' }).click();
  await page.getByRole('group', { name: 'Compare a category' }).getByRole('button').first().click();
  await expect(page.getByRole('table', { name: 'Comparison' })).toBeVisible();

  // The self-assessment is complete: its maturity is shown.
  await page.getByRole('link', { name: 'Self-assessment' }).click();
  await expect(page.getByText(/Maturity/).first()).toBeVisible();

  // Removed in one click: the welcome page again, and the trail still proves the data.
  await page.getByRole('button', { name: 'Remove sample data' }).click();
  await expect(page.getByText(/Removed the sample warehouse \(30 vendors\)/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
  await expect(page.getByText('You are looking at a sample warehouse.')).toBeHidden();
  const verdict = await app.services.audit.verify(NO_JOB);
  expect(verdict.ok).toBe(true);
  await page.screenshot({ path: 'test-results/screens/34-welcome-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/34-welcome-dark.png' });
});

test('an empty portfolio opened on the dashboard shows the first steps, not a page of zeros', async ({
  app,
}) => {
  const { page } = app;
  await app.open('#/dashboard');
  await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Explore a sample warehouse/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Today' })).toHaveCount(0);
});
