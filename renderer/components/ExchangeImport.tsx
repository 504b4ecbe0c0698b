import { useRef, useState } from 'react';
import { call } from '../api';
import { toBase64 } from '../files';
import { useJob } from '../hooks/useJob';
import { useOperation } from '../hooks/useOperation';
import type { ResponseOf } from '../../electron/ipc/contract';
import { Dialog } from './Dialog';
import { ExchangeSbomReview } from './ExchangeSbomReview';
import { useToast } from './Toasts';
import { useRoleLimit } from '../hooks/useTeam';
import { olderPackageNote } from '../../electron/domain/exchange';

type Preview = ResponseOf<'exchange.preview'>;

const STATE_LABELS = { new: 'New', changed: 'Changed', same: 'Unchanged', invalid: 'Invalid' } as const;

/**
 * A vendor's returned workbook or response file: read and checked in the main process,
 * then each incoming answer beside the current one; accept all, or the ones ticked.
 */
export function ExchangeImport({ vendorId, onImported }: { vendorId: string; onImported(): void }) {
  const toast = useToast();
  const roleLimit = useRoleLimit('exchange_responses');
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const reading = useJob();
  const applying = useOperation('exchange.apply');
  const busy = reading.running !== null || applying.busy;

  const acceptable = (p: Preview) => p.rows.filter((r) => r.state === 'new' || r.state === 'changed');
  /** SBOM files or answers that accepting records (even with no answer chosen). */
  const sbomReplies = (p: Preview) => p.sboms.filter((s) => s.state !== 'missing').length;

  const read = async (file: File) => {
    const r = await reading.start(
      'exchange.preview',
      { vendorId, fileName: file.name, contentBase64: await toBase64(file) },
      { onStale: (stale) => stale.ok && void call('exchange.discard', { token: stale.value.token }) },
    );
    if (!r?.ok) return;
    setPreview(r.value);
    setChosen(new Set(acceptable(r.value).map((x) => x.key)));
  };

  const close = () => {
    if (preview) void call('exchange.discard', { token: preview.token });
    setPreview(null);
  };

  const accept = async (which: 'all' | string[]) => {
    if (!preview) return;
    const r = await applying.run({ token: preview.token, accept: which });
    if (!r.ok) return;
    const attached = r.value.sboms.filter((s) => s.outcome === 'attached').length;
    const refused = r.value.sboms.filter((s) => s.outcome === 'refused');
    const unavailable = r.value.sboms.filter((s) => s.outcome === 'not-available').length;
    toast(
      'success',
      `Accepted ${r.value.accepted} answers from ${preview.fileName}` +
        (r.value.hidden
          ? ` (${r.value.hidden} answer questions that the other answers hide: kept, not counted)`
          : '') +
        (attached ? `; attached ${attached} SBOM or VEX file${attached === 1 ? '' : 's'}` : '') +
        (unavailable ? `; ${unavailable} SBOM${unavailable === 1 ? '' : 's'} not available` : ''),
    );
    for (const x of refused) toast('error', `Refused ${x.fileName ?? 'an SBOM'}: ${x.detail}`);
    setPreview(null);
    onImported();
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy || roleLimit !== null}
        title={roleLimit ?? undefined}
        onClick={() => input.current?.click()}
      >
        Import response…
      </button>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.json"
        hidden
        aria-label="Response file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      <Dialog
        title={preview ? `Review the response: ${preview.fileName}` : 'Review the response'}
        open={preview !== null}
        onClose={close}
        wide
        footer={
          preview && (
            <>
              <span className="cell-muted footer-note">
                {preview.counts.new} new, {preview.counts.changed} changed, {preview.counts.same} unchanged,{' '}
                {preview.counts.invalid} invalid
              </span>
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button
                type="button"
                className="button"
                disabled={busy || (chosen.size === 0 && sbomReplies(preview) === 0)}
                onClick={() => void accept([...chosen])}
              >
                Accept selected ({chosen.size})
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={busy || (acceptable(preview).length === 0 && sbomReplies(preview) === 0)}
                onClick={() => void accept('all')}
              >
                Accept all valid
              </button>
            </>
          )
        }
      >
        {preview && (
          <>
            <p className="cell-muted">
              Into the assessment “{preview.assessment.title}” ({preview.assessment.status}).
            </p>
            {preview.alreadyImported && <p className="notice">This same file was imported before.</p>}
            {preview.newerPackage && <p className="notice">{olderPackageNote(preview.newerPackage)}</p>}
            {preview.problems.length > 0 && (
              <div className="notice notice-error" role="alert">
                <strong>Problems in the file</strong>
                <ul>
                  {preview.problems.slice(0, 20).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
            <ExchangeSbomReview rows={preview.sboms} />
            {preview.rows.length === 0 && <p className="cell-muted">No answers in the file.</p>}
            <table
              className="explanation-table"
              aria-label="Incoming answers"
              hidden={preview.rows.length === 0}
            >
              <thead>
                <tr>
                  <th scope="col">Accept</th>
                  <th scope="col">Question</th>
                  <th scope="col">Now</th>
                  <th scope="col">Incoming</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => {
                  const can = r.state === 'new' || r.state === 'changed';
                  return (
                    <tr key={r.key}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Accept the answer to ${r.question}`}
                          disabled={!can}
                          checked={chosen.has(r.key)}
                          onChange={(e) =>
                            setChosen((c) => {
                              const next = new Set(c);
                              if (e.target.checked) next.add(r.key);
                              else next.delete(r.key);
                              return next;
                            })
                          }
                        />
                      </td>
                      <td>
                        {r.question}
                        <br />
                        <span className="cell-muted">{r.where}</span>
                      </td>
                      <td>{r.current || '—'}</td>
                      <td>
                        {r.incoming || '—'}
                        {r.incomingNote && <div className="cell-muted">{r.incomingNote}</div>}
                        {r.problem && <div className="form-error">{r.problem}</div>}
                        {r.hidden && (
                          <div className="cell-muted">Hidden by the other answers: kept, not counted</div>
                        )}
                      </td>
                      <td>{STATE_LABELS[r.state]}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </Dialog>
    </>
  );
}
