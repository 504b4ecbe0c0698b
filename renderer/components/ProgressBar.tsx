import type { ReactNode } from 'react';
import type { Job } from '../hooks/useJob';
import './ProgressBar.css';

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

/**
 * The progress of a useJob job with its Cancel button, or nothing when none runs; `banner`
 * puts it in a strip across the top of the page (a job that outlives the page it started on).
 */
export function JobProgress({
  job,
  banner,
  focusCancel,
}: {
  job: Pick<Job, 'running' | 'cancel'>;
  banner?: boolean;
  focusCancel?: boolean;
}) {
  const { running } = job;
  if (!running) return null;
  const bar = (
    <ProgressBar
      label={running.label}
      done={running.done}
      total={running.total}
      message={running.message}
      onCancel={job.cancel}
      focusCancel={focusCancel}
    />
  );
  return banner ? <Banner>{bar}</Banner> : bar;
}

/** A strip across the top of the main area: a job that outlives the page it started on, or what it did. */
export function Banner({
  className,
  role,
  children,
}: {
  className?: string;
  role?: 'status';
  children: ReactNode;
}) {
  return (
    <div className={className ? `job-banner ${className}` : 'job-banner'} role={role}>
      {children}
    </div>
  );
}
