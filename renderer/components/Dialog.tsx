import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

interface DialogProps {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

/**
 * What the app shows at the top of every open dialog: a modal dialog makes the rest of the
 * window inert, so a strip that asks for action (the team database's "Stop waiting") is
 * shown inside it too.
 */
export const DialogNotices = createContext<ReactNode>(null);

/** What can take focus in a dialog's body, first of which it opens on. */
const FOCUSABLE =
  ':is(input, select, textarea, button, a[href], [tabindex]):not([disabled]):not([tabindex="-1"]):not([type="hidden"])';

/** A modal dialog on the native <dialog>: focus stays inside, Escape closes it. */
export function Dialog({ title, open, onClose, children, footer, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const notices = useContext(DialogNotices);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    let observer: MutationObserver | null = null;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs before the dialog is shown; focus the intended field now, else
      // the first control of the body (showModal would pick the header's Close).
      const intended = () => dialog.querySelector<HTMLElement>('[data-autofocus]');
      const first = intended() ?? dialog.querySelector<HTMLElement>(`.dialog-body ${FOCUSABLE}`);
      first?.focus();
      if (!intended()) {
        // The intended field may come with content still loading (the questionnaires to pick):
        // focus it when it does, unless the person has moved on meanwhile.
        const settled = document.activeElement;
        observer = new MutationObserver(() => {
          const target = intended();
          if (document.activeElement !== settled) observer?.disconnect();
          else if (target) {
            target.focus();
            observer?.disconnect();
          }
        });
        observer.observe(dialog, {
          childList: true,
          subtree: true,
          attributes: true,
          attributeFilter: ['data-autofocus'],
        });
      }
    }
    if (!open && dialog.open) dialog.close();
    return () => observer?.disconnect();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          {notices}
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  );
}
