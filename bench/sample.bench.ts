/**
 * Loading the sample warehouse as the app's button does: `demo.load` through the built data
 * host (goal: under 3 s), against adding its 30 vendors alone through the host in the same
 * run; how long this thread was blocked meanwhile; and `demo.remove`.
 */
import { test } from '@playwright/test';
import { BLOCK_GOAL_MS, longestBlock, report } from './report';
import { benchHost } from './host';
import { DEMO_VENDORS } from '../electron/domain/demo-portfolio';
import { VendorInputSchema } from '../electron/domain/vendor';

const PAGE = { kind: 'page', url: 'app://vendor-risk/index.html', isMainFrame: true } as const;
const GOAL_MS = 3000;

test('sample warehouse: demo.load through the host under 3 s, and its removal', async () => {
  test.setTimeout(120_000);
  const h = await benchHost();
  try {
    const send = async (operation: string, payload: unknown) => {
      const text = await h.dispatcher.dispatchText(operation, payload, PAGE);
      if (!text.startsWith('{"ok":true')) throw new Error(text.slice(0, 300));
      return JSON.parse(text) as { value: { counts?: Record<string, number> } };
    };
    // The baseline: the sample's vendors alone, one request each, then removed again.
    let t = performance.now();
    const ids: string[] = [];
    for (const draft of DEMO_VENDORS) {
      const r = (await send('vendors.create', VendorInputSchema.parse(draft))) as unknown as {
        value: { id: string };
      };
      ids.push(r.value.id);
    }
    const vendorsOnly = performance.now() - t;
    for (const id of ids) await send('vendors.remove', { id });

    let loaded: Awaited<ReturnType<typeof send>> | null = null;
    t = performance.now();
    const block = await longestBlock(async () => {
      loaded = await send('demo.load', { jobId: 'bench-sample' });
    });
    const load = performance.now() - t;
    t = performance.now();
    await send('demo.remove', { jobId: 'bench-sample-remove' });
    const remove = performance.now() - t;
    const counts = loaded!.value.counts!;
    report('sample-warehouse-load', {
      load_ms: load,
      remove_ms: remove,
      vendors_only_ms: vendorsOnly,
      ratio: load / Math.max(vendorsOnly, 1),
      assessments: counts.assessments!,
      answers: counts.answers!,
      devices: counts.devices!,
      block_ms: block,
      block_goal_ms: BLOCK_GOAL_MS,
      goal_ms: GOAL_MS,
      goal_met: load < GOAL_MS,
    });
  } finally {
    await h.close();
  }
});
