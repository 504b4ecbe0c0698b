import { randomBytes } from 'node:crypto';
import { AppError, issuesFromZod, summariseIssues } from '../domain/errors';
import type { JobContext } from '../services/context';
import type { Handlers } from './handlers';
import { checkResponse } from './response-check';
import {
  contract,
  type OperationName,
  type ParsedRequestOf,
  type ProgressEvent,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract';

/** Who is calling: the app's page (checked) or this process itself (the CLI, the app's own menu). */
export type Sender = { kind: 'local' } | { kind: 'page'; url: string; isMainFrame: boolean };

export const LOCAL_SENDER: Sender = { kind: 'local' };

export interface DispatcherOptions {
  handlers: Handlers;
  /** True for URLs of the app's own page. */
  isTrustedPageUrl(url: string): boolean;
  /** Receives progress of long operations. */
  onProgress?(event: ProgressEvent): void;
  /**
   * Receives unexpected errors (with stack) for the log, under the reference the user is
   * given; their own words are never shown to the user.
   */
  onInternalError?(operation: string, error: unknown, reference: string): void;
}

export interface Dispatcher {
  /** Validates, checks the sender, calls the service; never throws. */
  dispatch(operation: string, payload: unknown, sender: Sender): Promise<Result<unknown>>;
  /** Typed call for trusted in-process callers (the CLI). */
  call<K extends OperationName>(operation: K, request: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  /** Cancels every running job (on window close or quit). */
  cancelAll(): void;
}

/** Creates the one dispatcher used by ipcMain.handle, the CLI and the E2E harness. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const jobs = new Map<string, AbortController>();

  const fail = (code: AppError['code'], message: string, details?: AppError['details']): Result<never> => ({
    ok: false,
    error: details ? { code, message, details } : { code, message },
  });

  /**
   * An unexpected error: the user gets a code and a plain sentence with a reference; the
   * error itself (its words could be "Maximum call stack size exceeded") goes to the log.
   */
  const unexpected = (name: string, error: unknown): Result<never> => {
    const reference = randomBytes(3).toString('hex').toUpperCase();
    options.onInternalError?.(name, error, reference);
    return fail(
      'INTERNAL',
      `An unexpected problem stopped this request. Its details are in the log in the data folder (logs/errors.log, reference ${reference}).`,
    );
  };

  async function dispatch(operation: string, payload: unknown, sender: Sender): Promise<Result<unknown>> {
    if (sender.kind === 'page' && !(sender.isMainFrame && options.isTrustedPageUrl(sender.url))) {
      return fail('UNTRUSTED_SENDER', 'This request did not come from the app’s own page and was refused');
    }
    if (!Object.hasOwn(contract, operation)) {
      return fail('UNKNOWN_OPERATION', `Unknown operation: ${String(operation).slice(0, 80)}`);
    }
    const name = operation as OperationName;
    const spec = contract[name];
    if (spec.localOnly && sender.kind !== 'local') {
      return fail('UNTRUSTED_SENDER', `${name} is for the command line only and was refused`);
    }
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const details = issuesFromZod(parsed.error);
      return fail('INVALID_INPUT', `Invalid input: ${summariseIssues(details)}`, details);
    }
    if (name === 'jobs.cancel') {
      const { jobId } = parsed.data as ParsedRequestOf<'jobs.cancel'>;
      const job = jobs.get(jobId);
      job?.abort();
      return { ok: true, value: { cancelled: Boolean(job) } };
    }

    const jobId = spec.long ? (parsed.data as { jobId?: string }).jobId : undefined;
    const controller = new AbortController();
    if (jobId) {
      if (jobs.has(jobId)) return fail('CONFLICT', `A job with id ${jobId} is already running`);
      jobs.set(jobId, controller);
    }
    const job: JobContext = {
      signal: controller.signal,
      progress: (done, total, message) => {
        if (jobId) options.onProgress?.({ jobId, operation: name, done, total, message });
      },
    };
    try {
      const handler = options.handlers[name as Exclude<OperationName, 'jobs.cancel'>] as (
        request: unknown,
        job: JobContext,
      ) => unknown;
      const value = await handler(parsed.data, job);
      // The same check as spec.response.safeParse, without copying an answer that is already exact.
      const checked = checkResponse(spec.response, value);
      if (!checked.success) return unexpected(name, checked.error);
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() };
      return unexpected(name, error);
    } finally {
      if (jobId) jobs.delete(jobId);
    }
  }

  return {
    dispatch,
    call: (operation, request) =>
      dispatch(operation, request, LOCAL_SENDER) as Promise<Result<ResponseOf<typeof operation>>>,
    cancelAll: () => {
      for (const controller of jobs.values()) controller.abort();
    },
  };
}
