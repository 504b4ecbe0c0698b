import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { call, newJobId, onProgress } from '../api';
import type { ReportTarget } from '../../electron/domain/report-api';
import { ProgressBar } from './ProgressBar';
import { useToast } from './Toasts';

interface Running {
  id: string;
  label: string;
  done: number;
  total: number;
  message: string;
}
interface Saved {
  path: string;
  pages: number;
}

interface ReportExportState {
  running: Running | null;
  saved: Saved | null;
  /** Asks where to save (the save dialog), then renders the report with progress. */
  exportReport(target: ReportTarget, label: string): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

const Context = createContext<ReportExportState | null>(null);

/** Exporting PDF reports: one at a time, with progress, cancel, and "show in folder" when saved. */
export function ReportExportProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const [running, setRunning] = useState<Running | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);

  useEffect(
    () =>
      onProgress((e) =>
        setRunning((r) =>
          r && r.id === e.jobId ? { ...r, done: e.done, total: e.total, message: e.message } : r,
        ),
      ),
    [],
  );

  // A ref, not the state: two quick presses of the shortcut must not start two exports.
  const busy = useRef(false);
  const exportReport = useCallback(
    async (target: ReportTarget, label: string) => {
      if (busy.current) return toast('info', 'A report is already being exported');
      busy.current = true;
      const id = newJobId();
      setSaved(null);
      setRunning({ id, label, done: 0, total: 100, message: 'Choosing where to save…' });
      const r = await call('reports.export', { target, jobId: id });
      busy.current = false;
      setRunning(null);
      if (!r.ok) return toast(r.error.code === 'CANCELLED' ? 'info' : 'error', r.error.message);
      if (r.value.saved) setSaved({ path: r.value.path, pages: r.value.pages });
    },
    [toast],
  );

  const value = useMemo<ReportExportState>(
    () => ({
      running,
      saved,
      exportReport,
      cancel: () => running && void call('jobs.cancel', { jobId: running.id }),
      dismiss: () => setSaved(null),
    }),
    [running, saved, exportReport],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The export function and its state (inside ReportExportProvider). */
export function useReportExport(): ReportExportState {
  const state = useContext(Context);
  if (!state) throw new Error('useReportExport needs a ReportExportProvider');
  return state;
}

/** The progress of the report being exported, then where it was saved with "Show in folder". */
export function ReportExportStatus() {
  const toast = useToast();
  const { running, saved, cancel, dismiss } = useReportExport();
  if (running)
    return (
      <div className="job-banner">
        <ProgressBar
          label={running.label}
          done={running.done}
          total={running.total}
          message={running.message}
          onCancel={cancel}
        />
      </div>
    );
  if (!saved) return null;
  const show = async () => {
    const r = await call('reports.showInFolder', { path: saved.path });
    if (!r.ok) toast('error', r.error.message);
  };
  return (
    <div className="job-banner report-done" role="status">
      <span>
        Saved {saved.pages} page{saved.pages === 1 ? '' : 's'} to <strong>{saved.path}</strong>
      </span>
      <button type="button" className="button" onClick={() => void show()}>
        Show in folder
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

/** A button that exports one report. */
export function ExportReportButton({
  target,
  label,
  text,
}: {
  target: ReportTarget;
  label: string;
  text: string;
}) {
  const { running, exportReport } = useReportExport();
  return (
    <button
      type="button"
      className="button"
      disabled={running !== null}
      onClick={() => void exportReport(target, label)}
    >
      {text}
    </button>
  );
}
