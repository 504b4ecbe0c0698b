import { summariseIssues, type AppErrorShape } from '../domain/errors';
import { contract } from '../ipc/contract';
import { MB, readTextFile } from './files';
import { formatTable, printable } from './format';
import { done, failure, failureFromError, type Outcome } from './outcome';
import { formatQuestionnaire, formatImportReport } from './questionnaire-text';
import { request } from './session';
import type { CommandSpec, Flags, OptionSpecs } from './spec';

/** `questionnaires list`: the newest version of every installed questionnaire. */
export const questionnairesList: CommandSpec = {
  words: ['questionnaires', 'list'],
  summary: 'List the installed questionnaires',
  description:
    'Lists the newest version of every questionnaire: the built-in ones and those imported ' +
    '(SOURCE is builtin, user or vsaq).',
  args: [],
  options: {},
  examples: ['vendor-risk questionnaires list', 'vendor-risk questionnaires list --json'],
  async run({ dispatcher }) {
    const result = await request(dispatcher, 'questionnaires.list', {});
    if (!result.ok) return failureFromError(result.error);
    const items = result.value;
    const footer = `${items.length} questionnaires`;
    const table = () =>
      formatTable(
        ['ID', 'VERSION', 'TITLE', 'AUDIENCE', 'QUESTIONS', 'SOURCE'],
        items.map((q) => [q.id, q.version, q.title, q.audience, String(q.questions), q.source]),
      );
    return done(() => (items.length ? `${table()}\n\n${footer}` : footer), items);
  },
};

/** `questionnaires show`: one questionnaire with its sections and questions. */
export const questionnairesShow: CommandSpec = {
  words: ['questionnaires', 'show'],
  summary: 'Show a questionnaire’s sections and questions',
  description:
    'Shows a questionnaire (the newest version unless --version is given): its sections and ' +
    'numbered questions with their ids and types. Questions with red-flag rules are marked ' +
    '[flag: severity], knockouts with KO.',
  args: ['ID'],
  options: {
    version: {
      type: 'string',
      value: 'V',
      description: 'This installed version (e.g. 1.2.0), not the newest',
    },
  },
  examples: [
    'vendor-risk questionnaires show soc2-audits',
    'vendor-risk questionnaires show example-firmware --version 1.0.0 --json',
  ],
  async run({ dispatcher, args, flags }) {
    const result = await request(dispatcher, 'questionnaires.get', {
      id: args[0],
      version: flags.string('version'),
    });
    if (!result.ok) return failureFromError(result.error);
    return done(() => formatQuestionnaire(result.value), result.value);
  },
};

const FILE_OPTIONS: OptionSpecs = {
  format: { type: 'string', value: 'F', description: 'native (default) or vsaq (a Google VSAQ template)' },
  id: { type: 'string', value: 'ID', description: 'VSAQ only: the id to give the questionnaire' },
  extension: {
    type: 'string',
    list: true,
    value: 'FILE',
    description: 'VSAQ only: an extension template to apply',
  },
};

/** `questionnaires validate`: check a file without installing it. */
export const questionnairesValidate: CommandSpec = {
  words: ['questionnaires', 'validate'],
  summary: 'Check a questionnaire file without installing it',
  description:
    'Checks a questionnaire file by the same rules as an import, and installs nothing. ' +
    'An invalid file fails (exit 2) with every problem and its JSON path on one line. ' +
    'For a VSAQ template it also summarises what the import would do.',
  args: ['FILE'],
  options: FILE_OPTIONS,
  examples: [
    'vendor-risk questionnaires validate my-questionnaire.json',
    'vendor-risk questionnaires validate webapp.json --format vsaq --id vsaq-webapp',
  ],
  async run({ dispatcher, args, flags }) {
    const file = args[0] ?? '';
    const read = await readQuestionnaireFile(file, flags);
    if (!read.ok) return read;
    const result = await request(dispatcher, 'questionnaires.validate', read.payload);
    if (!result.ok) return questionnaireFailure(result.error, read);
    const { questionnaire: q, report } = result.value;
    const head = `valid: ${printable(q.title)} ${q.version} — ${q.sections} sections, ${q.questions} questions`;
    return done(() => [head, ...formatImportReport(report)].join('\n'), result.value);
  },
};

/** `questionnaires import`: install a questionnaire, or upgrade an installed one. */
export const questionnairesImport: CommandSpec = {
  writes: true,
  words: ['questionnaires', 'import'],
  summary: 'Install a questionnaire file, or upgrade an installed one',
  description:
    'Installs a questionnaire. A higher version of an installed questionnaire is an upgrade ' +
    '(assessments keep the version they started with); the same file again changes nothing; ' +
    'an older version, or the same version with other content, is refused.',
  args: ['FILE'],
  options: FILE_OPTIONS,
  examples: [
    'vendor-risk questionnaires import my-questionnaire.json',
    'vendor-risk questionnaires import webapp.json --format vsaq --id vsaq-webapp --extension extra.json',
  ],
  async run({ dispatcher, args, flags }) {
    const file = args[0] ?? '';
    const read = await readQuestionnaireFile(file, flags);
    if (!read.ok) return read;
    const result = await request(dispatcher, 'questionnaires.import', read.payload);
    if (!result.ok) return questionnaireFailure(result.error, read);
    const { questionnaire: q, upgradedFrom, unchanged, report } = result.value;
    const title = printable(q.title);
    const head = unchanged
      ? `${title} ${q.version} is already installed (unchanged)`
      : upgradedFrom
        ? `Upgraded ${title} from ${upgradedFrom} to ${q.version}`
        : `Imported ${title} ${q.version}`;
    return done(() => [head, ...formatImportReport(report)].join('\n'), result.value);
  },
};

interface QuestionnaireFile {
  ok: true;
  file: string;
  extensionFiles: string[];
  payload: Record<string, unknown>;
}

/** Reads FILE and every --extension; the flags go to the contract as given. */
async function readQuestionnaireFile(
  file: string,
  flags: Flags,
): Promise<QuestionnaireFile | (Outcome & { ok: false })> {
  const main = await readTextFile(file, 'questionnaire file', 5 * MB);
  if (!main.ok) return main;
  const extensionFiles = flags.list('extension') ?? [];
  const extensions: string[] = [];
  for (const name of extensionFiles) {
    const read = await readTextFile(name, 'extension file', 5 * MB);
    if (!read.ok) return read;
    extensions.push(read.text);
  }
  return {
    ok: true,
    file,
    extensionFiles,
    payload: {
      content: main.text,
      format: flags.string('format'),
      id: flags.string('id'),
      extensions,
    },
  };
}

/**
 * A refused validate or import. A request the contract refuses (--format, --id, an empty
 * file) is invalid input named by flag or file; any other invalid input is the
 * questionnaire itself, with every problem and its JSON path on one line.
 */
function questionnaireFailure(error: AppErrorShape, read: QuestionnaireFile): Outcome {
  if (error.code !== 'INVALID_INPUT') return failureFromError(error);
  if (!contract['questionnaires.validate'].request.safeParse(read.payload).success) {
    return failureFromError(error, (path) => {
      if (path === 'content') return printable(read.file);
      const extension = /^extensions\.(\d+)$/.exec(path);
      return extension ? printable(read.extensionFiles[Number(extension[1])] ?? path) : path;
    });
  }
  const problems = error.details?.length ? summariseIssues(error.details) : error.message;
  return failure(`invalid questionnaire: ${printable(read.file)}: ${problems}`);
}
