import { useCallback, useEffect, useState } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import type { Issue } from '../../electron/domain/errors';
import type { Questionnaire } from '../../electron/domain/questionnaire';
import { useToast } from '../components/Toasts';
import { Badge } from '../components/Badge';
import { useOperation } from '../hooks/useOperation';
import { useRoleLimit } from '../hooks/useTeam';
import { PageHeader } from '../components/PageHeader';
import './QuestionnairesPage.css';

type Summary = ResponseOf<'questionnaires.list'>[number];
type Format = 'native' | 'vsaq';
interface Pending {
  fileName: string;
  content: string;
  format: Format;
  id: string;
  result: { ok: true; summary: Summary; report: unknown } | { ok: false; message: string; issues: Issue[] };
}

/** Guesses the format of a file: ours says so in its `format` field; anything else is tried as VSAQ. */
export function detectFormat(content: string): Format {
  try {
    const value = JSON.parse(content) as { format?: unknown };
    return value && value.format === 'vendor-risk-questionnaire/1' ? 'native' : 'vsaq';
  } catch {
    return 'vsaq';
  }
}

const idFromFileName = (name: string) =>
  `vsaq-${
    name
      .replace(/\.[^.]+$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'import'
  }`;

/** The questionnaire library: what is installed, and importing a questionnaire (ours or VSAQ) after a preview. */
export function QuestionnairesPage() {
  const toast = useToast();
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const importLimit = useRoleLimit('questionnaires');
  const [list, setList] = useState<Summary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [open, setOpen] = useState<Questionnaire | null>(null);
  const { run: importQuestionnaire } = useOperation('questionnaires.import');

  const refresh = useCallback(
    () =>
      void call('questionnaires.list', {}).then((r) => {
        if (r.ok) setList(r.value);
        setLoaded(true);
      }),
    [],
  );
  useEffect(refresh, [refresh]);

  const preview = async (fileName: string, content: string, format: Format) => {
    const id = idFromFileName(fileName);
    const r = await call('questionnaires.validate', {
      content,
      format,
      ...(format === 'vsaq' ? { id } : {}),
    });
    setPending({
      fileName,
      content,
      format,
      id,
      result: r.ok
        ? { ok: true, summary: r.value.questionnaire, report: r.value.report }
        : { ok: false, message: r.error.message, issues: r.error.details ?? [] },
    });
  };

  const install = async () => {
    if (!pending) return;
    const r = await importQuestionnaire({
      content: pending.content,
      format: pending.format,
      ...(pending.format === 'vsaq' ? { id: pending.id } : {}),
    });
    if (!r.ok) return;
    const q = r.value.questionnaire;
    toast(
      'success',
      r.value.unchanged
        ? `${q.title} ${q.version} was already installed`
        : r.value.upgradedFrom
          ? `Upgraded ${q.title} from ${r.value.upgradedFrom} to ${q.version}`
          : `Installed ${q.title} ${q.version}`,
    );
    setPending(null);
    refresh();
  };

  const importButton = (
    <label className="button button-primary file-button" title={importLimit ?? undefined}>
      Import questionnaire…
      <input
        type="file"
        accept=".json,application/json"
        aria-label="Import questionnaire file"
        disabled={importLimit !== null}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (file.size > 5_000_000) return toast('error', `${file.name} is larger than 5 MB`);
          const content = await file.text();
          void preview(file.name, content, detectFormat(content));
        }}
      />
    </label>
  );

  return (
    <div className="library">
      <div className="library-head">
        <PageHeader
          title="Questionnaires"
          count={loaded ? `${list.length} installed` : undefined}
          description="The question sets vendors and your own warehouse are assessed with. Open one to read its questions; import ours or a VSAQ template."
          actions={importButton}
        />
      </div>
      {pending && (
        <section className="import-preview" aria-label="Import preview">
          <h2>
            {pending.fileName}{' '}
            <span className="cell-muted">
              ({pending.format === 'vsaq' ? 'VSAQ template' : 'Vendor Risk Desk format'})
            </span>
          </h2>
          {pending.result.ok ? (
            <>
              <p>
                <strong>{pending.result.summary.title}</strong> version {pending.result.summary.version}:{' '}
                {pending.result.summary.sections} sections, {pending.result.summary.questions} questions.
              </p>
              <ImportReportView report={pending.result.report} />
              <div className="form-actions">
                <button type="button" className="button" onClick={() => setPending(null)}>
                  Cancel
                </button>
                <button type="button" className="button button-primary" onClick={() => void install()}>
                  Install
                </button>
              </div>
            </>
          ) : (
            <>
              <p className="form-error" role="alert">
                {pending.result.issues.length ? 'This file cannot be installed:' : pending.result.message}
              </p>
              {pending.result.issues.length > 0 && (
                <ul className="issue-list">
                  {pending.result.issues.slice(0, 50).map((i, n) => (
                    <li key={n}>
                      <code>{i.path || '(file)'}</code> {i.message}
                    </li>
                  ))}
                </ul>
              )}
              <button type="button" className="button" onClick={() => setPending(null)}>
                Close
              </button>
            </>
          )}
        </section>
      )}
      <div className="library-split">
        <div className="library-scroll">
          {loaded && list.length === 0 && (
            <div className="empty">
              <p className="empty-title">No questionnaires installed</p>
              <p>
                Next: import a questionnaire file (ours, or a VSAQ template) with Import questionnaire… above.
              </p>
            </div>
          )}
          <table className="library-table">
            <thead>
              <tr>
                <th scope="col">Questionnaire</th>
                <th scope="col">Version</th>
                <th scope="col">For</th>
                <th scope="col">Questions</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {list.map((q) => (
                <tr key={q.id} className={open?.id === q.id ? 'selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void call('questionnaires.get', { id: q.id }).then((r) => r.ok && setOpen(r.value))
                      }
                    >
                      {q.title}
                    </button>
                  </td>
                  <td>{q.version}</td>
                  <td>{q.audience === 'self' ? 'Self-assessment' : 'Vendors'}</td>
                  <td>{q.questions}</td>
                  <td>
                    {q.source === 'builtin' ? 'Built-in' : q.source === 'vsaq' ? 'VSAQ import' : 'Imported'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open && (
          <aside className="detail" aria-label="Questionnaire">
            <h2>{open.title}</h2>
            <p className="cell-muted">
              {open.id} · version {open.version}
            </p>
            <p>{open.description}</p>
            {open.sections.map((s) => (
              <section key={s.id}>
                <h3>{s.title}</h3>
                <ol className="question-outline">
                  {s.questions.map((q) => (
                    <li key={q.id}>
                      {q.text}
                      {q.redFlags.some((r) => r.knockout) && <Badge tone="critical"> knockout</Badge>}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </aside>
        )}
      </div>
    </div>
  );
}

function ImportReportView({ report }: { report: unknown }) {
  if (!report || typeof report !== 'object') return null;
  const r = report as {
    unmapped?: { path: string; type: string; reason: string }[];
    notes?: string[];
    renamedIds?: { from: string; to: string }[];
  };
  return (
    <div className="import-report">
      {r.unmapped && r.unmapped.length > 0 && (
        <>
          <h3>Not imported</h3>
          <ul>
            {r.unmapped.map((u, i) => (
              <li key={i}>
                <code>{u.path}</code> ({u.type}): {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.renamedIds && r.renamedIds.length > 0 && (
        <p>{r.renamedIds.length} ids were renamed to fit our format.</p>
      )}
      {r.notes && r.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul>
            {r.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
