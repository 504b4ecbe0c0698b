import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ReportTarget } from '../../electron/domain/report-api';
import { useJob, type RunningJob } from '../hooks/useJob';
import { useOperation } from '../hooks/useOperation';
import { Banner, JobProgress } from './ProgressBar';
import { useToast } from './Toasts';
import { baseName } from '../../electron/domain/file-name';
import './ReportExport.css';

interface Saved {
  path: string;
  pages: number;
}

interface ReportExportState {
  running: RunningJob | null;
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
  const { running, start, cancel, isRunning } = useJob();
  const [saved, setSaved] = useState<Saved | null>(null);

  const exportReport = useCallback(
    async (target: ReportTarget, label: string) => {
      // Asked of the hook, not the state: two quick presses of the shortcut must not start two exports.
      if (isRunning()) return toast('info', 'A report is already being exported');
      setSaved(null);
      const r = await start(
        'reports.export',
        { target },
        { label, total: 100, message: 'Choosing where to save…' },
      );
      if (r?.ok && r.value.saved) setSaved({ path: r.value.path, pages: r.value.pages });
    },
    [isRunning, start, toast],
  );

  const value = useMemo<ReportExportState>(
    () => ({ running, saved, exportReport, cancel, dismiss: () => setSaved(null) }),
    [running, saved, exportReport, cancel],
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
  const showInFolder = useOperation('reports.showInFolder');
  const { running, saved, cancel, dismiss } = useReportExport();
  if (running) return <JobProgress job={{ running, cancel }} banner />;
  if (!saved) return null;
  const show = () => showInFolder.run({ path: saved.path });
  return (
    <Banner className="report-done" role="status">
      <span>
        Saved {saved.pages} page{saved.pages === 1 ? '' : 's'} to{' '}
        <strong title={saved.path}>{baseName(saved.path)}</strong>
      </span>
      <button type="button" className="button" onClick={() => void show()}>
        Show in folder
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </Banner>
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
