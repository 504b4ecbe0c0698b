/**
 * How a feature module declares its operations: request and response schemas, a one-line
 * summary (listed in docs/operations.md), and the two flags the dispatcher reads. Nothing
 * here runs at import time beyond zod, so the preload and the page's types can load the
 * contract without any main-process code.
 */
import type { z } from 'zod';
import type { JobContext } from '../../services/context';

/** One operation as a feature module declares it. */
export interface OpSpec<Req extends z.ZodType, Res extends z.ZodType> {
  /** What the operation does, in one line (docs/operations.md). */
  summary: string;
  request: Req;
  response: Res;
  /** Takes a jobId, reports progress and can be cancelled. */
  long?: boolean;
  /** Names a file path to write or read: refused to the page, served only to this process (the CLI). */
  localOnly?: boolean;
}

/**
 * One operation: its request and response schemas; `long` operations take a jobId and
 * report progress; `localOnly` ones (those naming a file path) are refused to the page and
 * served only to this process itself (the CLI).
 */
export const op = <Req extends z.ZodType, Res extends z.ZodType>(spec: OpSpec<Req, Res>) => ({
  summary: spec.summary,
  request: spec.request,
  response: spec.response,
  long: spec.long ?? false,
  localOnly: spec.localOnly ?? false,
});

/** A feature module's operations, by name. */
export type OpTable = Record<string, { request: z.ZodType; response: z.ZodType }>;

/** The service call behind each operation of a table (its handler table). */
export type HandlerTable<T extends OpTable> = {
  [K in keyof T]: (
    request: z.output<T[K]['request']>,
    job: JobContext,
  ) => z.output<T[K]['response']> | Promise<z.output<T[K]['response']>>;
};
