import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before doing something that cannot be undone. */
export function ConfirmDialog(p: ConfirmDialogProps) {
  return (
    <Dialog
      title={p.title}
      open={p.open}
      onClose={p.onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={p.onCancel} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className={p.danger ? 'button button-danger' : 'button button-primary'}
            onClick={p.onConfirm}
            disabled={p.busy}
          >
            {p.confirmLabel}
          </button>
        </>
      }
    >
      <p>{p.message}</p>
    </Dialog>
  );
}
