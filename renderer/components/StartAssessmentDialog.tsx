import { useEffect, useId, useRef, useState } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { suggestQuestionnaires } from '../../electron/domain/suggest-questionnaires';
import type { VendorSummary } from '../../electron/domain/vendor';
import { Dialog } from './Dialog';
import { useOperation } from '../hooks/useOperation';
import { SbomRequestPicker } from './SbomRequestPicker';
import type { SbomRequest } from '../../electron/domain/exchange-sbom';
import './StartAssessmentDialog.css';

type QuestionnaireSummary = ResponseOf<'questionnaires.list'>[number];

interface StartAssessmentDialogProps {
  /** The vendor, or null for a self-assessment. */
  vendor: Pick<VendorSummary, 'id' | 'name' | 'category' | 'dataTouched' | 'criticality'> | null;
  open: boolean;
  onClose(): void;
  onStarted(assessmentId: string): void;
  /** 'send': the questionnaires go to the vendor as a file (workbook or form) instead. */
  mode?: 'start' | 'send';
  /** Told where the file was saved (send mode). */
  onSent?(path: string): void;
}

/** Choose questionnaires (the ones that fit the vendor are pre-selected) and start. */
export function StartAssessmentDialog({
  vendor,
  open,
  onClose,
  onStarted,
  mode = 'start',
  onSent,
}: StartAssessmentDialogProps) {
  const [format, setFormat] = useState<'xlsx' | 'html'>('xlsx');
  const [due, setDue] = useState('');
  const [sboms, setSboms] = useState<SbomRequest[]>([]);
  const sbomsTicked = useRef(false);
  const dueHint = useId();
  const [available, setAvailable] = useState<QuestionnaireSummary[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [suggested, setSuggested] = useState<string[]>([]);
  const [why, setWhy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const starting = useOperation('assessments.start', { toast: false });
  const exporting = useOperation('exchange.export', { toast: false });
  const busy = starting.busy || exporting.busy;

  useEffect(() => {
    if (!open) return;
    sbomsTicked.current = false;
    void (async () => {
      const [list, before] = await Promise.all([
        call('questionnaires.list', {}),
        vendor ? call('assessments.list', { vendorId: vendor.id }) : null,
      ]);
      if (!list.ok) return setError(list.error.message);
      const fitting = list.value.filter((q) => q.audience === (vendor ? 'vendor' : 'self'));
      if (vendor) {
        const s = suggestQuestionnaires(vendor, fitting, Boolean(before?.ok && before.value.length > 0));
        const byId = new Map(fitting.map((q) => [q.id, q]));
        setAvailable(s.order.map((id) => byId.get(id)!));
        setChosen(s.chosen);
        setSuggested(s.chosen);
        setWhy(s.why);
      } else {
        setAvailable(fitting);
        setChosen(fitting.map((q) => q.id).slice(0, 1));
        setSuggested([]);
        setWhy(null);
      }
      setError(null);
      // Cleared for a new opening, unless a box was ticked while the lists were on their way.
      if (!sbomsTicked.current) setSboms([]);
    })();
    // Not re-run when the vendor object is reloaded: that would undo the user's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, vendor?.id]);

  const start = async () => {
    const r = await starting.run({ vendorId: vendor?.id ?? null, questionnaireIds: chosen });
    if (r.ok) onStarted(r.value.id);
    else setError(r.error.message);
  };

  const send = async () => {
    if (!vendor) return;
    const r = await exporting.run({
      vendorId: vendor.id,
      questionnaireIds: chosen,
      format,
      ...(due ? { dueDate: due } : {}),
      sboms: format === 'html' ? sboms : [],
    });
    if (!r.ok) return setError(r.error.message);
    if (r.value.saved) onSent?.(r.value.path);
  };

  const questions = available.filter((q) => chosen.includes(q.id)).reduce((n, q) => n + q.questions, 0);
  return (
    <Dialog
      title={
        mode === 'send' && vendor
          ? `Send a questionnaire to ${vendor.name}`
          : vendor
            ? `Assess ${vendor.name}`
            : 'Start a self-assessment'
      }
      open={open}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="cell-muted footer-note" data-testid="selection-count" aria-live="polite">
            {plural(chosen.length, 'questionnaire')} · {plural(questions, 'question')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || chosen.length === 0}
            onClick={() => void (mode === 'send' ? send() : start())}
          >
            {mode === 'send' ? 'Save file…' : 'Start assessment'}
          </button>
        </>
      }
    >
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {why && <p className="cell-muted suggestion-why">{why}</p>}
      {mode === 'send' && (
        <fieldset className="report-choices">
          <legend>File for the vendor</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="exchange-format"
              checked={format === 'xlsx'}
              onChange={() => setFormat('xlsx')}
            />
            Workbook (.xlsx): drop-downs, answers in Excel or LibreOffice, sent back as it is
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="exchange-format"
              checked={format === 'html'}
              onChange={() => setFormat('html')}
            />
            Form (.html): opens in any browser offline, saves a response file to send back
          </label>
          <div className="due-date">
            <label>
              Answers due (optional){' '}
              <input
                type="date"
                value={due}
                aria-describedby={dueHint}
                onChange={(e) => setDue(e.target.value)}
              />
            </label>
            <span id={dueHint} className="cell-muted">
              Shown at the top of the form and in the workbook; without it the form says “No due date”.
            </span>
          </div>
        </fieldset>
      )}
      {mode === 'send' && vendor && open && (
        <SbomRequestPicker
          vendorId={vendor.id}
          enabled={format === 'html'}
          chosen={sboms}
          onChange={(next) => {
            sbomsTicked.current = true;
            setSboms(next);
          }}
        />
      )}
      <ul className="questionnaire-choices">
        {available.map((q) => (
          <li key={q.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                data-autofocus={q === available[0] ? true : undefined}
                checked={chosen.includes(q.id)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, q.id] : c.filter((x) => x !== q.id)))
                }
              />
              <span>
                <strong>{q.title}</strong>{' '}
                {suggested.includes(q.id) && <span className="suggested-mark">Suggested</span>}{' '}
                <span className="cell-muted">
                  v{q.version} · {q.questions} questions
                </span>
                <br />
                <span className="cell-muted">{q.description}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** "1 questionnaire", "3 questionnaires". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
