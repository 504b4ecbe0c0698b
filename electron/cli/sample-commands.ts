/** `demo load` / `demo remove`: the sample warehouse; `settings show` / `settings set company`: the company name. */
import type { SampleCounts } from '../domain/sample/manifest';
import { formatFields } from './format';
import { done, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

/** The counts of the sample as one line. */
function countsLine(c: SampleCounts): string {
  return (
    `${c.vendors} vendors, ${c.assessments} assessments (${c.answers} answers), ${c.decisions} decisions, ` +
    `${c.evidence} evidence files, ${c.clauses} contract clauses, ${c.signOffs} legal sign-offs, ` +
    `${c.devices} devices, ${c.boardPoints} earlier board reports`
  );
}

/** `demo load`: the sample warehouse, as the app's "Explore a sample warehouse". */
export const demoLoad: CommandSpec = {
  writes: true,
  words: ['demo', 'load'],
  summary: 'Load the sample warehouse: two years of vendors, reviews, contracts and devices',
  description:
    'Loads the sample warehouse through the same steps as real work, each dated in the last two years ' +
    '(the audit trail tells the story): vendors assessed once to three times, decisions with conditions, ' +
    'evidence, contract clauses and sign-offs, two device inventories, a self-assessment and earlier board ' +
    'report figures. Dates are relative to today. Nothing is added when the sample is there already; ' +
    'sample vendors whose name is taken are left out. `demo remove` removes exactly what it added. ' +
    'Shows progress on stderr when stderr is a terminal.',
  args: [],
  options: {},
  examples: ['vendor-risk demo load', 'vendor-risk --data-dir /tmp/sample demo load --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'demo.load', { jobId: 'cli-demo-load' });
    if (!result.ok) return failureFromError(result.error);
    const r = result.value;
    if (r.alreadyLoaded) return done('The sample warehouse is loaded already; nothing was added', r);
    const left = r.skipped ? ` (${r.skipped} sample vendors left out: their names were taken)` : '';
    return done(`Loaded the sample warehouse: ${countsLine(r.counts)}${left}`, r);
  },
};

/** `demo remove`: removes what the sample added, nothing else. */
export const demoRemove: CommandSpec = {
  writes: true,
  words: ['demo', 'remove'],
  summary: 'Remove the sample warehouse (exactly what `demo load` added)',
  description:
    'Deletes the records the sample warehouse added, by the ids recorded when it was loaded; what anyone ' +
    'added since stays. A sample vendor someone added their own work to is kept with its records. Each ' +
    'deletion is recorded in the audit trail.',
  args: [],
  options: {},
  examples: ['vendor-risk demo remove', 'vendor-risk demo remove --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'demo.remove', { jobId: 'cli-demo-remove' });
    if (!result.ok) return failureFromError(result.error);
    const r = result.value;
    if (!r.removed) return done('There is no sample data to remove', r);
    const kept = r.kept.length ? `; kept ${r.kept.join(', ')} (someone added their own work to them)` : '';
    return done(`Removed the sample warehouse: ${countsLine(r.counts)}${kept}`, r);
  },
};

/** `settings show`: the settings kept with the data that a person names. */
export const settingsShow: CommandSpec = {
  words: ['settings', 'show'],
  summary: 'Show the company name and roadmap owner reports carry, and whether sample data is loaded',
  description:
    'Shows the company name and the self-assessment roadmap owner (kept with the data, not per user) and ' +
    'whether the sample warehouse is there.',
  args: [],
  options: {},
  examples: ['vendor-risk settings show', 'vendor-risk settings show --json'],
  async run({ dispatcher }) {
    const company = await request(dispatcher, 'settings.getCompany', {});
    if (!company.ok) return failureFromError(company.error);
    const owner = await request(dispatcher, 'settings.getRoadmapOwner', {});
    if (!owner.ok) return failureFromError(owner.error);
    const sample = await request(dispatcher, 'demo.status', {});
    if (!sample.ok) return failureFromError(sample.error);
    const json = { company: company.value.company, roadmapOwner: owner.value.owner, sample: sample.value };
    return done(
      formatFields([
        ['Company', company.value.company || '(none)'],
        ['Roadmap owner', owner.value.owner || 'Unassigned'],
        ['Sample data', sample.value.present ? `loaded ${sample.value.loadedAt!.slice(0, 10)}` : 'none'],
      ]),
      json,
    );
  },
};

/** `settings set company NAME`: the company name reports carry. */
export const settingsSetCompany: CommandSpec = {
  writes: true,
  words: ['settings', 'set', 'company'],
  summary: 'Set the company name reports carry ("" clears it)',
  description:
    'Sets the company name printed on the board and vendor reports. Kept with the data and audited.',
  args: ['NAME'],
  options: {},
  examples: ['vendor-risk settings set company "Nordhafen Logistics GmbH"'],
  async run({ dispatcher, args }) {
    const result = await request(dispatcher, 'settings.setCompany', { company: args[0]! });
    if (!result.ok) return failureFromError(result.error);
    return done(
      result.value.company ? `Company name set to ${result.value.company}` : 'Company name cleared',
      result.value,
    );
  },
};

/** `settings set roadmap-owner NAME`: who owns the self-assessment's roadmap. */
export const settingsSetRoadmapOwner: CommandSpec = {
  writes: true,
  words: ['settings', 'set', 'roadmap-owner'],
  summary: 'Name who owns the self-assessment roadmap ("" clears it)',
  description:
    'Sets the owner printed beside each control of the self-assessment report’s roadmap ("Unassigned" until ' +
    'someone is named). Kept with the data and audited.',
  args: ['NAME'],
  options: {},
  examples: ['vendor-risk settings set roadmap-owner "Dana Whitfield (Operations)"'],
  async run({ dispatcher, args }) {
    const result = await request(dispatcher, 'settings.setRoadmapOwner', { owner: args[0]! });
    if (!result.ok) return failureFromError(result.error);
    return done(
      result.value.owner ? `Roadmap owner set to ${result.value.owner}` : 'Roadmap owner cleared',
      result.value,
    );
  },
};
