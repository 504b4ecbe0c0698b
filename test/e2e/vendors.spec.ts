import { test, expect } from './harness';
import { addPlainVendors } from './plain-vendors';

test.describe('first run', () => {
  test('offers the sample warehouse, my vendor list, my own warehouse and the company name', async ({
    app,
  }) => {
    const { page } = app;
    // The saved name arrives only after the user has typed: what was typed stays.
    const release = app.hold('settings.getCompany');
    await app.open();
    await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Import my vendor list/ })).toBeVisible();
    await page.getByLabel(/Company name/).fill('Nordhafen Logistics GmbH');
    release();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Reports will carry Nordhafen Logistics GmbH')).toBeVisible();
    expect(app.services.organisation.company()).toBe('Nordhafen Logistics GmbH');
    await page.getByRole('button', { name: /Assess my own warehouse/ }).click();
    await expect(page).toHaveURL(/#\/self$/);
  });
});

test.describe('vendors', () => {
  test('create, edit and delete a vendor', async ({ app }) => {
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: /Add your first vendor/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New vendor' });
    await dialog.getByLabel('Name').fill('Kestrel Yard Robotics');
    await dialog.getByLabel('Category').selectOption('robotics-iot');
    await dialog.getByLabel('Operational criticality').selectOption('high');
    await dialog.getByLabel('Operational telemetry').check();
    await dialog.getByLabel('Tags').fill('amr, edge');
    await dialog.getByRole('button', { name: 'Save vendor' }).click();
    await expect(dialog).toBeHidden();

    // A new vendor opens on its own page.
    await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Yard Robotics' })).toBeVisible();
    const profile = page.getByRole('region', { name: 'Profile' });
    await expect(profile.getByText('Operational telemetry')).toBeVisible();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Kestrel Yard Robotics' });
    await edit.getByLabel('Internal owner').fill('Priya Raman (Automation)');
    await edit.getByRole('button', { name: 'Save vendor' }).click();
    await expect(profile.getByText('Priya Raman (Automation)')).toBeVisible();
    await expect(page.getByTestId('vendor-glance')).toContainText('Owner Priya Raman (Automation)');
    await page.getByRole('tab', { name: 'Activity' }).click();
    const activity = page.getByRole('region', { name: 'Activity' });
    await expect(activity.getByText('Changed owner')).toBeVisible();
    await expect(activity.getByText(/E2E Tester/).first()).toBeVisible();
    await page.getByRole('button', { name: '← Vendors' }).click();
    await expect(page.getByTestId('vendor-count')).toHaveText('1 vendors');
    await page.getByRole('button', { name: 'Open vendor page' }).click();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete vendor?' });
    await expect(confirm).toContainText('Kestrel Yard Robotics');
    await confirm.getByRole('button', { name: 'Delete vendor' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
    expect(app.services.storage.vendors.count()).toBe(0);
    expect(app.services.storage.audit.count()).toBe(3);
  });

  test('shows validation errors inline and saves nothing', async ({ app }) => {
    const { page } = app;
    await app.services.vendors.create({
      name: 'Harbourline 3PL',
      category: '3pl',
      services: '',
      dataTouched: [],
      criticality: 'medium',
      owner: '',
      status: 'active',
      tags: [],
      notes: '',
    });
    await app.open();
    await page.getByRole('button', { name: 'New vendor' }).click();
    const dialog = page.getByRole('dialog', { name: 'New vendor' });
    await dialog.getByLabel('Tags').fill('ok, $bad');
    await dialog.getByRole('button', { name: 'Save vendor' }).click();
    await expect(dialog.getByText('Name is required')).toBeVisible();
    await expect(dialog.getByText('Category is required')).toBeVisible();
    await expect(dialog.getByText(/A tag starts with a letter or digit/)).toBeVisible();
    await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

    // The main side's own check (a duplicate name) lands on the same field.
    await dialog.getByLabel('Name').fill('harbourline 3pl');
    await dialog.getByLabel('Category').selectOption('3pl');
    await dialog.getByLabel('Tags').fill('');
    await dialog.getByRole('button', { name: 'Save vendor' }).click();
    await expect(dialog.getByText('A vendor named "Harbourline 3PL" already exists')).toBeVisible();
    expect(app.services.storage.vendors.count()).toBe(1);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(app.services.storage.vendors.count()).toBe(1);
  });

  test('search, filter and sort the list', async ({ app }) => {
    const { page } = app;
    await addPlainVendors(app.dispatcher);
    await app.open();
    await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');

    await page.getByLabel('Search vendors').fill('sud');
    await expect(page.getByRole('row', { name: /Lagerwerk Süd GmbH/ })).toBeVisible();
    await expect(page.getByTestId('vendor-count')).toHaveText(/^\d+ of 30 vendors$/);
    await page.getByLabel('Search vendors').fill('');

    const filter = async (field: string, value: string) => {
      await page.getByRole('button', { name: '+ Filter' }).click();
      await page.getByRole('menuitem', { name: field }).click();
      await page
        .getByRole('dialog', { name: `Filter by ${field.toLowerCase()}` })
        .getByLabel(value)
        .check();
      await page.keyboard.press('Escape');
    };
    await filter('Category', 'Robotics / IoT hardware');
    await expect(page.getByTestId('vendor-count')).toHaveText('7 of 30 vendors');
    const rows = page.locator('[data-testid="vendor-rows"] [role="row"]');
    await expect(rows).toHaveCount(7);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Robotics / IoT hardware');

    await page.getByRole('button', { name: 'Remove filter Category: Robotics / IoT hardware' }).click();
    await filter('Status', 'Offboarded');
    await expect(page.getByTestId('vendor-count')).toHaveText('3 of 30 vendors');
    await expect(rows).toHaveCount(3);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Offboarded');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');

    await page.getByRole('button', { name: 'Criticality' }).click();
    await page.getByRole('button', { name: 'Criticality' }).click();
    await expect(page.getByRole('columnheader', { name: 'Criticality' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(rows.first()).toContainText('Critical');
  });

  test('keyboard: shortcuts, list navigation and Escape', async ({ app }) => {
    const { page } = app;
    await addPlainVendors(app.dispatcher);
    await app.open();
    // The list has arrived (keys pressed before it would move nothing).
    await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
    await page.keyboard.press('Control+f');
    await expect(page.getByLabel('Search vendors')).toBeFocused();
    await page.getByRole('grid', { name: 'Vendors' }).focus();
    await page.keyboard.press('Home');
    await expect(page.locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
    const first = await page.locator('[role="row"][aria-selected="true"]').innerText();
    await page.keyboard.press('ArrowDown');
    // The selection moves on the next render: waited for, not read at once.
    await expect(page.locator('[role="row"][aria-selected="true"]')).not.toHaveText(first);
    // Enter peeks at the row, Escape closes the peek.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('complementary', { name: 'Vendor peek' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('complementary', { name: 'Vendor peek' })).toBeHidden();
    await page.keyboard.press('Control+n');
    await expect(page.getByRole('dialog', { name: 'New vendor' })).toBeVisible();
    await expect(page.getByLabel('Name')).toBeFocused();
  });

  test('menu commands reach the page', async ({ app }) => {
    const { page } = app;
    await app.open();
    await app.menu('view.settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await app.menu('demo.load');
    // The sample warehouse opens on the dashboard.
    await expect(page.getByRole('heading', { level: 1, name: /Portfolio/ })).toBeVisible();
    await expect(page.getByText('You are looking at a sample warehouse.')).toBeVisible();
    await app.menu('help.about');
    await expect(page.getByRole('dialog', { name: 'About Vendor Risk Desk' })).toContainText(app.dataDir);
  });
});

test.describe('security', () => {
  test('the page CSP blocks an inline script', async ({ app }) => {
    const { page } = app;
    await app.open();
    const outcome = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        }),
      );
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const directive = await Promise.race([
        violation,
        new Promise<string>((r) => setTimeout(() => r('none'), 2000)),
      ]);
      return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, directive };
    });
    expect(outcome.ran).toBe(false);
    expect(outcome.directive).toMatch(/^script-src/);
  });

  test('the page CSP blocks remote requests and remote scripts', async ({ app }) => {
    const { page } = app;
    const requested: string[] = [];
    page.on('requestfinished', (r) => requested.push(r.url()));
    await app.open();
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let fetched = true;
      try {
        await fetch('https://example.com/data.json');
      } catch {
        fetched = false;
      }
      const script = document.createElement('script');
      script.src = 'https://example.com/evil.js';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 300));
      return { fetched, violations };
    });
    expect(result.fetched).toBe(false);
    expect(result.violations).toEqual(expect.arrayContaining(['connect-src', 'script-src-elem']));
    expect(requested.filter((u) => u.includes('example.com'))).toEqual([]);
  });
});
