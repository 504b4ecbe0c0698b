/**
 * The one page pattern across the pages: a header with one h1 on each, the grouped sidebar
 * with its attention counts, Settings saved as one form, the audit trail's labelled filters,
 * the legal grid sorted by gaps, and messages that name a file rather than its path.
 * Also takes light and dark screenshots of these pages (test-results/pages/) to look at.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type AppHarness } from './harness';

const example = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const INVENTORY = readFileSync(join(__dirname, '../fixtures/device-inventory.csv'));

/** A vendor with an open knockout (firmware not signed), submitted. */
async function vendorWithKnockout(app: AppHarness, name = 'Vigilant Floor Sensors'): Promise<string> {
  const { dispatcher } = app;
  expect((await dispatcher.call('questionnaires.import', { content: example })).ok).toBe(true);
  const vendor = await dispatcher.call('vendors.create', {
    name,
    category: 'robotics-iot',
    criticality: 'high',
  });
  if (!vendor.ok) throw new Error(vendor.error.message);
  const a = await dispatcher.call('assessments.start', {
    vendorId: vendor.value.id,
    questionnaireIds: ['example-firmware'],
  });
  if (!a.ok) throw new Error(a.error.message);
  await dispatcher.call('assessments.answer', {
    id: a.value.id,
    answer: {
      questionnaireId: 'example-firmware',
      questionId: 'fw_signed',
      answer: { status: 'answered', value: 'no' },
    },
  });
  expect((await dispatcher.call('assessments.setStatus', { id: a.value.id, status: 'submitted' })).ok).toBe(
    true,
  );
  return vendor.value.id;
}

/** Waives the first `count` clauses of the library for a vendor (each one gap fewer). */
async function waive(app: AppHarness, vendorId: string, count: number): Promise<void> {
  const library = await app.dispatcher.call('clauses.library', {});
  if (!library.ok) throw new Error(library.error.message);
  for (const clause of library.value.slice(0, count)) {
    const r = await app.dispatcher.call('clauses.set', {
      vendorId,
      clauseId: clause.id,
      status: 'waived',
      waiver: { reason: 'Covered by the group agreement', acceptedBy: 'Legal' },
    });
    if (!r.ok) throw new Error(r.error.message);
  }
}

const OWN_PAGES = [
  '#/devices',
  '#/questionnaires',
  '#/self',
  '#/settings',
  '#/audit',
  '#/legal',
  '#/compare',
];

test('every page starts with its header: one h1, in the page header', async ({ app }) => {
  test.setTimeout(120_000); // eight pages opened in turn
  const { page } = app;
  const vendorId = await vendorWithKnockout(app);
  for (const hash of [...OWN_PAGES, `#/vendors/${vendorId}/contract`]) {
    await app.open(hash);
    await expect(page.locator('header.page-header h1'), hash).toHaveCount(1);
    await expect(page.locator('h1'), hash).toHaveCount(1);
  }
});

test('the sidebar: groups with icons, and a count of open knockouts that follows changes', async ({
  app,
}) => {
  const { page } = app;
  await app.dispatcher.call('vendors.create', { name: 'Quiet Freight', category: '3pl' });
  await app.open('#/audit');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const group of ['Overview', 'Reviews', 'Operations', 'Records'])
    await expect(nav.getByRole('group', { name: group })).toBeVisible();
  await expect(nav.getByRole('group', { name: 'Reviews' }).getByRole('link')).toHaveText([
    'Self-assessment',
    'Questionnaires',
    'Legal',
  ]);
  await expect(nav.getByRole('group', { name: 'Operations' }).getByRole('link')).toHaveText([
    'Devices',
    'Advisories',
  ]);
  await expect(nav.locator('svg.icon')).toHaveCount(10);
  await expect(page.getByTestId('nav-badge-vendors')).toHaveCount(0);

  // A knockout raised elsewhere (the CLI): the count shows when the window is back in focus.
  await vendorWithKnockout(app);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  // The same count as the dashboard's Today: vendors with a knockout (or a condition past due, evidence expiring).
  await expect(page.getByTestId('nav-badge-vendors')).toHaveText(
    '1 with a knockout, a condition past due or evidence expiring',
  );
  await expect(nav.getByRole('link', { name: /Vendors.*1 with a knockout/ })).toBeVisible();
});

