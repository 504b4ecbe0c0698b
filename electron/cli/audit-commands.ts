import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../domain/audit';
import type { Dispatcher } from '../ipc/dispatch';
import { writeExport } from './files';
import { formatTable } from './format';
import { done, failure, failureFromError, type Outcome } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec, Flags, OptionSpecs } from './spec';

const FILTERS: OptionSpecs = {
  vendor: {
    type: 'string',
    value: 'VENDOR',
    description:
      'Entries about this vendor (id or exact name): its assessments, answers, evidence and decisions too',
  },
  entity: {
    type: 'string',
    list: true,
    value: 'E',
    description: `Kind of record: ${AUDIT_ENTITIES.join(', ')}`,
  },
  action: {
    type: 'string',
    list: true,
    value: 'A',
    description: `What happened: ${AUDIT_ACTIONS.join(', ')}`,
  },
  actor: { type: 'string', value: 'NAME', description: 'Who did it' },
  from: { type: 'string', value: 'DATE', description: 'From this date (YYYY-MM-DD)' },
  to: { type: 'string', value: 'DATE', description: 'To this date, inclusive (YYYY-MM-DD)' },
};

/** The audit query of the filter flags, or the failure to print. */
async function queryOf(
  dispatcher: Dispatcher,
  flags: Flags,
): Promise<{ ok: true; query: Record<string, unknown> } | (Outcome & { ok: false })> {
  let vendorId: string | undefined;
  const v = flags.string('vendor');
  if (v !== undefined) {
    const found = await resolveVendor(dispatcher, v);
    if (!found.ok) return found;
    vendorId = found.vendor.id;
  }
  return {
    ok: true,
    query: {
      vendorId,
      entities: flags.list('entity') ?? [],
      actions: flags.list('action') ?? [],
      actor: flags.string('actor'),
      from: flags.string('from'),
      to: flags.string('to'),
    },
  };
}

/** `audit verify`: walk the hash chain. */
export const auditVerify: CommandSpec = {
  words: ['audit', 'verify'],
  summary: 'Prove the audit trail untouched and the data true to it',
  description:
    'Recomputes every entry’s SHA-256 and its link to the entry before it, and names the first entry that was ' +
    'edited, deleted or inserted out of order (exit 2); the trail also records its own length, so deleting the ' +
    'newest entries, or all of them, is found. --head "#N:HASH" (a head printed by an earlier check, an export or ' +
    'the last page of a PDF report) passes when that entry is still in the chain with everything before it ' +
    'unchanged, and fails naming what differs when it is not. Then every record the trail covers (vendors, answers, ' +
    'decisions, clauses, comments, sign-offs, evidence and its files, settings, each source’s devices) is compared ' +
    'with the state the trail last recorded for it: an edit made outside the app is named, with the value in the ' +
    'trail and the value found (exit 2; --json lists every difference).',
  args: [],
  options: {
    head: {
      type: 'string',
      value: '#N:HASH',
      description: 'A head printed earlier (entry number and hash, or the hash alone)',
    },
  },
  examples: ['vendor-risk audit verify', 'vendor-risk audit verify --head "#1234:3f2a…"'],
  async run({ dispatcher, flags }) {
    const r = await request(dispatcher, 'audit.verify', {
      expectedHead: flags.string('head'),
      jobId: 'cli-audit',
    });
    if (!r.ok) return failureFromError(r.error);
    const v = r.value;
    if (v.problem) return failure(`the audit trail was changed: ${v.problem.message}`, v);
    const rec = v.reconciled;
    if (rec && rec.total > 0)
      return failure(
        `the data does not match the audit trail: ${rec.mismatches[0]!.message}${rec.total > 1 ? ` (and ${rec.total - 1} more difference${rec.total > 2 ? 's' : ''}: vendor-risk audit verify --json lists them)` : ''}`,
        v,
      );
    const signed =
      v.signatures === 'checked'
        ? '; every signed entry carries the key’s signature'
        : v.signatures === 'locked'
          ? '; the entries’ signatures were not checked (the data is locked: give the passphrase to check them)'
          : '';
    const matched = rec
      ? `; ${rec.records} record${rec.records === 1 ? ' matches' : 's match'} it${rec.unchecked.length ? ` (not compared: ${rec.unchecked.join(', ')})` : ''}`
      : '';
    return done(
      `The audit trail is intact: ${v.entries} entries, head #${v.headId}:${v.head}${matched}${signed}`,
      v,
    );
  },
};

