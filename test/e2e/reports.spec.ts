import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';
import { seedAssessedVendors } from '../../bench/seed';
import { DEFAULT_VENDOR_QUERY } from '../../electron/domain/vendor-list';

const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

test('a vendor’s PDF report: save dialog, progress, saved banner, show in folder; the screen draws the same chart', async ({
  app,
}) => {
  const { page, services } = app;
  await seedAssessedVendors(services, 3);
  const vendor = services.vendors.list({ ...DEFAULT_VENDOR_QUERY, search: 'Assessed 0001' }).items[0]!;
  await app.open(`#/vendors/${vendor.id}`);
  // The domain chart on screen is drawn from the same shapes as the one in the PDF.
  await expect(page.getByRole('img', { name: 'Score by domain, 0 to 100' })).toContainText('Our data');

  await page.getByRole('button', { name: 'PDF report…' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'Saved' });
  await expect(banner).toContainText(
    /Saved \d+ pages to .*Assessed 0001 Robotics assessment \d{4}-\d{2}-\d{2}\.pdf/,
  );
  expect(app.saveDialog.offered).toEqual([
    expect.stringMatching(/^Assessed 0001 Robotics assessment .*\.pdf$/),
  ]);
  const [file] = readdirSync(app.saveDir);
  const text = pdfText(join(app.saveDir, file!));
  expect(text).toContain('Assessed 0001 Robotics');
  expect(text).toContain('Executive summary');

  await banner.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => app.shownInFolder).toEqual([join(app.saveDir, file!)]);
  await page.screenshot({ path: 'test-results/screens/20-report-saved-light.png' });
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});

test('File → Export PDF Report on the dashboard saves the board pack; cancelling the dialog saves nothing; the button asks about the appendix', async ({
  app,
}) => {
  const { page, services } = app;
  await seedAssessedVendors(services, 4);
  await app.open('#/dashboard');
  await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();

  app.saveDialog.answer = 'cancel';
  await app.menu('report.export');
  await expect.poll(() => app.saveDialog.offered.length).toBe(1);
  await expect(page.getByRole('button', { name: 'Board pack (PDF)…' })).toBeEnabled();
  expect(readdirSync(app.saveDir)).toEqual([]);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);

  app.saveDialog.answer = 'save';
  await app.menu('report.export');
  // A cold report worker on a machine busy with the other tests can take several seconds to lay out the pages.
  const saved = page.getByRole('status').filter({ hasText: 'Saved' });
  await expect(saved).toContainText('Board pack', { timeout: 20_000 });
  const file = join(app.saveDir, app.saveDialog.offered[1]!);
  expect(existsSync(file)).toBe(true);
  const text = pdfText(file);
  expect(text).toContain('Decisions the board is asked for');
  expect(text).toMatch(/Page 1 of \d+/);
  const withAppendix = Number(/Page 1 of (\d+)/.exec(text)![1]);
  await saved.getByRole('button', { name: 'Dismiss' }).click();

  // The dashboard's button asks first: the appendix is on by default, and can be left out.
  await page.getByRole('button', { name: 'Board pack (PDF)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Board pack' });
  const appendix = dialog.getByRole('checkbox', { name: /Add the appendix/ });
  await expect(appendix).toBeChecked();
  await page.screenshot({ path: 'test-results/screens/21-board-pack-dialog.png' });
  await appendix.uncheck();
  await dialog.getByRole('button', { name: 'Choose where to save…' }).click();
  await expect(saved).toContainText('Board pack', { timeout: 20_000 });
  const short = pdfText(join(app.saveDir, app.saveDialog.offered[2]!));
  expect(short).not.toContain('APPENDIX');
  expect(Number(/Page 1 of (\d+)/.exec(short)![1])).toBeLessThan(withAppendix);
});

test('a report cancelled while the worker lays out its pages leaves no file, and the next one renders', async ({
  app,
}) => {
  const { services, saveDir } = app;
  await seedAssessedVendors(services, 40);
  const controller = new AbortController();
  const job = {
    signal: controller.signal,
    progress: (done: number) => {
      if (done > 10 && done < 95) controller.abort(); // the worker is rendering
    },
  };
  await expect(
    services.reports.export({ kind: 'board' }, join(saveDir, 'cancelled.pdf'), job),
  ).rejects.toMatchObject({
    code: 'CANCELLED',
  });
  expect(readdirSync(saveDir)).toEqual([]);
  const again = await services.reports.export({ kind: 'board' }, join(saveDir, 'board.pdf'), {
    signal: new AbortController().signal,
    progress: () => {},
  });
  expect(again).toMatchObject({ renderedIn: 'worker', path: join(saveDir, 'board.pdf') });
  expect(again.pages).toBeGreaterThan(10);
});

test('a second report waiting behind a cancelled one renders once the first has stopped', async ({ app }) => {
  const { services, saveDir } = app;
  await seedAssessedVendors(services, 30);
  const first = new AbortController();
  const cancelled = services.reports.export({ kind: 'board' }, join(saveDir, 'first.pdf'), {
    signal: first.signal,
    progress: (done: number) => {
      if (done > 10 && done < 95) first.abort();
    },
  });
  // Queued while the first renders.
  const second = services.reports.export({ kind: 'board' }, join(saveDir, 'second.pdf'), {
    signal: new AbortController().signal,
    progress: () => {},
  });
  await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  await expect(second).resolves.toMatchObject({ renderedIn: 'worker', path: join(saveDir, 'second.pdf') });
  expect(readdirSync(saveDir).sort()).toEqual(['second.pdf']);
});

test('the board pack’s targets, the company name and the roadmap owner are edited in Settings and kept with the data', async ({
  app,
}) => {
  const { page, services } = app;
  await app.open('#/settings');
  const section = page.getByRole('region', { name: 'Board pack targets' });
  const score = section.getByLabel('Target: Average control score');
  await expect(score).toHaveValue('70');
  await score.fill('82');
  await section.getByLabel('Target: Vendors in the high tier').fill('');
  // The company name beside it on the same form is saved by the same Save.
  await page.getByLabel('Company name').fill('Nordhafen Logistics GmbH');
  await page.getByLabel(/Roadmap owner/).fill('Dana Whitfield (Operations)');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /changes/ })).toHaveText('All changes saved');
  expect(services.reports.boardTargets()).toMatchObject({ averageScore: 82, high: null });
  expect(services.organisation.company()).toBe('Nordhafen Logistics GmbH');
  expect(services.organisation.roadmapOwner()).toBe('Dana Whitfield (Operations)');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/22-board-targets.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await page.screenshot({ path: 'test-results/screens/22-board-targets-dark.png' });
});
