import { z } from 'zod';

/** Error codes a user (or a script) can act on. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'UNKNOWN_OPERATION',
  'UNTRUSTED_SENDER',
  'DATA_TOO_NEW',
  'DATA_DAMAGED',
  'LOCKED',
  /**
   * The team database cannot be reached: nothing was saved (try again when it is back), unless
   * the error says `unconfirmed` (the save's COMMIT went unanswered: it may have been made).
   */
  'OFFLINE',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One problem with an input: where it is and what is wrong. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof IssueSchema>;

export const AppErrorShapeSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.array(IssueSchema).optional(),
  /**
   * OFFLINE only: the team database went away (or was given up) after a save's COMMIT was sent
   * and before it confirmed it, so the save may have been made: check before saving again.
   */
  unconfirmed: z.literal(true).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShapeSchema>;

/** An expected failure with a code; services throw it, the dispatcher turns it into a value. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Issue[];
  /** See {@link AppErrorShapeSchema}: a save the team database may have made. */
  readonly unconfirmed?: true;

  constructor(code: ErrorCode, message: string, details?: Issue[], options: { unconfirmed?: boolean } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    if (options.unconfirmed) this.unconfirmed = true;
  }

  /** The plain value that crosses IPC. */
  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.unconfirmed ? { unconfirmed: true as const } : {}),
    };
  }
}

/** Turns zod issues into path/message pairs a form or a terminal can show. */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** One line summarising a list of issues, e.g. "name: Name is required; tags.0: ...". */
export function summariseIssues(issues: readonly Issue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
