/**
 * The portfolio dashboard over 2,000 vendors: first render after the summary arrives
 * (goal: under 300 ms), against the same dashboard over 10 vendors in the same run.
 */
import { test, expect } from '../test/e2e/harness';
import { seedVendors } from './seed';
import { median, report } from './report';

async function dashboardRender(app: Parameters<Parameters<typeof test>[2]>[0]['app']): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    await app.open('#/dashboard');
    await expect(app.page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();
    times.push(
      await app.page.evaluate(() => {
        const data = performance.getEntriesByName('dashboard:data').at(-1)!;
        const shown = performance.getEntriesByName('dashboard:rendered').at(-1)!;
        return shown.startTime - data.startTime;
      }),
    );
  }
  return median(times);
}

test('dashboard: 2,000 vendors', async ({ app }) => {
  seedVendors(app.services, 10);
  const small = await dashboardRender(app);
  seedVendors(app.services, 1990, 10);
  const large = await dashboardRender(app);
  report('dashboard-2000-vendors', {
    first_render_ms: large,
    baseline_10_vendors_ms: small,
    ratio: large / Math.max(small, 0.1),
    goal_ms: 300,
    goal_met: large < 300,
  });
});
