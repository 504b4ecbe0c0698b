/**
 * The vendor list with 5,000 vendors: first render after the data arrives (goal:
 * within 300 ms), against the same list with 50 vendors measured in the same run;
 * and the number of row elements in the DOM while scrolling (goal: fewer than 100).
 */
import { test, expect } from '../test/e2e/harness';
import { seedVendors } from './seed';
import { median, report } from './report';

async function firstRender(app: Parameters<Parameters<typeof test>[2]>[0]['app']): Promise<number> {
  await app.open();
  await expect(app.page.getByTestId('vendor-count')).toHaveText(/^\d+ vendors$/);
  return app.page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const data = performance.getEntriesByName('vendor-list:data').at(-1)!;
    const rendered = performance
      .getEntriesByName('vendor-table:rendered')
      .find((e) => e.startTime >= data.startTime)!;
    return rendered.startTime - data.startTime;
  });
}

async function medianRender(app: Parameters<typeof firstRender>[0], runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await firstRender(app));
  return median(times);
}

test('renderer: vendor list with 5,000 vendors', async ({ app }) => {
  seedVendors(app.services, 50);
  const small = await medianRender(app, 5);
  seedVendors(app.services, 4950, 50);
  const large = await medianRender(app, 5);

  const { page } = app;
  const scroller = page.getByTestId('vendor-scroll');
  let maxRows = 0;
  for (let step = 0; step <= 40; step++) {
    await scroller.evaluate((el, s) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * (s / 40);
    }, step);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    maxRows = Math.max(maxRows, await page.locator('[data-testid="vendor-rows"] [role="row"]').count());
  }
  const lastVisible = await page.locator('[data-testid="vendor-rows"] [role="row"]').last().innerText();

  report('renderer-vendor-list-5000', {
    first_render_ms: large,
    baseline_50_vendors_ms: small,
    ratio: large / Math.max(small, 0.1),
    goal_ms: 300,
    goal_met: large < 300,
    max_rows_in_dom: maxRows,
    rows_goal_met: maxRows < 100,
    scrolled_to_end: lastVisible.includes('Vendor 04999'),
  });
});
