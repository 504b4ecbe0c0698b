/**
 * The vendor list's peek and filter bar, and a vendor's own page with its tabs; screenshots
 * of both in light and dark (test-results/screens/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness as App } from './harness';
import { addPlainVendors } from './plain-vendors';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');

/** The sample's 30 vendors, bare, with one vendor assessed (a knockout open); its id. */
async function portfolio(app: App): Promise<string> {
  const { dispatcher } = app;
  await addPlainVendors(dispatcher);
  expect((await dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const list = await dispatcher.call('vendors.list', { search: 'Kinetica' });
  const vendorId = list.ok ? list.value.items[0]!.id : '';
  const a = await dispatcher.call('assessments.start', { vendorId, questionnaireIds: ['example-firmware'] });
  if (!a.ok) throw new Error(a.error.message);
  for (const [questionId, value] of [
    ['fw_signed', 'no'],
    ['fw_patch_days', 10],
  ] as const)
    await dispatcher.call('assessments.answer', {
      id: a.value.id,
      answer: { questionnaireId: 'example-firmware', questionId, answer: { status: 'answered', value } },
    });
  await dispatcher.call('assessments.setStatus', { id: a.value.id, status: 'submitted' });
  return vendorId;
}

const rows = (app: App) => app.page.locator('[data-testid="vendor-rows"] [role="row"]');

test('the peek opens and closes from the keyboard and leaves every column in view', async ({ app }) => {
  const { page } = app;
  await portfolio(app);
  await app.open();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  await expect(page.getByRole('heading', { name: /^Vendors/ })).toContainText('30 vendors');

  const grid = page.getByRole('grid', { name: 'Vendors' });
  await grid.focus();
  await page.keyboard.press('Home');
  const peek = page.getByRole('complementary', { name: 'Vendor peek' });
  await expect(peek).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(peek).toBeVisible();
  const first = await page.locator('[role="row"][aria-selected="true"] .cell-name').innerText();
  await expect(peek.getByRole('heading', { name: first })).toBeVisible();
  await expect(page).toHaveURL(/#\/vendors\?peek=/);

  // The peek lies over the rows: the table keeps its width, every header stays in view.
  for (const name of ['Vendor', 'Tier', 'Score', 'Decision', 'Criticality', 'Status', 'Category', 'Owner']) {
    const header = page.getByRole('columnheader', { name, exact: true });
    await expect(header).toBeInViewport();
    const box = (await header.boundingBox())!;
    const peekBox = (await peek.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(peekBox.y + 1);
  }
  const scroll = page.getByTestId('vendor-scroll');
  expect(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);

  // The peek follows the keyboard; Escape closes it.
  await page.keyboard.press('ArrowDown');
  const second = await page.locator('[role="row"][aria-selected="true"] .cell-name').innerText();
  await expect(peek.getByRole('heading', { name: second })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(peek).toBeHidden();
  await expect(grid).toBeFocused();
  await expect(page).toHaveURL(/#\/vendors$/);

  // Enter peeks, Enter again opens the page.
  await page.keyboard.press('Enter');
  await expect(peek).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: second })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

  // Back to the list: the same vendor in the peek; a click on a row peeks, a double click opens.
  await page.getByRole('button', { name: '← Vendors' }).click();
  await expect(peek.getByRole('heading', { name: second })).toBeVisible();
  await rows(app).filter({ hasText: 'Kinetica Floor Robotics' }).click();
  await expect(peek.getByRole('heading', { name: 'Kinetica Floor Robotics' })).toBeVisible();
  await expect(peek).toContainText('1 open, 1 knockout');
  await peek.getByRole('button', { name: 'Close peek' }).click();
  await expect(peek).toBeHidden();
  await rows(app).filter({ hasText: 'Kinetica Floor Robotics' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Kinetica Floor Robotics' })).toBeVisible();
});

test('a vendor filtered out of the list does not stay in the peek; menu commands act on the peek', async ({
  app,
}) => {
  const { page } = app;
  await portfolio(app);
  await app.open();
  await rows(app).filter({ hasText: 'Lagerwerk Süd GmbH' }).click();
  const peek = page.getByRole('complementary', { name: 'Vendor peek' });
  await expect(peek.getByRole('heading', { name: 'Lagerwerk Süd GmbH' })).toBeVisible();

  await app.menu('vendor.edit');
  await expect(page.getByRole('dialog', { name: 'Edit Lagerwerk Süd GmbH' })).toBeVisible();
  await page.keyboard.press('Escape');
  await app.menu('vendor.delete');
  await expect(page.getByRole('dialog', { name: 'Delete vendor?' })).toContainText('Lagerwerk Süd GmbH');
  await page.keyboard.press('Escape');
  app.saveDialog.answer = 'cancel';
  await app.menu('report.export');
  await expect
    .poll(() => app.saveDialog.offered)
    .toEqual([expect.stringMatching(/^Lagerwerk Süd GmbH.*\.pdf$/)]);

  await page.getByLabel('Search vendors').fill('Kinetica');
  await expect(page.getByTestId('vendor-count')).toHaveText('1 of 30 vendors');
  await expect(peek).toBeHidden();
  await expect(page).toHaveURL(/#\/vendors$/);
  await app.menu('vendor.edit');
  await expect(page.getByRole('dialog', { name: /^Edit / })).toBeHidden();
});

test('the vendor page: header at a glance, tabs in the address, arrow keys between tabs', async ({ app }) => {
  const { page } = app;
  const id = await portfolio(app);
  await app.open(`#/vendors/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kinetica Floor Robotics' })).toBeVisible();
  const glance = page.getByTestId('vendor-glance');
  await expect(glance).toContainText('risk');
  await expect(glance).toContainText(/Control score\s*\d+\.\d/);
  await expect(glance).toContainText('Decision None yet');
  await expect(glance).toContainText(/Next review \d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole('region', { name: 'Risk and score' })).toBeVisible();
  // The domain chart takes its panel's width (it was drawn 360 wide in any panel).
  const chart = page
    .getByRole('region', { name: 'Risk and score' })
    .getByRole('img', { name: /Score by domain/ });
  expect((await chart.boundingBox())!.width).toBeGreaterThan(380);

  const tablist = page.getByRole('tablist');
  await expect(tablist.getByRole('tab')).toHaveText([
    'Overview',
    /^Findings/,
    /^Assessments/,
    'Evidence',
    'Contract',
    'Devices',
    'Activity',
  ]);
  await page.getByRole('tab', { name: /^Findings/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/vendors/${id}/findings$`));
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('list', { name: 'Red flags' })).toContainText('Firmware is not signed');

  // ← → move between tabs and show them at once; focus goes with them.
  await page.getByRole('tab', { name: /^Findings/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^Assessments/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /^Assessments/ })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('button', { name: 'Start assessment' })).toBeVisible();
  await expect(panel).toContainText('Firmware signing (example)');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Activity' })).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`#/vendors/${id}/activity$`));
  await expect(panel).toContainText('Added an assessment');
  await expect(panel).toContainText('Changed an assessment: status');
  await expect(panel).toContainText('Created');

  // The old contract address is the Contract tab.
  await app.open(`#/vendors/${id}/contract`);
  await expect(page.getByRole('tab', { name: 'Contract' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Contract clauses' })).toBeVisible();
  await expect(page.getByTestId('signoff')).toBeVisible();

  await page.getByRole('tab', { name: 'Devices' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('None of its devices is in the inventory');

  // The menu acts on the vendor whose page is open.
  await app.menu('vendor.edit');
  await expect(page.getByRole('dialog', { name: 'Edit Kinetica Floor Robotics' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Edit Kinetica Floor Robotics' })).toBeHidden();
  app.saveDialog.answer = 'cancel';
  await app.menu('report.export');
  await expect
    .poll(() => app.saveDialog.offered)
    .toEqual([expect.stringMatching(/^Kinetica Floor Robotics.*\.pdf$/)]);
});

test('filter chips: added from "+ Filter", each says what it filters and clears on its own', async ({
  app,
}) => {
  const { page } = app;
  await portfolio(app);
  await app.open();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  const bar = page.getByRole('toolbar', { name: 'Vendor filters' });
  const chips = bar.getByRole('list', { name: 'Filters in use' }).getByRole('listitem');

  // From the keyboard: open the menu, pick Category, tick a value, Escape.
  await bar.getByRole('button', { name: '+ Filter' }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Filter by' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Category' }).click();
  const popover = page.getByRole('dialog', { name: 'Filter by category' });
  await popover.getByLabel('Robotics / IoT hardware').check();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(bar.getByRole('button', { name: '+ Filter' })).toBeFocused();
  await expect(chips).toHaveText(['Category: Robotics / IoT hardware×']);
  await expect(page.getByTestId('vendor-count')).toHaveText('7 of 30 vendors');

  await bar.getByRole('button', { name: '+ Filter' }).click();
  await page.getByRole('menuitem', { name: 'Status' }).click();
  await page.getByRole('dialog', { name: 'Filter by status' }).getByLabel('Active').check();
  await page.getByRole('dialog', { name: 'Filter by status' }).getByLabel('Prospect').check();
  await page.getByRole('dialog', { name: 'Filter by status' }).getByRole('button', { name: 'Done' }).click();
  // Chips keep the fields' order, the riskiest first.
  await expect(chips).toHaveText(['Status: Active, Prospect×', 'Category: Robotics / IoT hardware×']);
  // The seven robotics vendors are active or prospects (six active). The count is waited for as
  // a state, not read at once: read at once, it could be the list of "Active" alone, asked for
  // while the second box was being ticked.
  const both = '7 of 30 vendors';
  await expect(page.getByTestId('vendor-count')).toHaveText(both);

  await bar.getByRole('button', { name: '+ Filter' }).click();
  await page.getByRole('menuitem', { name: 'Score' }).click();
  const score = page.getByRole('dialog', { name: 'Filter by score' });
  await score.getByLabel('Highest').fill('50');
  await score.getByLabel('Highest').press('Enter');
  await expect(chips.first()).toHaveText('Score: at most 50×');
  await expect(page.getByTestId('vendor-count')).toHaveText('1 of 30 vendors');

  // Removed one by one: the others stay.
  await bar.getByRole('button', { name: 'Remove filter Score: at most 50' }).click();
  await expect(chips).toHaveCount(2);
  await expect(page.getByTestId('vendor-count')).toHaveText(both);
  await bar.getByRole('button', { name: /^Remove filter Category/ }).click();
  await expect(chips).toHaveText(['Status: Active, Prospect×']);
  await bar.getByRole('button', { name: 'Clear all' }).click();
  await expect(chips).toHaveCount(0);
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
});

test('a view is saved, applied again and deleted', async ({ app }) => {
  const { page } = app;
  await portfolio(app);
  await app.open();
  const bar = page.getByRole('toolbar', { name: 'Vendor filters' });
  await bar.getByRole('button', { name: '+ Filter' }).click();
  await page.getByRole('menuitem', { name: 'Tier' }).click();
  await page.getByRole('dialog', { name: 'Filter by tier' }).getByLabel('Not assessed').check();
  await page.keyboard.press('Escape');
  await bar.getByRole('button', { name: '+ Filter' }).click();
  await page.getByRole('menuitem', { name: 'Decision' }).click();
  await page.getByRole('dialog', { name: 'Filter by decision' }).getByLabel('No decision yet').check();
  await page.keyboard.press('Escape');
  // Waited for as a state: read at once, it could still be the tier's list alone.
  const count = '29 of 30 vendors';
  await expect(page.getByTestId('vendor-count')).toHaveText(count);

  await bar.getByRole('button', { name: 'Save view…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('Name').fill('Unassessed, no decision');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar.getByRole('button', { name: 'View: Unassessed, no decision ▾' })).toBeVisible();

  await bar.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  await bar.getByRole('button', { name: 'Views ▾' }).click();
  await page.getByRole('menuitemradio', { name: 'Unassessed, no decision' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText(count);
  await expect(bar.getByRole('listitem')).toHaveText(['Tier: Not assessed×', 'Decision: No decision yet×']);
  // The CLI shares it.
  const saved = await app.dispatcher.call('filters.list', {});
  expect(saved.ok && saved.value.map((f) => f.name)).toEqual(['Unassessed, no decision']);

  await bar.getByRole('button', { name: 'View: Unassessed, no decision ▾' }).click();
  await page.getByRole('menuitem', { name: /Delete view/ }).click();
  await page
    .getByRole('dialog', { name: 'Delete view?' })
    .getByRole('button', { name: 'Delete view' })
    .click();
  await bar.getByRole('button', { name: 'Views ▾' }).click();
  await expect(page.getByRole('menu', { name: 'Saved views' })).toContainText('No saved views yet');
});

test('a dashboard number arrives as its chip, and removing it shows every vendor', async ({ app }) => {
  const { page } = app;
  await portfolio(app);
  await app.open('#/dashboard');
  await page.getByRole('button', { name: /^Open knockouts: show the 1 vendor in the list/ }).click();
  const bar = page.getByRole('toolbar', { name: 'Vendor filters' });
  await expect(page.getByTestId('vendor-count')).toHaveText('1 of 30 vendors');
  await expect(bar.getByRole('listitem')).toHaveText(['From dashboard: Open knockouts×']);
  await bar.getByRole('button', { name: 'Remove filter From dashboard: Open knockouts' }).click();
  await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
  await expect(bar.getByRole('listitem')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/vendors$/);
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the list with its peek and of the vendor page, ${theme}`, async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: theme });
    const id = await portfolio(app);
    await app.open(`#/vendors?show=knockouts&peek=${id}`);
    await expect(page.getByRole('complementary', { name: 'Vendor peek' })).toBeVisible();
    await page
      .getByRole('toolbar', { name: 'Vendor filters' })
      .getByRole('button', { name: 'Remove filter From dashboard: Open knockouts' })
      .click();
    await expect(page.getByTestId('vendor-count')).toHaveText('30 vendors');
    await page.screenshot({ path: `test-results/screens/30-vendors-peek-${theme}.png` });
    await page.getByRole('button', { name: '+ Filter' }).click();
    await page.getByRole('menuitem', { name: 'Tier' }).click();
    await page.getByRole('dialog', { name: 'Filter by tier' }).getByLabel('High').check();
    await page.screenshot({ path: `test-results/screens/31-vendors-filter-${theme}.png` });
    await app.open(`#/vendors/${id}`);
    await expect(page.getByRole('region', { name: 'Risk and score' })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/32-vendor-page-${theme}.png` });
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await expect(page.getByRole('list', { name: 'Red flags' })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/33-vendor-findings-${theme}.png` });
    await page.getByRole('tab', { name: 'Activity' }).click();
    await expect(page.getByRole('region', { name: 'Activity' })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/34-vendor-activity-${theme}.png` });
  });
}

test('a name of one long word breaks in the header and the toast instead of running off the window', async ({
  app,
}) => {
  const { page } = app;
  const name = `${'Supercalifragilisticexpialidocious'.repeat(5)}GmbH`;
  const vendor = await app.dispatcher.call('vendors.create', { name, category: 'wms-saas' });
  if (!vendor.ok) throw new Error(vendor.error.message);
  await page.setViewportSize({ width: 1024, height: 640 });
  await app.open(`#/vendors/${vendor.value.id}/overview`);
  const title = page.getByRole('heading', { level: 1, name: /Supercalifragilistic/ });
  await expect(title).toBeVisible();
  // Nothing of the page runs past the window, and the title keeps clear of the actions beside it.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  const titleBox = (await title.boundingBox())!;
  const editBox = (await page.getByRole('button', { name: 'Edit', exact: true }).boundingBox())!;
  expect(titleBox.x + titleBox.width <= editBox.x || titleBox.y + titleBox.height <= editBox.y).toBe(true);
  await page.screenshot({ path: 'test-results/screens/vendor-long-word-name.png' });
  // Why "Record decision" is off is written out, not only in a tooltip a keyboard never shows.
  await expect(page.getByRole('region', { name: 'Decision' })).toContainText(
    'No decision yet. Submit an assessment to record one.',
  );
});
