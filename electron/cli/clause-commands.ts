import {
  CLAUSE_GROUP_LABELS,
  CLAUSE_STATUSES,
  CLAUSE_STATUS_LABELS,
  formatClauseValue,
  parseClauseValue,
  VALUE_TYPE_LABELS,
  type ClauseValue,
  type VendorClauses,
} from '../domain/clauses';
import { formatTable, printable } from './format';
import { writeExport } from './files';
import { done, failure, failureFromError, usageError } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';

const STATE_WORDS = {
  ok: 'meets position',
  deviates: 'DEVIATES',
  contradicts: 'CONTRADICTS ANSWERS',
  missing: 'not agreed',
  open: 'in negotiation',
  waived: 'waived',
} as const;

/** `clauses list`: the clause library with our positions. */
export const clausesList: CommandSpec = {
  words: ['clauses', 'list'],
  summary: 'List the contract clause library with our positions',
  description:
    'Lists every clause of the library (built-in and your own): id, title, group, the value types it takes, and our recommended position.',
  args: [],
  options: {},
  examples: ['vendor-risk clauses list', 'vendor-risk clauses list --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'clauses.library', {});
    if (!result.ok) return failureFromError(result.error);
    return done(
      () =>
        formatTable(
          ['ID', 'TITLE', 'GROUP', 'VALUE', 'OUR POSITION'],
          result.value.map((c) => [
            c.id,
            c.title,
            CLAUSE_GROUP_LABELS[c.group],
            c.valueTypes.map((t) => VALUE_TYPE_LABELS[t].toLowerCase()).join(' or '),
            c.position.text,
          ]),
          100,
        ),
      result.value,
    );
  },
};

/** `clauses show`: one vendor's clause checklist. */
export const clausesShow: CommandSpec = {
  words: ['clauses', 'show'],
  summary: 'Show a vendor’s contract clauses: status, agreed value, deviations, sign-off',
  description:
    'Shows every clause for the vendor with its status, agreed value, where it is in the contract, and whether it ' +
    'meets our position, deviates from it, or contradicts the vendor’s questionnaire answers; then the legal sign-off.',
  args: ['VENDOR'],
  options: {},
  examples: [
    'vendor-risk clauses show "Lagerwerk Süd GmbH"',
    'vendor-risk clauses show "Lagerwerk Süd GmbH" --json',
  ],
  async run({ dispatcher, args }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const result = await request(dispatcher, 'clauses.forVendor', { vendorId: found.vendor.id });
    if (!result.ok) return failureFromError(result.error);
    return done(() => formatVendorClauses(result.value), result.value);
  },
};

/** A vendor's clauses as text. */
export function formatVendorClauses(c: VendorClauses): string {
  const table = formatTable(
    ['CLAUSE', 'STATUS', 'VALUE', 'CHECK', 'WHERE'],
    c.clauses.map((x) => [
      x.clause.id,
      CLAUSE_STATUS_LABELS[x.status],
      x.value ? printable(formatClauseValue(x.value)) : '—',
      STATE_WORDS[x.state],
      [
        x.reference.document,
        x.reference.section && `§ ${x.reference.section}`,
        x.reference.page && `p. ${x.reference.page}`,
      ]
        .filter(Boolean)
        .join(', ') || '—',
    ]),
    60,
  );
  // Everything typed by a user is printed through printable(): no control sequences reach the terminal.
  const problems = c.clauses.flatMap((x) =>
    [
      ...x.deviation.reasons.map((r) => `${x.clause.title}: ${r}`),
      ...x.contradictions.map((r) => `${x.clause.title}: ${r.message}`),
      ...x.deviation.unjudged.map((r) => `${x.clause.title}: ${r} (review it)`),
      ...(x.waiver
        ? [`${x.clause.title}: waived — ${x.waiver.reason} (accepted by ${x.waiver.acceptedBy})`]
        : []),
    ].map((line) => `  ${printable(line)}`),
  );
  const signOff =
    c.signOffState === 'none'
      ? 'not signed off'
      : c.signOffState === 'signed'
        ? `signed off by ${printable(c.signOff!.reviewer)} on ${c.signOff!.signedAt.slice(0, 10)}`
        : `REOPENED: signed off by ${printable(c.signOff!.reviewer)} on ${c.signOff!.signedAt.slice(0, 10)}, then ${c.signOff!.reopenedClause} changed on ${c.signOff!.reopenedAt!.slice(0, 10)}`;
  return [
    `Contract of ${printable(c.vendor.name)} (${c.vendor.id})`,
    '',
    table,
    ...(problems.length ? ['', 'Deviations and contradictions:', ...problems] : []),
    '',
    `Legal sign-off: ${signOff}${c.needsReview ? ' — needs legal review' : ''}`,
  ].join('\n');
}