test('Settings is one form: every field is saved by one Save and is there after a reload', async ({
  app,
}) => {
  const { page } = app;
  await app.open('#/settings');
  const bar = page.getByRole('status').filter({ hasText: /changes/ });
  await expect(bar).toHaveText('All changes saved');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  await page.getByLabel('Dark').check();
  await page.getByLabel('Your name').fill('Ana Lima');
  await page.getByLabel('High from').fill('55');
  await page.getByLabel('Heartbeat stale after').fill('12');
  await page.getByLabel('Snapshots to keep').fill('9');
  await expect(bar).toHaveText('Unsaved changes (4 sections)');
  // Revert goes back to what is saved; then the same edits again, saved with Ctrl+S.
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(page.getByLabel('Your name')).toHaveValue('');
  await expect(bar).toHaveText('All changes saved');
  await page.getByLabel('Dark').check();
  await page.getByLabel('Your name').fill('Ana Lima');
  await page.getByLabel('High from').fill('55');
  await page.getByLabel('Heartbeat stale after').fill('12');
  await page.getByLabel('Snapshots to keep').fill('9');
  await page.keyboard.press('Control+s');
  await expect(bar).toHaveText('All changes saved');
  await expect(page.getByText('Settings saved')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Your name')).toHaveValue('Ana Lima');
  await expect(page.getByLabel('Dark')).toBeChecked();
  await expect(page.getByLabel('High from')).toHaveValue('55');
  await expect(page.getByLabel('Heartbeat stale after')).toHaveValue('12');
  await expect(page.getByLabel('Snapshots to keep')).toHaveValue('9');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
});

test('the audit trail: labelled filters, a date range on one line, exports named by their file', async ({
  app,
}) => {
  const { page } = app;
  await app.dispatcher.call('vendors.create', { name: 'Alpha Yard Robotics', category: 'robotics-iot' });
  await app.open('#/audit');
  for (const label of ['Vendor', 'Record', 'Action', 'User', 'From', 'To'])
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  // At 1280 px the two dates sit side by side.
  const from = await page.getByLabel('From', { exact: true }).boundingBox();
  const to = await page.getByLabel('To', { exact: true }).boundingBox();
  expect(Math.abs(from!.y - to!.y)).toBeLessThan(2);

  await page.getByLabel('User', { exact: true }).fill('nobody-at-all');
  await expect(page.getByText('No audit entries match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByLabel('User', { exact: true })).toHaveValue('');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Exported' });
  await expect(toast).toContainText(/Exported 1 entries to audit-trail-\d{4}-\d{2}-\d{2}\.csv/);
  await expect(toast).not.toContainText('/');
});

test('a saved report is named by its file, not its folder', async ({ app }) => {
  const { page } = app;
  await app.dispatcher.call('vendors.create', { name: 'Alpha Yard Robotics', category: 'robotics-iot' });
  await app.open('#/audit');
  await app.menu('report.export'); // the board report, from a page without a vendor
  const banner = page.getByRole('status').filter({ hasText: 'Saved' });
  await expect(banner).toContainText(/Saved \d+ pages? to .*\.pdf/, { timeout: 30_000 });
  await expect(banner).not.toContainText(app.saveDir);
  await expect(banner).not.toContainText('/');
  await expect(banner.getByRole('button', { name: 'Show in folder' })).toBeVisible();
});

test('the legal grid: grouped clause columns, cells in words, sorted by gaps, keyboard to the contract', async ({
  app,
}) => {
  const { page, dispatcher } = app;
  const ids: Record<string, string> = {};
  for (const name of ['Alpha Freight', 'Mid Yard', 'Zeta Docks']) {
    const v = await dispatcher.call('vendors.create', { name, category: '3pl' });
    if (!v.ok) throw new Error(v.error.message);
    ids[name] = v.value.id;
  }
  await waive(app, ids['Alpha Freight']!, 3);
  await waive(app, ids['Mid Yard']!, 1);

  await app.open('#/legal');
  const grid = page.getByRole('grid', { name: 'Vendors by clause' });
  await expect(grid.getByRole('columnheader', { name: 'Security commitments' })).toBeVisible();
  const names = grid.getByRole('rowheader');
  await expect(names).toHaveText(['Alpha Freight', 'Mid Yard', 'Zeta Docks']);
  await grid.getByRole('button', { name: /^Gaps/ }).click();
  await expect(grid.getByRole('columnheader', { name: /Gaps/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(names).toHaveText(['Zeta Docks', 'Mid Yard', 'Alpha Freight']);
  const alpha = grid.getByRole('row', { name: 'Alpha Freight' });
  await expect(alpha.getByRole('gridcell').nth(0)).toHaveText(String((await clauseCount(app)) - 3));
  await expect(alpha.getByRole('button', { name: /: Waived \(Waived\)$/ })).toHaveCount(3);
  await expect(alpha.getByRole('button', { name: /: Waived/ }).first()).toHaveText('Waived');
  // The full clause name is on the column header's tooltip.
  const firstClause = grid.getByRole('columnheader').nth(3 + 6);
  await expect(firstClause).toHaveAttribute('title', /.+/);

  // One tab stop; arrow keys move between cells; Enter opens the vendor's contract.
  await names.first().getByRole('button').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveText('Missing');
  await page.keyboard.press('Enter');
  // The vendor's page, on its Contract tab.
  await expect(page.getByRole('heading', { name: 'Contract clauses' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Zeta Docks' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Contract', selected: true })).toBeVisible();
});

async function clauseCount(app: AppHarness): Promise<number> {
  const library = await app.dispatcher.call('clauses.library', {});
  return library.ok ? library.value.length : 0;
}

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the pages in ${theme} theme`, async ({ app }) => {
    test.setTimeout(120_000); // eight pages opened in turn
    const { page, dispatcher } = app;
    await page.emulateMedia({ colorScheme: theme });
    await dispatcher.call('demo.load', {});
    const vendorId = await vendorWithKnockout(app);
    await waive(app, vendorId, 2);
    const preview = await dispatcher.call('devices.preview', {
      source: 'WMS asset export',
      fileName: 'inventory.csv',
      contentBase64: INVENTORY.toString('base64'),
    });
    if (preview.ok) await dispatcher.call('devices.apply', { token: preview.value.token });
    const shot = (name: string) => page.screenshot({ path: `test-results/pages/${name}-${theme}.png` });
    for (const hash of [...OWN_PAGES, `#/vendors/${vendorId}/contract`]) {
      await app.open(hash);
      await expect(page.locator('header.page-header h1')).toHaveCount(1);
      await expect(page.getByTestId('nav-badge-vendors')).toBeVisible();
      await shot(
        hash.replace(/^#\//, '').replace(/\/.*$/, '') + (hash.includes('contract') ? '-contract' : ''),
      );
    }
  });
}
