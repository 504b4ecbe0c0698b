import type { ReportTarget } from '../domain/report-api';
import { formatBytes } from '../domain/backups';
import type { Dispatcher } from '../ipc/dispatch';
import { printable } from './format';
import { done, failure, failureFromError, type Outcome } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec, Flags, OptionSpecs } from './spec';

const OUT: OptionSpecs = {
  out: { type: 'string', value: 'FILE.pdf', description: 'Where to save the PDF (required)' },
};

const needsOut = (_args: readonly string[], flags: Flags) =>
  flags.string('out') ? undefined : 'missing --out FILE.pdf';

/** Renders the report and saves it; says where, how many pages, how big. */
async function save(
  dispatcher: Dispatcher,
  target: ReportTarget,
  out: string,
  what: string,
): Promise<Outcome> {
  const saved = await request(dispatcher, 'reports.save', { target, path: out, jobId: 'cli-report' });
  if (!saved.ok) return failureFromError(saved.error);
  const r = saved.value;
  return done(
    `Saved the ${what} to ${printable(r.path)}: ${r.pages} page${r.pages === 1 ? '' : 's'}, ${formatBytes(r.bytes)}`,
    r,
  );
}

/** `report vendor`: a vendor's assessment report. */
export const reportVendor: CommandSpec = {
  words: ['report', 'vendor'],
  summary: 'Save a vendor’s assessment report as PDF',
  description:
    'Cover, executive summary (a headline, score, tier, completeness, decision and conditions), red flags with ' +
    'the question and answer behind each, its owner and next step, ' +
    'scores by domain, contract clauses and deviations, device findings, evidence with SHA-256, and every answer ' +
    'in an appendix. VENDOR is an id or the exact name.',
  args: ['VENDOR'],
  options: OUT,
  examples: ['vendor-risk report vendor "Zebra Technologies" --out zebra.pdf'],
  check: needsOut,
  writes: true,
  async run({ dispatcher, args, flags }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    return save(
      dispatcher,
      { kind: 'vendor', vendorId: found.vendor.id },
      flags.string('out')!,
      `assessment report of ${found.vendor.name}`,
    );
  },
};

/** `report board`: the board pack. */
export const reportBoard: CommandSpec = {
  words: ['report', 'board'],
  summary: 'Save the board pack as PDF',
  description:
    'Four pages for the board: headline, decisions asked and key figures against the last report and the ' +
    'targets (`settings set target`); heat map, tier trend and changes since the last report; top risks with ' +
    'owner, action and due date, knockouts by theme, contract gaps by clause, coverage and device posture. ' +
    'Then an appendix with a page per critical or high vendor, unless --no-appendix. Each board pack is ' +
    'remembered for the next one’s changes.',
  args: [],
  options: {
    ...OUT,
    'no-appendix': { type: 'boolean', description: 'Leave out the appendix of vendor pages' },
  },
  examples: [
    'vendor-risk report board --out "board 2026-Q4.pdf"',
    'vendor-risk report board --out board.pdf --no-appendix',
  ],
  check: needsOut,
  writes: true,
  run: ({ dispatcher, flags }) =>
    save(
      dispatcher,
      { kind: 'board', appendix: !flags.boolean('no-appendix') },
      flags.string('out')!,
      flags.boolean('no-appendix') ? 'board pack' : 'board pack with its appendix',
    ),
};

/** `report self`: the self-assessment report (maturity and roadmap). */
export const reportSelf: CommandSpec = {
  words: ['report', 'self'],
  summary: 'Save a self-assessment report (maturity and roadmap) as PDF',
  description:
    'A headline, maturity by area against the self-assessment submitted before it, and the roadmap of missing ' +
    'controls with effort and owner, quick wins first. Reports the newest ' +
    'self-assessment unless --assessment names another.',
  args: [],
  options: {
    ...OUT,
    assessment: { type: 'string', value: 'ID', description: 'The self-assessment (default: the newest)' },
  },
  examples: ['vendor-risk report self --out roadmap.pdf'],
  check: needsOut,
  writes: true,
  async run({ dispatcher, flags }) {
    let id = flags.string('assessment');
    if (id === undefined) {
      const list = await request(dispatcher, 'assessments.list', { vendorId: null });
      if (!list.ok) return failureFromError(list.error);
      const [newest] = list.value;
      if (!newest)
        return failure(
          'there is no self-assessment yet: start one with `vendor-risk assess start --self --questionnaire self-assessment`',
        );
      id = newest.id;
    }
    return save(
      dispatcher,
      { kind: 'self', assessmentId: id },
      flags.string('out')!,
      'self-assessment report',
    );
  },
};