/** `clauses set`: record a clause's status, value and place in the contract. */
export const clausesSet: CommandSpec = {
  writes: true,
  words: ['clauses', 'set'],
  summary: 'Record a vendor’s clause: status, agreed value, reference, waiver, comment',
  description:
    `Sets the clause's status (${CLAUSE_STATUSES.join(', ')}). --value is typed by the clause: hours or days ("72", "72h"), ` +
    'money ("EUR 2000000"), months of fees ("12 months"), a percentage ("99.9%"), regions ("eu,uk"), yes/no, or text. ' +
    '--ref is "DOCUMENT, SECTION, PAGE". A waived clause needs --reason and --accepted-by. A change after legal ' +
    'sign-off reopens the sign-off. CLAUSE is an id from `clauses list`.',
  args: ['VENDOR', 'CLAUSE'],
  options: {
    status: { type: 'string', value: 'S', description: `One of: ${CLAUSE_STATUSES.join(', ')}` },
    value: { type: 'string', value: 'V', description: 'The agreed (or proposed) value, typed by the clause' },
    ref: { type: 'string', value: 'R', description: 'Where it is: "DOCUMENT, SECTION, PAGE"' },
    reason: { type: 'string', value: 'TEXT', description: 'Why it was waived (waived only)' },
    'accepted-by': { type: 'string', value: 'NAME', description: 'Who accepted the waiver (waived only)' },
    comment: { type: 'string', value: 'TEXT', description: 'Also add a dated comment' },
  },
  examples: [
    'vendor-risk clauses set "Lagerwerk Süd GmbH" breach-notification --status agreed --value 24h --ref "MSA 2026, 12.3, 14"',
    'vendor-risk clauses set "Lagerwerk Süd GmbH" cyber-insurance --status waived --reason "Low exposure" --accepted-by "CFO"',
  ],
  check(args, flags) {
    if (args.length < 2) return 'name the vendor and the clause: clauses set VENDOR CLAUSE --status S';
    if (!flags.has('status')) return '--status is required';
    return undefined;
  },
  async run({ dispatcher, args, flags }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const clauseId = (args[1] ?? '').trim();
    const library = await request(dispatcher, 'clauses.library', {});
    if (!library.ok) return failureFromError(library.error);
    const clause = library.value.find((c) => c.id === clauseId);
    if (!clause)
      return failure(`no clause "${printable(clauseId)}" in the library; see \`vendor-risk clauses list\``);

    // Fields not given on the command line keep what is recorded.
    const current = await request(dispatcher, 'clauses.forVendor', { vendorId: found.vendor.id });
    if (!current.ok) return failureFromError(current.error);
    const recorded = current.value.clauses.find((c) => c.clause.id === clauseId)!;
    const status = flags.string('status');
    let value: ClauseValue | null = recorded.value;
    const valueText = flags.string('value');
    if (valueText !== undefined) {
      const parsed = parseClauseValue(clause.valueTypes, valueText);
      if (typeof parsed === 'string') return failure(`invalid input: value: ${parsed}`);
      value = parsed;
    }
    const ref = flags.string('ref');
    const [document = '', section = '', page = ''] =
      ref === undefined ? [] : ref.split(',').map((x) => x.trim());
    const reference = ref === undefined ? recorded.reference : { document, section, page };
    const reason = flags.string('reason');
    const acceptedBy = flags.string('accepted-by');
    if ((reason === undefined) !== (acceptedBy === undefined))
      return usageError('a waiver needs both --reason and --accepted-by');
    const waiver =
      status !== 'waived'
        ? null
        : reason !== undefined
          ? { reason, acceptedBy: acceptedBy! }
          : recorded.waiver;
    const result = await request(dispatcher, 'clauses.set', {
      vendorId: found.vendor.id,
      clauseId,
      status,
      value,
      reference,
      waiver,
    });
    if (!result.ok) return failureFromError(result.error, (p) => (p.startsWith('waiver') ? 'reason' : p));
    let vendorClauses = result.value;
    const comment = flags.string('comment');
    if (comment !== undefined) {
      const commented = await request(dispatcher, 'clauses.comment', {
        vendorId: found.vendor.id,
        clauseId,
        text: comment,
      });
      if (!commented.ok) return failureFromError(commented.error, (p) => (p === 'text' ? 'comment' : p));
      vendorClauses = commented.value;
    }
    const row = vendorClauses.clauses.find((c) => c.clause.id === clauseId)!;
    const lines = [
      `${clause.title} for ${printable(found.vendor.name)}: ${CLAUSE_STATUS_LABELS[row.status]}${row.value ? `, ${formatClauseValue(row.value)}` : ''} — ${STATE_WORDS[row.state]}`,
      ...row.deviation.reasons,
      ...row.contradictions.map((c) => c.message),
      ...(vendorClauses.signOffState === 'reopened' && vendorClauses.signOff?.reopenedClause === clauseId
        ? ['The legal sign-off is reopened by this change.']
        : []),
    ];
    return done(lines.join('\n'), vendorClauses);
  },
};

