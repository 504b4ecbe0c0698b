import { useEffect, useState } from 'react';
import { call, type OperationName, type RequestOf, type ResponseOf } from '../api';

/**
 * What an operation answers for a request, read when the component opens and again when
 * `key` changes; an answer to an older request is dropped. The page shows `error` itself.
 */
export function useLoaded<K extends OperationName>(
  operation: K,
  request: RequestOf<K>,
  key: string,
): { value: ResponseOf<K> | null; error: string | null } {
  const [state, setState] = useState<{ value: ResponseOf<K> | null; error: string | null }>({
    value: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    void call(operation, request).then((r) => {
      if (!current) return;
      setState(r.ok ? { value: r.value, error: null } : { value: null, error: r.error.message });
    });
    return () => {
      current = false;
    };
    // The request is named by `key`: a new object of the same request reads nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [operation, key]);
  return state;
}
