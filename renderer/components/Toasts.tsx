import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { OperationError } from '../api';
import './Toasts.css';

export type ToastKind = 'info' | 'success' | 'error';
/** Shows a toast: information and success go after a while, errors stay until dismissed. */
export type ShowToast = (kind: ToastKind, text: string) => void;
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

const ToastContext = createContext<ShowToast>(() => {});

/** Shows short messages in a live region; errors stay until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (kind: ToastKind, text: string) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, text }]);
      if (kind !== 'error') setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
            <span>{t.text}</span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** The function that shows a toast. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}

/** An operation's failure as a toast: a cancelled job is information, anything else an error. */
export function toastError(toast: ShowToast, error: OperationError): void {
  toast(error.code === 'CANCELLED' ? 'info' : 'error', error.message);
}
