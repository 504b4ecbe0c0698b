import { basename } from 'node:path';
import { EXCHANGE_FORMATS } from '../domain/exchange';
import { readBytesFile } from './files';
import { formatTable, printable } from './format';
import { done, failure, failureFromError } from './outcome';
import { resolveVendor } from './resolve-vendor';
import { request } from './session';
import type { CommandSpec } from './spec';

/** `exchange export`: a questionnaire package for the vendor, as a workbook or a form. */
export const exchangeExport: CommandSpec = {
  words: ['exchange', 'export'],
  summary: 'Send a questionnaire to a vendor as a workbook (.xlsx) or a form (.html)',
  description:
    'Makes a package of the vendor’s open assessment of these questionnaires (a new one if there is none), with ' +
    'its id, the questionnaire versions, the vendor and a checksum of the questions: an .xlsx workbook (drop-downs, ' +
    'protected sheets, hidden question ids) or a self-contained .html form that saves a response .json file.',
  args: ['VENDOR'],
  options: {
    questionnaire: {
      type: 'string',
      list: true,
      value: 'ID',
      description: 'The questionnaires to send (required)',
    },
    format: { type: 'string', value: 'xlsx|html', description: 'The file to make (default xlsx)' },
    out: { type: 'string', value: 'FILE', description: 'Where to write it (required)' },
    due: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'When the answers are wanted back (the form’s header shows it; "No due date" without)',
    },
  },
  examples: [
    'vendor-risk exchange export "Zebra Technologies" --questionnaire quick-triage --format html --out zebra.html',
    'vendor-risk exchange export "Zebra Technologies" --questionnaire quick-triage --format html --due 2027-01-15 --out zebra.html',
  ],
  writes: true,
  check: (_args, flags) => {
    if (!flags.string('out')) return 'missing --out FILE';
    if (!flags.list('questionnaire')?.length) return 'missing --questionnaire ID';
    const format = flags.string('format');
    if (format !== undefined && !(EXCHANGE_FORMATS as readonly string[]).includes(format))
      return '--format must be xlsx or html';
    return undefined;
  },
  async run({ dispatcher, args, flags }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const r = await request(dispatcher, 'exchange.save', {
      vendorId: found.vendor.id,
      questionnaireIds: flags.list('questionnaire'),
      format: flags.string('format') ?? 'xlsx',
      ...(flags.has('due') ? { dueDate: flags.string('due') } : {}),
      path: flags.string('out'),
      jobId: 'cli-exchange',
    });
    if (!r.ok) return failureFromError(r.error);
    const due = flags.string('due');
    return done(
      `Wrote the package ${r.value.packageId} for ${printable(found.vendor.name)} to ${printable(r.value.path)}` +
        (due ? ` (due ${due})` : ''),
      r.value,
    );
  },
};

/** `exchange import`: read a vendor's response, show it, accept it with --accept-all. */
export const exchangeImport: CommandSpec = {
  words: ['exchange', 'import'],
  summary: 'Import a vendor’s response (.xlsx or .json) after checking it',
  description:
    'Matches every answer by question id, checks it against its question, and shows each incoming answer beside ' +
    'the current one; refuses a response to another package, another vendor or changed questions. Nothing is ' +
    'written without --accept-all, which accepts every valid changed answer as coming from this response (its ' +
    'SHA-256 is kept).',
  args: ['VENDOR', 'FILE'],
  options: { 'accept-all': { type: 'boolean', description: 'Accept every valid incoming answer' } },
  examples: ['vendor-risk exchange import "Zebra Technologies" zebra-response.xlsx --accept-all'],
  writes: true,
  async run({ dispatcher, args, flags }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const file = args[1] ?? '';
    if (!file) return failure('missing FILE');
    const read = await readBytesFile(file, 'the response file');
    if (!read.ok) return read;
    const preview = await request(dispatcher, 'exchange.preview', {
      vendorId: found.vendor.id,
      fileName: basename(file),
      contentBase64: read.bytes.toString('base64'),
    });
    if (!preview.ok) return failureFromError(preview.error);
    const p = preview.value;
    const summary = () =>
      [
        `Into the assessment "${p.assessment.title}" (${p.assessment.status}).`,
        `${p.fileName} (SHA-256 ${p.sha256.slice(0, 16)}…): ${p.counts.new} new, ${p.counts.changed} changed, ${p.counts.same} unchanged, ${p.counts.invalid} invalid; ${p.counts.unanswered} questions unanswered.`,
        ...(p.alreadyImported ? ['This same file was imported before.'] : []),
        ...p.problems.map((x) => `Problem: ${x}`),
        p.rows.length
          ? formatTable(
              ['QUESTION', 'NOW', 'INCOMING', 'STATE'],
              p.rows.map((r) => [
                r.questionId,
                r.current || '—',
                r.problem ? `${r.incoming} (${r.problem})` : r.incoming || '—',
                r.state,
              ]),
            )
          : 'No answers in the file.',
      ].join('\n');
    if (!flags.boolean('accept-all')) {
      await request(dispatcher, 'exchange.discard', { token: p.token });
      return done(
        () => `${summary()}\n\nNothing was written: add --accept-all to accept the valid answers.`,
        { preview: p },
      );
    }
    const applied = await request(dispatcher, 'exchange.apply', { token: p.token, accept: 'all' });
    if (!applied.ok) return failureFromError(applied.error);
    return done(
      () =>
        `${summary()}\n\nAccepted ${applied.value.accepted} answers from ${printable(p.fileName)}.` +
        (applied.value.hidden
          ? ` ${applied.value.hidden} of them answer questions the other answers hide (kept, not counted).`
          : ''),
      {
        preview: p,
        applied: applied.value,
      },
    );
  },
};
