import { formatFields } from './format';
import { done, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

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
