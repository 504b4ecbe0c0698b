import { basename } from 'node:path';
import { summariseIssues, type AppErrorShape, type Issue } from '../domain/errors';
import type { Questionnaire } from '../domain/questionnaire';
import { contract } from '../ipc/contract';
import { assessIssuePath } from './assess-commands';
import { flagCount } from './assess-text';
import { MB, readTextFile } from './files';
import { printable } from './format';
import { done, failure, failureFromError, type Outcome } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

/** One entry of an answers file as the assessments.answerMany request takes it (unvalidated). */
interface AnswerEntry {
  questionnaireId: string;
  questionId: string;
  answer?: unknown;
  note?: unknown;
  followUp?: unknown;
}

const ENTRY_KEYS = new Set(['questionnaire', 'question', 'answer', 'note', 'followUp']);
const ROOT_KEYS = new Set(['questionnaire', 'answers']);

/** `assess answer`: save many answers from a JSON file, all or none. */
export const assessAnswer: CommandSpec = {
  writes: true,
  words: ['assess', 'answer'],
  summary: 'Save answers to an assessment from a JSON file (all or none)',
  description:
    'Saves the answers in ANSWERS.json in one transaction: if any entry is wrong, nothing is saved ' +
    'and the error names the entry (answers.N). The file is ' +
    '{ "questionnaire"?: ID, "answers": [ { "questionnaire"?, "question", "answer"?, "note"?, "followUp"? } ] }; ' +
    'an answer is text, a number, a list of choice ids, {"status":"refused"} or {"status":"not-applicable"}. ' +
    'See docs/cli.md.',
  args: ['ASSESSMENT'],
  options: { file: { type: 'string', value: 'ANSWERS.json', description: 'The answers to save' } },
  examples: ['vendor-risk assess answer 9b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b --file answers.json'],
  check(_args, flags) {
    return flags.has('file') ? undefined : 'missing --file ANSWERS.json';
  },
  async run({ dispatcher, args, flags }) {
    const file = flags.string('file') ?? '';
    const read = await readTextFile(file, 'answer file', 5 * MB);
    if (!read.ok) return read;
    const invalid = (problems: string) => failure(`invalid answer file: ${printable(file)}: ${problems}`);
    const parsed = parseAnswersFile(read.text);
    if (!parsed.ok) return invalid(parsed.problem);

    const got = await request(dispatcher, 'assessments.get', { id: args[0] });
    if (!got.ok) return failureFromError(got.error, assessIssuePath);
    const unknown = unknownReferences(parsed.entries, got.value.questionnaires);
    if (unknown.length) return invalid(summariseIssues(unknown));

    const payload = { id: got.value.assessment.id, answers: parsed.entries, source: `cli:${basename(file)}` };
    const result = await request(dispatcher, 'assessments.answerMany', payload);
    if (!result.ok) return answerFailure(result.error, payload, parsed.entries, invalid);
    const { applied, hidden, state } = result.value;
    const hiddenNote = hidden.length
      ? `\n${hidden.length} of them answer questions hidden by earlier answers (kept, not counted): ${hidden.join(', ')}`
      : '';
    return done(
      `Saved ${applied} answers; ${state.answered} of ${state.applicable} applicable questions answered; ${flagCount(state)}${hiddenNote}`,
      result.value,
    );
  },
};

/**
 * Reads the answers file into answerMany entries. Checks only the file's own layout
 * (fields, JSON kinds); values and limits are left to the contract and the services.
 */
export function parseAnswersFile(
  text: string,
): { ok: true; entries: AnswerEntry[] } | { ok: false; problem: string } {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isObject(root)) return { ok: false, problem: 'expected an object { "answers": [...] }' };
  const extra = Object.keys(root).find((key) => !ROOT_KEYS.has(key));
  if (extra !== undefined) return { ok: false, problem: `unknown field "${extra}"` };
  const fallback = root.questionnaire;
  if (fallback !== undefined && typeof fallback !== 'string') {
    return { ok: false, problem: 'questionnaire: expected a questionnaire id' };
  }
  if (!Array.isArray(root.answers)) return { ok: false, problem: 'answers: expected a list of answers' };
  if (root.answers.length === 0) return { ok: false, problem: 'answers: the list is empty' };

  const entries: AnswerEntry[] = [];
  const problems: string[] = [];
  root.answers.forEach((raw: unknown, i) => {
    const entry = parseEntry(raw, `answers.${i}`, fallback);
    if (typeof entry === 'string') problems.push(entry);
    else entries.push(entry);
  });
  return problems.length ? { ok: false, problem: problems.join('; ') } : { ok: true, entries };
}

