import type { AssessmentSummary } from '../domain/assessment';
import type { Dispatcher } from '../ipc/dispatch';
import { formatAssessment } from './assess-text';
import { formatTable, printable } from './format';
import { done, failureFromError, type Outcome } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec, Flags } from './spec';

/** Request field -> what a user typed, for error messages. */
const ASSESS_NAMES: Readonly<Record<string, string>> = {
  id: 'assessment',
  questionnaireIds: 'questionnaire',
};

/** Renames the first part of an issue path of an assessments.* request. */
export function assessIssuePath(path: string): string {
  const [first = '', ...rest] = path.split('.');
  return [ASSESS_NAMES[first] ?? first, ...rest].join('.');
}

const SELF_OPTION = {
  type: 'boolean',
  description: 'A self-assessment of our own warehouse, instead of a vendor',
} as const;

/** `assess start`: start an assessment of a vendor (or a self-assessment) with questionnaires. */
export const assessStart: CommandSpec = {
  writes: true,
  words: ['assess', 'start'],
  summary: 'Start an assessment of a vendor (or of our own warehouse)',
  description:
    'Starts an assessment with one or more questionnaires, each pinned at its newest installed version. ' +
    'VENDOR is an id or the exact name (case is ignored); --self instead starts a self-assessment, ' +
    'which takes self-assessment questionnaires only.',
  args: ['[VENDOR]'],
  options: {
    questionnaire: {
      type: 'string',
      list: true,
      value: 'ID',
      description: 'A questionnaire to answer (see `questionnaires list`)',
    },
    self: SELF_OPTION,
  },
  examples: [
    'vendor-risk assess start "Lagerwerk Süd GmbH" --questionnaire soc2-audits,vulnerability-disclosure',
    'vendor-risk assess start --self --questionnaire self-assessment',
  ],
  check(args, flags) {
    if (args.length > 0 && flags.boolean('self')) return 'give VENDOR or --self, not both';
    if (args.length === 0 && !flags.boolean('self'))
      return 'missing VENDOR (or --self for a self-assessment)';
    if (!flags.has('questionnaire'))
      return 'missing --questionnaire ID (see `vendor-risk questionnaires list`)';
    return undefined;
  },
  async run({ dispatcher, args, flags }) {
    let vendorId: string | null = null;
    let of = 'our own warehouse (self-assessment)';
    if (args[0] !== undefined) {
      const found = await resolveVendor(dispatcher, args[0]);
      if (!found.ok) return found;
      vendorId = found.vendor.id;
      of = printable(found.vendor.name);
    }
    const result = await request(dispatcher, 'assessments.start', {
      vendorId,
      questionnaireIds: flags.list('questionnaire') ?? [],
    });
    if (!result.ok) return failureFromError(result.error, assessIssuePath);
    const a = result.value;
    const titles = a.questionnaires.map((q) => printable(q.title)).join(', ');
    return done(`Started assessment ${a.id} of ${of} with ${titles}`, a);
  },
};

/** `assess list`: the assessments of a vendor, the self-assessments, or all of them. */
export const assessList: CommandSpec = {
  words: ['assess', 'list'],
  summary: 'List assessments of a vendor, self-assessments, or all',
  description:
    'Lists assessments, most recently changed first: those of VENDOR, the self-assessments with --self, ' +
    'or every assessment when neither is given.',
  args: ['[VENDOR]'],
  options: { self: { ...SELF_OPTION, description: 'Only self-assessments of our own warehouse' } },
  examples: [
    'vendor-risk assess list',
    'vendor-risk assess list "Lagerwerk Süd GmbH"',
    'vendor-risk assess list --self --json',
  ],
  check(args, flags) {
    return args.length > 0 && flags.boolean('self') ? 'give VENDOR or --self, not both' : undefined;
  },
  async run({ dispatcher, args, flags }) {
    const listed = await listAssessments(dispatcher, args[0], flags);
    if (!listed.ok) return listed;
    const items = [...listed.items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const footer = `${items.length} assessments`;
    const table = () =>
      formatTable(
        ['ID', 'TITLE', 'STATUS', 'QUESTIONNAIRES', 'UPDATED'],
        items.map((a) => [
          a.id,
          a.title,
          a.status,
          a.questionnaires.map((q) => `${q.id}@${q.version}`).join(', '),
          a.updatedAt,
        ]),
        80,
      );
    return done(() => (items.length ? `${table()}\n\n${footer}` : footer), items);
  },
};

async function listAssessments(
  dispatcher: Dispatcher,
  vendorRef: string | undefined,
  flags: Flags,
): Promise<{ ok: true; items: AssessmentSummary[] } | (Outcome & { ok: false })> {
  const vendorIds: (string | null)[] = [];
  if (vendorRef !== undefined) {
    const found = await resolveVendor(dispatcher, vendorRef);
    if (!found.ok) return found;
    vendorIds.push(found.vendor.id);
  } else if (flags.boolean('self')) {
    vendorIds.push(null);
  } else {
    const vendors = await request(dispatcher, 'vendors.list', {});
    if (!vendors.ok) return failureFromError(vendors.error);
    vendorIds.push(null, ...vendors.value.items.map((v) => v.id));
  }
  const items: AssessmentSummary[] = [];
  for (const vendorId of vendorIds) {
    const result = await request(dispatcher, 'assessments.list', { vendorId });
    if (!result.ok) return failureFromError(result.error, assessIssuePath);
    items.push(...result.value);
  }
  return { ok: true, items };
}

/** `assess show`: progress, red flags and follow-ups of one assessment. */
export const assessShow: CommandSpec = {
  words: ['assess', 'show'],
  summary: 'Show an assessment: progress, red flags, follow-ups',
  description:
    'Shows an assessment: its questionnaires and versions, progress per section (answered of ' +
    'applicable questions), the red flags raised and the answers marked for follow-up. ' +
    'With --json, everything the app shows: questionnaires, answers, evidence and state.',
  args: ['ASSESSMENT'],
  options: {},
  examples: [
    'vendor-risk assess show 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    'vendor-risk assess show 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b --json | jq .state.flags',
  ],
  async run({ dispatcher, args }) {
    const result = await request(dispatcher, 'assessments.get', { id: args[0] });
    if (!result.ok) return failureFromError(result.error, assessIssuePath);
    return done(() => formatAssessment(result.value), result.value);
  },
};

/** `assess status`: move an assessment between in-progress, submitted and closed. */
export const assessStatus: CommandSpec = {
  writes: true,
  words: ['assess', 'status'],
  summary: 'Set an assessment’s status: in-progress, submitted or closed',
  description:
    'Sets the status of an assessment. A closed assessment takes no more answers until it is ' +
    'set back to in-progress.',
  args: ['ASSESSMENT', 'STATUS'],
  options: {},
  examples: [
    'vendor-risk assess status 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b submitted',
    'vendor-risk assess status 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b in-progress',
  ],
  async run({ dispatcher, args }) {
    const result = await request(dispatcher, 'assessments.setStatus', { id: args[0], status: args[1] });
    if (!result.ok) return failureFromError(result.error, assessIssuePath);
    const a = result.value;
    return done(`Assessment ${printable(a.title)} (${a.id}) is now ${a.status}`, a);
  },
};
