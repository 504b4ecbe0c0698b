import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../electron/ipc/contract';
import { useJob, type Job } from '../hooks/useJob';
import { useOperation } from '../hooks/useOperation';
import { JobProgress } from './ProgressBar';
import { useToast } from './Toasts';
import './SampleData.css';

/** Sent on the window when the sample warehouse was loaded or removed, so the shell reloads its figures. */
export const SAMPLE_CHANGED = 'vendor-risk:sample-changed';

type Status = ResponseOf<'demo.status'>;

/** Whether the sample warehouse is loaded, read again on each `revision` and when it changes. */
function useSampleStatus(revision: number): Status | null {
  const [status, setStatus] = useState<Status | null>(null);
  const [changed, setChanged] = useState(0);
  const { run } = useOperation('demo.status', { toast: false });
  useEffect(() => {
    const bump = () => setChanged((n) => n + 1);
    window.addEventListener(SAMPLE_CHANGED, bump);
    return () => window.removeEventListener(SAMPLE_CHANGED, bump);
  }, []);
  useEffect(() => {
    let current = true;
    void run({}).then((r) => current && r.ok && setStatus(r.value));
    return () => {
      current = false;
    };
  }, [run, revision, changed]);
  return status;
}

/** Removes the sample warehouse as a job; tells the window and says what went. */
function useRemoveSample(job: Job, onRemoved?: () => void) {
  const toast = useToast();
  return useCallback(async () => {
    if (job.isRunning()) return;
    const r = await job.start(
      'demo.remove',
      {},
      { label: 'Removing the sample warehouse', message: 'Starting…' },
    );
    if (!r?.ok) return;
    const kept = r.value.kept.length
      ? ` ${r.value.kept.join(', ')} kept: you added your own work to them.`
      : '';
    toast(
      'success',
      r.value.removed
        ? `Removed the sample warehouse (${r.value.counts.vendors} vendors).${kept}`
        : 'There was no sample data',
    );
    window.dispatchEvent(new Event(SAMPLE_CHANGED));
    onRemoved?.();
  }, [job, toast, onRemoved]);
}

/** The line over every page while the sample warehouse is loaded, with its one-click removal. */
export function SampleBanner({ revision, onRemoved }: { revision: number; onRemoved(): void }) {
  const status = useSampleStatus(revision);
  const job = useJob();
  const remove = useRemoveSample(job, onRemoved);
  if (!status?.present) return null;
  return (
    <div className="sample-banner" role="status">
      {job.running ? (
        <JobProgress job={job} />
      ) : (
        <>
          <span>You are looking at a sample warehouse.</span>
          <button type="button" className="button button-quiet" onClick={() => void remove()}>
            Remove sample data
          </button>
        </>
      )}
    </div>
  );
}

/** Settings → Sample data: whether it is loaded, what it holds, and its removal. */
export function SampleDataSettings() {
  const status = useSampleStatus(0);
  const job = useJob();
  const remove = useRemoveSample(job);
  const c = status?.counts;
  return (
    <section className="sample-settings" aria-labelledby="sample-settings-title">
      <h2 id="sample-settings-title">Sample data</h2>
      {status === null ? null : status.present && c ? (
        <>
          <p>
            The sample warehouse was loaded on {status.loadedAt!.slice(0, 10)}: {c.vendors} vendors,{' '}
            {c.assessments} assessments, {c.decisions} decisions, {c.clauses} contract clauses, {c.devices}{' '}
            devices. Removing it deletes exactly that; what you added yourself stays.
          </p>
          {job.running ? (
            <JobProgress job={job} />
          ) : (
            <button type="button" className="button button-danger" onClick={() => void remove()}>
              Remove sample data
            </button>
          )}
        </>
      ) : (
        <p className="sample-settings-none">
          No sample data is loaded. File → Explore a Sample Warehouse loads it, and it can be removed here.
        </p>
      )}
    </section>
  );
}
