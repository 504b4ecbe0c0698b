import { basename } from 'node:path';
import { EXCHANGE_FORMATS, olderPackageNote } from '../domain/exchange';
import { parseSbomTarget, sbomPairLabel, type SbomRequest } from '../domain/exchange-sbom';
import { MB, readBytesFile } from './files';
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
    sbom: {
      type: 'string',
      list: true,
      value: 'MODEL@FIRMWARE',
      description:
        'Ask for the SBOM of this model and firmware (the form only; repeatable; "MODEL" alone: any firmware)',
    },
  },
  examples: [
    'vendor-risk exchange export "Zebra Technologies" --questionnaire quick-triage --format html --out zebra.html',
    'vendor-risk exchange export "Zebra Technologies" --questionnaire quick-triage --format html --due 2027-01-15 --out zebra.html',
    'vendor-risk exchange export "Zebra Technologies" --questionnaire quick-triage --format html --sbom "TC52@4.5.1" --sbom "ZT410@V2.3" --out zebra.html',
  ],
  writes: true,
  check: (_args, flags) => {
    if (!flags.string('out')) return 'missing --out FILE';
    if (!flags.list('questionnaire')?.length) return 'missing --questionnaire ID';
    const format = flags.string('format');
    if (format !== undefined && !(EXCHANGE_FORMATS as readonly string[]).includes(format))
      return '--format must be xlsx or html';
    const sboms = flags.list('sbom') ?? [];
    const bad = sboms.find((x) => !parseSbomTarget(x));
    if (bad !== undefined) return `--sbom "${printable(bad.slice(0, 80))}" names no model (MODEL@FIRMWARE)`;
    if (sboms.length && (format ?? 'xlsx') !== 'html')
      return '--sbom needs --format html: the workbook cannot carry the files';
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
      sboms: (flags.list('sbom') ?? []).map((x) => parseSbomTarget(x) as SbomRequest),
      path: flags.string('out'),
      jobId: 'cli-exchange',
    });
    if (!r.ok) return failureFromError(r.error);
    const due = flags.string('due');
    const sboms = flags.list('sbom')?.length ?? 0;
    return done(
      `Wrote the package ${r.value.packageId} for ${printable(found.vendor.name)} to ${printable(r.value.path)}` +
        (due ? ` (due ${due})` : '') +
        (sboms ? `; it asks for ${sboms} SBOM${sboms === 1 ? '' : 's'}` : ''),
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
    'SHA-256 is kept), attaches the SBOM and VEX files it carries to the vendor, model and firmware asked for ' +
    '(a malformed one is refused with its name and first problem, the rest still imports), and records the ' +
    'SBOMs said to be not available.',
  args: ['VENDOR', 'FILE'],
  options: { 'accept-all': { type: 'boolean', description: 'Accept every valid incoming answer' } },
  examples: ['vendor-risk exchange import "Zebra Technologies" zebra-response.xlsx --accept-all'],
  writes: true,
  async run({ dispatcher, args, flags }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const file = args[1] ?? '';
    if (!file) return failure('missing FILE');
    const read = await readBytesFile(file, 'the response file', 60 * MB);
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
        ...(p.newerPackage ? [olderPackageNote(p.newerPackage)!] : []),
        ...p.problems.map((x) => `Problem: ${printable(x)}`),
        ...p.sboms.map(
          (x) =>
            `SBOM for ${printable(sbomPairLabel(x.model, x.firmware))}: ` +
            (x.state === 'attach'
              ? `${printable(x.fileName ?? '')}, ${x.summary}`
              : x.state === 'invalid'
                ? `refused: ${printable(x.problem ?? '')}`
                : x.state === 'not-available'
                  ? `not available: ${printable(x.reason)}`
                  : 'no reply'),
        ),
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
          : '') +
        applied.value.sboms
          .map(
            (x) =>
              `\n${x.outcome === 'attached' ? 'Attached' : x.outcome === 'refused' ? 'Refused' : 'Not available'}: ` +
              `SBOM for ${printable(sbomPairLabel(x.model, x.firmware))}` +
              (x.fileName ? ` (${printable(x.fileName)})` : '') +
              (x.detail ? ` — ${printable(x.detail)}` : ''),
          )
          .join(''),
      {
        preview: p,
        applied: applied.value,
      },
    );
  },
};

/** `exchange sboms`: the SBOMs asked of a vendor and what came back. */
export const exchangeSboms: CommandSpec = {
  words: ['exchange', 'sboms'],
  summary: 'List the SBOMs asked of a vendor through the exchange, with the replies',
  description:
    'One row per model and firmware a package asked an SBOM for (newest package first): still requested, ' +
    'attached (the file), refused (why) or not available (the vendor’s reason).',
  args: ['VENDOR'],
  options: {},
  examples: [
    'vendor-risk exchange sboms "Zebra Technologies"',
    'vendor-risk exchange sboms "Zebra Technologies" --json',
  ],
  async run({ dispatcher, args }) {
    const found = await resolveVendor(dispatcher, args[0] ?? '');
    if (!found.ok) return found;
    const r = await request(dispatcher, 'exchange.sbomRequests', { vendorId: found.vendor.id });
    if (!r.ok) return failureFromError(r.error);
    if (!r.value.length) return done(`No SBOM was asked of ${printable(found.vendor.name)}.`, r.value);
    return done(
      () =>
        formatTable(
          ['MODEL', 'FIRMWARE', 'ASKED', 'STATE', 'FILE', 'DETAIL'],
          r.value.map((x) => [
            printable(x.model),
            printable(x.firmware ?? 'any'),
            x.requestedAt.slice(0, 10),
            x.state,
            printable(x.fileName ?? '—'),
            printable(x.detail || '—'),
          ]),
        ),
      r.value,
    );
  },
};