/** `audit list`: entries, newest first. */
export const auditList: CommandSpec = {
  words: ['audit', 'list'],
  summary: 'List audit entries, newest first, with filters',
  description: 'Who changed what and when; filters must all match.',
  args: [],
  options: {
    ...FILTERS,
    limit: { type: 'string', value: 'N', description: 'At most N entries (default 50, at most 500)' },
  },
  examples: ['vendor-risk audit list --vendor "Lagerwerk Süd GmbH" --from 2026-11-01'],
  async run({ dispatcher, flags }) {
    const q = await queryOf(dispatcher, flags);
    if (!q.ok) return q;
    const limit = flags.string('limit');
    const r = await request(dispatcher, 'audit.list', {
      ...q.query,
      limit: limit === undefined ? 50 : Number(limit),
    });
    if (!r.ok)
      return failureFromError(r.error, (p) => (p === 'entities' ? 'entity' : p === 'actions' ? 'action' : p));
    return done(
      () =>
        [
          formatTable(
            ['#', 'AT', 'ACTOR', 'ENTITY', 'ACTION', 'CHANGED'],
            r.value.items.map((e) => [
              String(e.id),
              e.at.slice(0, 19).replace('T', ' '),
              e.actor,
              `${e.entity}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}`,
              e.action,
              e.changes.map((c) => c.field).join(', ') || '—',
            ]),
          ),
          `${r.value.items.length} of ${r.value.total} entries`,
        ].join('\n'),
      r.value,
    );
  },
};

/** `audit export`: the trail with its chain, as CSV or JSON. */
export const auditExport: CommandSpec = {
  words: ['audit', 'export'],
  summary: 'Export audit entries with their hashes (CSV or JSON)',
  description:
    'Oldest first, each with its previous hash and hash, so a third party can recompute the chain ' +
    '(docs/security.md). CSV cells that a spreadsheet would run as formulas are neutralised.',
  args: [],
  options: {
    ...FILTERS,
    format: { type: 'string', value: 'csv|json', description: 'File format (default: from the file name)' },
    out: { type: 'string', value: 'FILE', description: 'Where to write (required)' },
  },
  examples: [
    'vendor-risk audit export --out audit.json',
    'vendor-risk audit export --from 2026-01-01 --out q1.csv',
  ],
  check: (_args, flags) => {
    if (!flags.string('out')) return 'missing --out FILE';
    const format = flags.string('format');
    if (format !== undefined && format !== 'csv' && format !== 'json') return '--format must be csv or json';
    return undefined;
  },
  async run({ dispatcher, flags }) {
    const out = flags.string('out')!;
    const format = flags.string('format') ?? (out.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    const q = await queryOf(dispatcher, flags);
    if (!q.ok) return q;
    const r =
      format === 'csv'
        ? await request(dispatcher, 'audit.exportCsv', q.query)
        : await request(dispatcher, 'audit.exportJson', q.query);
    if (!r.ok) return failureFromError(r.error);
    const { rows, total } = r.value;
    // One export holds the oldest 200,000: the file says so, and so does the line.
    const what =
      rows < total
        ? `audit entries, the oldest of ${total} matching (one export holds ${rows}; export the rest with --from)`
        : 'audit entries';
    return writeExport(out, 'csv' in r.value ? r.value.csv : r.value.json, rows, what);
  },
};
