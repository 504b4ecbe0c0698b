import { useCallback, useState } from 'react';
import {
  call,
  type OperationError,
  type OperationName,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../api';
import { toastError, useToast } from '../components/Toasts';

export interface OperationOptions {
  /** A failure is shown as a toast (the default); false: the page shows `error` itself. */
  toast?: boolean;
}

export interface Operation<K extends OperationName> {
  /** Calls the operation; resolves to its result (never throws). Stable across renders. */
  run(request: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  /** A call is under way. */
  busy: boolean;
  /** What the last call that finished failed with (null: it succeeded, or none finished yet). */
  error: OperationError | null;
}

/**
 * One operation of window.vendorRisk, called from a page: busy while a call runs, the last
 * failure, and the failure shown as a toast (a cancelled one as information) unless the page
 * shows it itself. Results come back whatever happens meanwhile: a page that must drop an
 * answer to an older request (a query typed on) keeps its own guard; a long operation uses
 * useJob, which has one.
 */
export function useOperation<K extends OperationName>(
  operation: K,
  { toast: showToast = true }: OperationOptions = {},
): Operation<K> {
  const toast = useToast();
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<OperationError | null>(null);
  const run = useCallback(
    async (request: RequestOf<K>) => {
      setPending((n) => n + 1);
      const result = await call(operation, request);
      setPending((n) => n - 1);
      setError(result.ok ? null : result.error);
      if (!result.ok && showToast) toastError(toast, result.error);
      return result;
    },
    [operation, showToast, toast],
  );
  return { run, busy: pending > 0, error };
}
