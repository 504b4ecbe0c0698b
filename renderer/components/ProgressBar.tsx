interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
  message?: string;
  onCancel?(): void;
  /** Puts the keyboard on Cancel when the bar appears (the control that started the work is disabled). */
  focusCancel?: boolean;
}

/** Progress of a long operation, with a cancel button when it can be cancelled. */
export function ProgressBar({ label, done, total, message, onCancel, focusCancel }: ProgressBarProps) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>{percent}%</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {message && <p className="progress-message">{message}</p>}
      {onCancel && (
        <button type="button" className="button" onClick={onCancel} autoFocus={focusCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
