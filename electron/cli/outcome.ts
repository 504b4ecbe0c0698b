import type { AppErrorShape, Issue } from '../domain/errors';
import { summariseIssues } from '../domain/errors';
import { printable } from './format';

/** Exit codes: 0 done, 1 the command line was wrong, 2 the request failed. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_FAILED = 2;

/** What a command produced: text for people and a value for `--json`, or one error line. */
export type Outcome =
  | { ok: true; text: () => string; json: unknown }
  | {
      ok: false;
      exitCode: typeof EXIT_USAGE | typeof EXIT_FAILED;
      message: string;
      /** What was found, for `--json` (a check that failed lists its findings); printed on stdout. */
      json?: unknown;
    };

/** A successful outcome; the text is only formatted when it is printed (not for --json). */
export function done(text: string | (() => string), json: unknown): Outcome {
  return { ok: true, text: typeof text === 'function' ? text : () => text, json };
}

/** A usage error (exit 1): the command line itself is wrong. */
export function usageError(message: string): Outcome & { ok: false } {
  return { ok: false, exitCode: EXIT_USAGE, message };
}

/** A failure (exit 2): invalid input, not found, or anything the dispatcher refused. */
export function failure(message: string, json?: unknown): Outcome & { ok: false } {
  return { ok: false, exitCode: EXIT_FAILED, message, ...(json === undefined ? {} : { json }) };
}

/**
 * Turns a dispatcher error into a failure. Invalid input names each field, with the
 * request's field paths renamed to the flags a user typed (`dataTouched` -> `data`).
 */
export function failureFromError(
  error: AppErrorShape,
  renamePath: (path: string) => string = (p) => p,
): Outcome & {
  ok: false;
} {
  if (error.code === 'INVALID_INPUT' && error.details?.length) {
    const issues: Issue[] = error.details.map((issue) => ({
      ...issue,
      path: flagPath(renamePath(issue.path)),
    }));
    return failure(`invalid input: ${summariseIssues(issues)}`);
  }
  return failure(error.message);
}

/** Request fields whose flag (or argument) has another name. */
const FLAG_NAMES: Readonly<Record<string, string>> = {
  contentBase64: 'file',
  path: 'file',
  'target.assessmentId': 'assessment',
  dueDate: 'due',
  expectedHead: 'head',
  entities: 'entity',
  actions: 'action',
};

/** A request field's path as the flag a user typed: "status.0" → "status", "dueDate" → "due". */
export function flagPath(path: string): string {
  const field = path.replace(/(\.\d+)+$/, '');
  return FLAG_NAMES[field] ?? field;
}

/** Makes any message one line, so a script reading stderr gets exactly one. */
export function oneLine(message: string): string {
  // A message may quote a file's bytes (a JSON parser's excerpt): no control character may
  // reach the terminal, where an escape sequence would clear it or retitle the window.
  return printable(message.replace(/\s*[\r\n]+\s*/g, ' ')).trim();
}
