import { useCallback, useEffect, useRef, useState } from 'react';
import {
  call,
  newJobId,
  onProgress,
  type OperationName,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../api';
import { toastError, useToast } from '../components/Toasts';

/** The operations that run as jobs: they take a job id, report progress and can be cancelled. */
export type JobOperation = {
  [K in OperationName]: 'jobId' extends keyof RequestOf<K> ? K : never;
}[OperationName];

/** A job's request without its id (the hook gives each start a new one). */
export type JobRequest<K extends JobOperation> = Omit<RequestOf<K>, 'jobId'>;

/** The job on screen: what runs, under which label, and its last progress. */
export interface RunningJob {
  id: string;
  operation: JobOperation;
  label: string;
  done: number;
  total: number;
  message: string;
}

export interface StartOptions<K extends JobOperation> {
  /** What the progress bar says runs. */
  label?: string;
  /** The progress shown until the first report comes. */
  total?: number;
  message?: string;
  /**
   * Told the result of a job that no longer counts (the user started another, abandoned it, or
   * left the page): to give back what it holds (a preview's token), or to say what it did anyway.
   */
  onStale?(result: Result<ResponseOf<K>>): void;
}

export interface Job {
  /** The job running, with its progress; null when none. */
  running: RunningJob | null;
  /**
   * Runs a long operation under a new job id, following its progress. Resolves to its result,
   * or to null when the result no longer counts: another job was started meanwhile, the job was
   * abandoned or the page left (a stale answer is never shown). A failure is shown as a toast
   * (a cancelled job as information) unless the hook was made with `toast: false`.
   */
  start<K extends JobOperation>(
    operation: K,
    request: JobRequest<K>,
    options?: StartOptions<K>,
  ): Promise<Result<ResponseOf<K>> | null>;
  /** Asks the running job to stop; its result (CANCELLED, or what it finished first) still comes. */
  cancel(): void;
  /** Cancels the running job and drops its result: the user moved on. */
  abandon(): void;
  /** A job runs (read at once, for a guard against a second start by a quick double press). */
  isRunning(): boolean;
}

/**
 * A long job from a page — demo data, an import, a report, a backup, a check of the audit
 * trail: one job at a time per hook, its progress on screen, cancel, and answers that arrive
 * after the user moved on dropped.
 */
export function useJob({ toast: showToast = true }: { toast?: boolean } = {}): Job {
  const toast = useToast();
  const [running, setRunning] = useState<RunningJob | null>(null);
  /** The job whose result counts, by its id; bumped generations make older results stale. */
  const current = useRef<string | null>(null);
  const generation = useRef(0);

  useEffect(
    () =>
      onProgress((e) => {
        if (e.jobId !== current.current) return;
        setRunning((j) =>
          j && j.id === e.jobId ? { ...j, done: e.done, total: e.total, message: e.message } : j,
        );
      }),
    [],
  );
  // Leaving the page does not cancel the work (an import goes on), but its answer is not shown.
  useEffect(
    () => () => {
      generation.current += 1;
      current.current = null;
    },
    [],
  );

  const start = useCallback(
    async <K extends JobOperation>(
      operation: K,
      request: JobRequest<K>,
      options: StartOptions<K> = {},
    ): Promise<Result<ResponseOf<K>> | null> => {
      const id = newJobId();
      const mine = ++generation.current;
      current.current = id;
      setRunning({
        id,
        operation,
        label: options.label ?? '',
        done: 0,
        total: options.total ?? 0,
        message: options.message ?? '',
      });
      const result = await call(operation, { ...request, jobId: id } as RequestOf<K>);
      if (mine !== generation.current) {
        options.onStale?.(result);
        return null;
      }
      current.current = null;
      setRunning(null);
      if (!result.ok && showToast) toastError(toast, result.error);
      return result;
    },
    [showToast, toast],
  );

  const cancel = useCallback(() => {
    if (current.current) void call('jobs.cancel', { jobId: current.current });
  }, []);

  const abandon = useCallback(() => {
    if (current.current) void call('jobs.cancel', { jobId: current.current });
    generation.current += 1;
    current.current = null;
    setRunning(null);
  }, []);

  const isRunning = useCallback(() => current.current !== null, []);

  return { running, start, cancel, abandon, isRunning };
}
