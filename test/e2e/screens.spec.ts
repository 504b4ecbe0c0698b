/**
 * Screenshots of every screen in light and dark theme, for people to look at
 * (test-results/screens/). Each also checks the screen shows what it should.
 */
import { test, expect } from './harness';
import { addPlainVendors } from './plain-vendors';

const themes = ['light', 'dark'] as const;

for (const theme of themes) {
  test(`screens in ${theme} theme`, async ({ app }) => {
    // A walk through a dozen screens with screenshots: 10–25 s here, more on a loaded machine.
    test.setTimeout(60_000);
    const { page } = app;
    const shot = (name: string) => page.screenshot({ path: `test-results/screens/${name}-${theme}.png` });
    await page.emulateMedia({ colorScheme: theme });

    await app.open();
    await expect(page.getByRole('heading', { name: 'Welcome to Vendor Risk Desk' })).toBeVisible();
    await shot('01-welcome');

    await addPlainVendors(app.dispatcher);
    const first = await app.dispatcher.call('vendors.list', { search: 'Lagerwerk' });
    const id = first.ok ? first.value.items[0]!.id : '';
    await app.open(`#/vendors?peek=${id}`);
    await expect(
      page
        .getByRole('complementary', { name: 'Vendor peek' })
        .getByRole('heading', { name: 'Lagerwerk Süd GmbH' }),
    ).toBeVisible();
    await shot('02-vendors');

    await page.getByRole('button', { name: 'New vendor' }).click();
    await page
      .getByRole('dialog', { name: 'New vendor' })
      .getByRole('button', { name: 'Save vendor' })
      .click();
    await expect(page.getByText('Name is required')).toBeVisible();
    await shot('03-new-vendor-errors');
    await page.keyboard.press('Escape');

    // Vendor → Delete acts on the vendor in the peek.
    await app.menu('vendor.delete');
    await expect(page.getByRole('dialog', { name: 'Delete vendor?' })).toBeVisible();
    await shot('04-delete-confirm');
    await page.keyboard.press('Escape');

    await page.getByLabel('Search vendors').fill('no such vendor anywhere');
    await expect(page.getByText('No vendors match')).toBeVisible();
    await shot('05-no-match');

    await app.open('#/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await shot('06-settings');

    await app.open(`#/vendors/${id}/assessments`);
    await page.getByRole('tabpanel').getByRole('button', { name: 'Start assessment' }).click();
    await expect(
      page
        .getByRole('dialog', { name: /^Assess / })
        .getByRole('checkbox')
        .first(),
    ).toBeVisible();
    await shot('07-start-assessment');
    await page.keyboard.press('Escape');

    const started = await app.dispatcher.call('assessments.start', {
      vendorId: id,
      questionnaireIds: ['firmware-ota', 'identity-access'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const opened = await app.dispatcher.call('assessments.get', { id: started.value.id });
    if (!opened.ok) throw new Error(opened.error.message);
    const fw = opened.value.questionnaires[0]!;
    const yesNo = fw.sections
      .flatMap((s) => s.questions)
      .filter((q) => q.type === 'yes-no' && q.redFlags.length > 0);
    for (const q of yesNo.slice(0, 3)) {
      await app.dispatcher.call('assessments.answer', {
        id: started.value.id,
        answer: { questionnaireId: fw.id, questionId: q.id, answer: { status: 'answered', value: 'no' } },
      });
    }
    await app.open(`#/assessments/${started.value.id}`);
    await expect(page.getByRole('region', { name: 'Questions' }).getByRole('article')).toBeVisible();
    await shot('08-assessment-one');
    await page.getByRole('button', { name: 'Full list' }).click();
    await shot('09-assessment-list');

    await app.open('#/self');
    await expect(page.getByRole('heading', { level: 1, name: /^Self-assessment/ })).toBeVisible();
    await shot('10-self-assessment');

    await app.open('#/questionnaires');
    await page.getByRole('button', { name: /^Firmware signing and OTA updates/ }).click();
    await expect(page.getByRole('complementary', { name: 'Questionnaire' })).toBeVisible();
    await shot('11-questionnaires');

    await app.open('#/dashboard');
    await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();
    await shot('16-dashboard');
    await app.open('#/compare');
    await expect(page.getByRole('heading', { name: 'Compare vendors' })).toBeVisible();
    await shot('17-compare-empty');
    await app.open(`#/vendors/${id}`);
    await expect(page.getByRole('region', { name: 'Risk and score' })).toBeVisible();
    await shot('18-vendor-score');
  });

  test(`contract, legal and devices screens in ${theme} theme`, async ({ app }) => {
    const { page } = app;
    const shot = (name: string) => page.screenshot({ path: `test-results/screens/${name}-${theme}.png` });
    await page.emulateMedia({ colorScheme: theme });
    await addPlainVendors(app.dispatcher);
    const first = await app.dispatcher.call('vendors.list', { search: 'Lagerwerk' });
    const id = first.ok ? first.value.items[0]!.id : '';
    // With two clauses recorded, one deviating.
    await app.dispatcher.call('clauses.set', {
      vendorId: id,
      clauseId: 'breach-notification',
      status: 'agreed',
      value: { type: 'hours', value: 96 },
    });
    await app.dispatcher.call('clauses.set', {
      vendorId: id,
      clauseId: 'data-residency',
      status: 'agreed',
      value: { type: 'regions', value: ['eu'] },
    });
    await app.open(`#/vendors/${id}/contract`);
    await expect(page.getByTestId('breach-notification-state')).toHaveText('Deviates');
    await shot('23-contract');
    await app.open('#/legal');
    await expect(page.getByTestId('matrix-count')).toHaveText('30 vendors');
    await shot('24-legal');
    await app.open('#/devices');
    await expect(page.getByText('No devices yet')).toBeVisible();
    await shot('25-devices-empty');
  });
}