/** One entry of the file, or what is wrong with it. */
function parseEntry(raw: unknown, at: string, fallback: string | undefined): AnswerEntry | string {
  if (!isObject(raw)) return `${at}: expected an object`;
  const unknownKey = Object.keys(raw).find((key) => !ENTRY_KEYS.has(key));
  if (unknownKey !== undefined) return `${at}: unknown field "${unknownKey}"`;
  const questionnaire = raw.questionnaire ?? fallback;
  if (typeof questionnaire !== 'string') {
    return `${at}.questionnaire: missing (give it here or at the top of the file)`;
  }
  if (typeof raw.question !== 'string') return `${at}.question: missing question id`;
  const answer = answerValue(raw.answer);
  if (answer === INVALID) {
    return `${at}.answer: expected text, a number, a list of choice ids, {"status":"refused"} or {"status":"not-applicable"}`;
  }
  const entry: AnswerEntry = { questionnaireId: questionnaire, questionId: raw.question };
  if ('answer' in raw) entry.answer = answer;
  if ('note' in raw) entry.note = raw.note;
  if ('followUp' in raw) entry.followUp = raw.followUp;
  return entry;
}

const INVALID = Symbol('invalid answer');

/** The file's answer as the request's AnswerValue: plain values become {status:'answered', value}. */
function answerValue(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) {
    return { status: 'answered', value };
  }
  if (isObject(value) && typeof value.status === 'string') return value;
  return INVALID;
}

/** Entries naming a questionnaire the assessment does not use, or a question it does not have. */
function unknownReferences(
  entries: readonly AnswerEntry[],
  questionnaires: readonly Questionnaire[],
): Issue[] {
  const issues: Issue[] = [];
  entries.forEach((entry, i) => {
    const q = questionnaires.find((x) => x.id === entry.questionnaireId);
    if (!q) {
      const ids = questionnaires.map((x) => x.id).join(', ');
      issues.push({
        path: `answers.${i}.questionnaire`,
        message: `the assessment has no questionnaire "${printable(entry.questionnaireId)}" (it has ${ids})`,
      });
    } else if (!q.sections.some((s) => s.questions.some((x) => x.id === entry.questionId))) {
      issues.push({
        path: `answers.${i}.question`,
        message: `${q.id} has no question "${printable(entry.questionId)}"`,
      });
    }
  });
  return issues;
}

/** A refused answerMany, with every problem named by its entry in the file (answers.N). */
function answerFailure(
  error: AppErrorShape,
  payload: unknown,
  entries: readonly AnswerEntry[],
  invalid: (problems: string) => Outcome,
): Outcome {
  if (error.code !== 'INVALID_INPUT' || !error.details?.length) return failureFromError(error);
  if (!contract['assessments.answerMany'].request.safeParse(payload).success) {
    // The contract refused: paths are answers.N.field of the request; name the file's fields.
    if (error.details.every((issue) => issue.path.startsWith('answers.'))) {
      return invalid(
        summariseIssues(error.details.map((issue) => ({ ...issue, path: filePath(issue.path) }))),
      );
    }
    return failureFromError(error, assessIssuePath);
  }
  // The service refused a value: its path is "questionnaire/question".
  const issues = error.details.map((issue) => {
    const i = entries.findIndex((e) => `${e.questionnaireId}/${e.questionId}` === issue.path);
    return i < 0
      ? issue
      : { path: `answers.${i}.answer`, message: `${entries[i]?.questionId}: ${issue.message}` };
  });
  return invalid(summariseIssues(issues));
}

/** answers.3.questionId -> answers.3.question; answers.3.answer.value.0 -> answers.3.answer.0. */
function filePath(path: string): string {
  return path
    .replace(/^(answers\.\d+)\.questionnaireId/, '$1.questionnaire')
    .replace(/^(answers\.\d+)\.questionId/, '$1.question')
    .replace(/^(answers\.\d+\.answer)\.value/, '$1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
