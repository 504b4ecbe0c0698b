import { useState } from 'react';
import { call, type ResponseOf } from '../api';
import { useJob } from '../hooks/useJob';
import { Dialog } from './Dialog';
import { JobProgress } from './ProgressBar';
import { AdvisoryImportResult } from './AdvisoryImportResult';
import './AdvisoryImportDialog.css';

type Summary = ResponseOf<'advisories.import'>;
type Opened = ResponseOf<'advisories.choose'>['files'];

/**
 * Imports advisories (CSAF files, folders, zips) and CISA's known exploited vulnerabilities
 * catalog (JSON or CSV) from files the app's open dialog chose — several at once — with
 * progress and cancel, then says what was added, replaced, unchanged and refused.
 * `onImported` is told as soon as anything was written (the lists behind refresh).
 */
export function AdvisoryImportDialog({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose(): void;
  onImported(): void;
}) {
  const job = useJob({ toast: false });
  const [chosen, setChosen] = useState<Opened>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (folders: boolean) => {
    if (job.isRunning()) return;
    setError(null);
    const picked = await call('advisories.choose', { folders });
    if (!picked.ok) return setError(picked.error.message);
    if (!picked.value.files.length) return;
    setChosen(picked.value.files);
    setSummary(null);
    const r = await job.start(
      'advisories.import',
      { fileIds: picked.value.files.map((f) => f.fileId) },
      {
        label: 'Importing advisories',
        total: 1,
        message: 'Reading the files',
        // Closed meanwhile: what was written still shows in the lists.
        onStale: (stale) => stale.ok && onImported(),
      },
    );
    if (!r) return;
    if (!r.ok) return setError(r.error.message);
    setSummary(r.value);
    onImported();
  };

  const close = () => {
    job.abandon();
    setChosen([]);
    setSummary(null);
    setError(null);
    onClose();
  };

  const running = job.running !== null;
  return (
    <Dialog
      title="Import advisories"
      open={open}
      onClose={close}
      wide
      footer={
        <>
          <button
            type="button"
            className="button"
            disabled={running}
            onClick={() => void choose(true)}
            data-autofocus={summary ? undefined : true}
          >
            Choose folders…
          </button>
          <button type="button" className="button" disabled={running} onClick={() => void choose(false)}>
            {summary ? 'Import more files…' : 'Choose files…'}
          </button>
          <button type="button" className="button button-primary" disabled={running} onClick={close}>
            Done
          </button>
        </>
      }
    >
      <div className="advisory-import">
        {!summary && !running && (
          <div className="advisory-import-intro">
            <p>
              Choose the files you downloaded yourself; nothing is downloaded by the app. Several files or
              folders can be chosen at once, and each file is recognised by its content:
            </p>
            <ul>
              <li>
                <strong>CSAF 2.0 advisories</strong> (JSON) from CISA or a maker, a folder of them (subfolders
                included) or a zip of a whole repository;
              </li>
              <li>
                <strong>CISA’s known exploited vulnerabilities catalog</strong>,{' '}
                <code>known_exploited_vulnerabilities.json</code> or <code>.csv</code>.
              </li>
            </ul>
            <p className="cell-muted">
              A newer revision of an advisory replaces the one stored; a new catalog replaces the old one. The
              devices are matched again at once.
            </p>
          </div>
        )}
        {chosen.length > 0 && (
          <p className="advisory-import-chosen" data-testid="advisory-import-chosen">
            {chosen.length === 1
              ? `${chosen[0]!.folder ? 'Folder' : 'File'} ${chosen[0]!.fileName}`
              : `${chosen.length} chosen: ${chosen
                  .slice(0, 3)
                  .map((f) => f.fileName)
                  .join(', ')}${chosen.length > 3 ? ', …' : ''}`}
          </p>
        )}
        <JobProgress job={job} focusCancel />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {summary && <AdvisoryImportResult summary={summary} />}
      </div>
    </Dialog>
  );
}