/** `clauses signoff`: legal sign-off of a vendor's clauses. */
export const clausesSignOff: CommandSpec = {
  writes: true,
  words: ['clauses', 'signoff'],
  summary: 'Sign off a vendor’s contract (legal review)',
  description:
    'Records the legal sign-off: who (the assessor name or --user), when, and every clause status as it is now. ' +
    'Refused while a clause is proposed or under negotiation. A later change to a clause reopens it.',
  args: ['VENDOR'],
  options: {},
  examples: ['vendor-risk clauses signoff "Lagerwerk Süd GmbH" --user "Lena Legal"'],
  async run({ dispatcher, args }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const result = await request(dispatcher, 'clauses.signOff', { vendorId: found.vendor.id });
    if (!result.ok) return failureFromError(result.error);
    const s = result.value.signOff!;
    return done(
      `Signed off the contract of ${printable(found.vendor.name)} as ${s.reviewer} on ${s.signedAt.slice(0, 10)}`,
      result.value,
    );
  },
};

/** `clauses export`: every vendor's clauses as CSV. */
export const clausesExport: CommandSpec = {
  words: ['clauses', 'export'],
  summary: 'Export every vendor’s clauses as CSV (safe to open in a spreadsheet)',
  description:
    'Writes one row per vendor and clause: status, agreed value, our position, deviations, reference, waiver, last ' +
    'comment and sign-off. Cells that a spreadsheet would run as a formula are neutralised. --needs-review keeps ' +
    'only the vendors that need legal review.',
  args: [],
  options: {
    out: { type: 'string', value: 'FILE.csv', description: 'The file to write (required)' },
    'needs-review': { type: 'boolean', description: 'Only vendors that need legal review' },
  },
  examples: [
    'vendor-risk clauses export --out clauses.csv',
    'vendor-risk clauses export --out review.csv --needs-review',
  ],
  check(_args, flags) {
    return flags.string('out') ? undefined : '--out FILE.csv is required';
  },
  async run({ dispatcher, flags }) {
    const out = flags.string('out')!;
    const result = await request(dispatcher, 'clauses.exportCsv', {
      needsReview: flags.boolean('needs-review'),
    });
    if (!result.ok) return failureFromError(result.error);
    return writeExport(out, result.value.csv, result.value.rows, 'rows');
  },
};
