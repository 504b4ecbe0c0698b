import { formatBytes as size } from '../../electron/domain/backups';
import { baseName } from '../../electron/domain/file-name';
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../electron/ipc/contract';
import { useJob } from '../hooks/useJob';
import { useOperation } from '../hooks/useOperation';
import { ConfirmDialog } from './ConfirmDialog';
import { useToast } from './Toasts';

type Backups = ResponseOf<'backups.list'>;
type Snapshot = Backups['snapshots'][number];

const REASONS: Record<string, string> = {
  manual: 'Taken by hand',
  migration: 'Before an upgrade',
  import: 'Before an import',
  daily: 'Daily',
  'before-restore': 'Before a restore',
};

/**
 * Backups in Settings: the snapshots kept in the data folder (each can be restored), a
 * snapshot now, and backing up to or restoring from a file of one's own (how many to keep
 * is a field of the Settings form).
 * A restore checks the file first and keeps the current data as a snapshot; the window
 * then reloads to show the restored data.
 */
export function BackupSettings({
  saved = 0,
}: {
  /** Bumped when the Settings form saved: the list is read again. */ saved?: number;
}) {
  const toast = useToast();
  const [backups, setBackups] = useState<Backups | null>(null);
  const [restoring, setRestoring] = useState<Snapshot | null>(null);
  /** A snapshot, backup or restore: one at a time. */
  const job = useJob();
  const busy = job.running !== null;
  const { run: list } = useOperation('backups.list');

  const [revision, setRevision] = useState(0);
  const load = useCallback(() => setRevision((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    void list({}).then((r) => {
      if (!current || !r.ok) return;
      setBackups(r.value);
    });
    return () => {
      current = false;
    };
  }, [revision, saved, list]);

  const restored = (from: string, keptAs: string) => {
    toast('success', `Restored ${baseName(from)}. The data before it is kept as ${baseName(keptAs)}.`);
    // Everything on screen came from the old data.
    setTimeout(() => window.location.reload(), 1200);
  };

  // Each reloads the list when done, whatever came of it.
  const snapshotNow = async () => {
    const r = await job.start('backups.snapshot', {});
    if (r?.ok) toast('success', `Snapshot taken (${size(r.value.bytes)})`);
    load();
  };
  const saveAs = async () => {
    const r = await job.start('backups.saveAs', {});
    if (r?.ok && r.value.saved)
      toast('success', `Backed up to ${baseName(r.value.path)} (${size(r.value.bytes)})`);
    load();
  };
  const restoreFromFile = async () => {
    const r = await job.start('backups.restoreFromFile', {});
    if (r?.ok && r.value.restored) restored(r.value.restoredFrom, r.value.keptAs);
    load();
  };
  const restoreSnapshot = async (s: Snapshot) => {
    setRestoring(null);
    const r = await job.start('backups.restoreSnapshot', { file: s.file });
    if (r?.ok) restored(s.file, r.value.keptAs);
    load();
  };
  return (
    <section className="settings-section" aria-label="Backups">
      <h2>Backups</h2>
      <p className="cell-muted">
        A snapshot of your data is taken before every import and upgrade, and once a day while the app is
        open; how many are kept is set above.
        {backups && (
          <>
            {' '}
            They are kept in <span className="mono">{backups.dir}</span>.
          </>
        )}
      </p>
      <div className="inline">
        <button type="button" className="button" disabled={busy} onClick={() => void snapshotNow()}>
          Take a snapshot now
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void saveAs()}>
          Back up to file…
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void restoreFromFile()}>
          Restore from file…
        </button>
        {busy && <span className="cell-muted">Working…</span>}
      </div>
      {backups && backups.snapshots.length === 0 ? (
        <p className="cell-muted">No snapshots yet.</p>
      ) : (
        <table className="explanation-table" aria-label="Snapshots">
          <thead>
            <tr>
              <th scope="col">Taken (UTC)</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups?.snapshots.map((s) => (
              <tr key={s.file}>
                <td>{s.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{REASONS[s.reason] ?? s.reason}</td>
                <td>{size(s.bytes)}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    aria-label={`Restore the snapshot of ${s.at.slice(0, 19).replace('T', ' ')}`}
                    onClick={() => setRestoring(s)}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={restoring !== null}
        title="Restore this snapshot?"
        message={
          restoring
            ? `Your data is replaced with the snapshot of ${restoring.at.slice(0, 19).replace('T', ' ')} UTC. The current data is kept as a new snapshot first, so this can be undone.`
            : ''
        }
        confirmLabel="Restore"
        danger
        busy={busy}
        onConfirm={() => restoring && void restoreSnapshot(restoring)}
        onCancel={() => setRestoring(null)}
      />
    </section>
  );
}
