import { DEMO_VENDORS } from '../domain/demo-portfolio';
import { formatFields } from './format';
import { done, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

/** `demo load`: add the demo portfolio, skipping vendors whose name is already taken. */
export const demoLoad: CommandSpec = {
  writes: true,
  words: ['demo', 'load'],
  summary: `Load the demo portfolio of ${DEMO_VENDORS.length} warehouse vendors`,
  description:
    'Adds the demo portfolio in one transaction. Vendors whose name already exists are left as they are, ' +
    'so running it twice adds nothing. Shows progress on stderr when stderr is a terminal.',
  args: [],
  options: {},
  examples: ['vendor-risk demo load', 'vendor-risk --data-dir /tmp/demo demo load --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'demo.load', { jobId: 'cli-demo-load' });
    if (!result.ok) return failureFromError(result.error);
    const { added, skipped } = result.value;
    return done(`Loaded ${added} demo vendors (${skipped} already present)`, result.value);
  },
};

/** `info`: version, data folder, schema and vendor count. */
export const info: CommandSpec = {
  words: ['info'],
  summary: 'Show the version, the data folder and how many vendors it holds',
  description:
    'Shows which data folder the CLI uses (after --data-dir and VENDOR_RISK_DATA_DIR) and what is in it.',
  args: [],
  options: {},
  examples: ['vendor-risk info', 'VENDOR_RISK_DATA_DIR=/srv/vendor-risk vendor-risk info --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'app.info', {});
    if (!result.ok) return failureFromError(result.error);
    const v = result.value;
    const text = formatFields([
      ['Version', v.version],
      ['Data folder', v.dataDir],
      ['Schema', String(v.schemaVersion)],
      ['Vendors', String(v.vendorCount)],
    ]);
    return done(text, v);
  },
};
