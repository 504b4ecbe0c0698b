/** One clause of a vendor's contract: its state, problems, the record's form and its comments. */
import { useState } from 'react';
import { call } from '../api';
import {
  CLAUSE_STATUSES,
  CLAUSE_STATUS_LABELS,
  formatClauseValue,
  type ClauseStatus,
  type VendorClauses as VendorContract,
} from '../../electron/domain/clauses';
import { ClauseValueInput, draftOf, valueOf, type ValueDraft } from '../components/ClauseValueInput';
import { Badge } from '../components/Badge';
import { useOperation } from '../hooks/useOperation';
import { roleLimited, saveRefusal, useRoleLimit } from '../hooks/useTeam';
import './ClauseRow.css';

type ContractClause = VendorContract['clauses'][number];

/** How each state reads, worst first; colour is never the only signal. */
export const STATE_LABELS = {
  deviates: 'Deviates',
  contradicts: 'Contradicts answers',
  missing: 'Not agreed',
  open: 'In negotiation',
  ok: 'Meets position',
  waived: 'Waived',
} as const;

/**
 * One clause of the contract. Its fields are the record as read when the row opened (or was
 * reloaded, or saved); the save states that record's version (team database), so a
 * colleague's save since is refused with who and when, what was typed staying until Reload.
 */
export function ClauseRow({
  vendorId,
  item,
  onSaved,
  onReload,
}: {
  vendorId: string;
  item: ContractClause;
  onSaved(contract: VendorContract): void;
  onReload(): Promise<VendorContract | null>;
}) {
  const { clause } = item;
  const [status, setStatus] = useState<ClauseStatus>(item.status);
  const [draft, setDraft] = useState<ValueDraft>(() => draftOf(item.value, clause.valueTypes));
  const [reference, setReference] = useState(item.reference);
  const [waiver, setWaiver] = useState(item.waiver ?? { reason: '', acceptedBy: '' });
  // The version of the record these fields were read from (0: none was recorded).
  const [readVersion, setReadVersion] = useState(item.version ?? 0);
  const [stale, setStale] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const setClause = useOperation('clauses.set', { toast: false });
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const recordLimit = useRoleLimit('vendor_clauses');
  const commentLimit = useRoleLimit('clause_comments');
  const id = `clause-${clause.id}`;

  const value = valueOf(draft);
  // Compared as the server stores them (trimmed), so a saved row does not look unsaved.
  const trimmed = (o: object | null) =>
    JSON.stringify(
      o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
    );
  /** Whether the fields hold something other than `record` (typed and not saved). */
  const differsFrom = (record: ContractClause) =>
    status !== record.status ||
    JSON.stringify(typeof value === 'string' ? draft : value) !== JSON.stringify(record.value) ||
    trimmed(reference) !== trimmed(record.reference) ||
    (status === 'waived' && trimmed(waiver) !== trimmed(record.waiver));
  const dirty = differsFrom(item);

  /** The fields show `record` as stored, and a save states its version. */
  const takeRecord = (record: ContractClause) => {
    setStatus(record.status);
    setDraft(draftOf(record.value, clause.valueTypes));
    setReference(record.reference);
    setWaiver(record.waiver ?? { reason: '', acceptedBy: '' });
    setReadVersion(record.version ?? 0);
    setStale(false);
    setError(null);
  };

  // A newer record came in (a colleague's save, read by the contract's live refresh): a row
  // with nothing typed shows it; one being edited keeps what was typed, and its save is
  // refused as stale with who changed it.
  const [shown, setShown] = useState(item);
  if (shown !== item) {
    setShown(item);
    if ((item.version ?? 0) !== readVersion && !differsFrom(shown)) takeRecord(item);
  }

  const save = async () => {
    if (typeof value === 'string') return setError(value);
    const r = await setClause.run({
      vendorId,
      clauseId: clause.id,
      status,
      value,
      reference,
      waiver: status === 'waived' ? waiver : null,
      version: readVersion,
    });
    if (!r.ok) {
      const refusal = saveRefusal(r.error, 'this clause');
      setStale(refusal.stale);
      return setError(refusal.message);
    }
    setError(null);
    setReadVersion(r.value.clauses.find((c) => c.clause.id === clause.id)?.version ?? 0);
    onSaved(r.value);
  };
  const reload = async () => {
    const fresh = (await onReload())?.clauses.find((c) => c.clause.id === clause.id);
    if (fresh) takeRecord(fresh);
  };
  const addComment = async () => {
    if (!comment.trim()) return;
    const r = await call('clauses.comment', { vendorId, clauseId: clause.id, text: comment });
    if (!r.ok) return setError(r.error.message);
    setComment('');
    onSaved(r.value);
  };

  return (
    <article className={`clause clause-${item.state}`} aria-labelledby={`${id}-title`}>
      <header className="clause-head">
        <h3 id={`${id}-title`}>{clause.title}</h3>
        <Badge className={`clause-state clause-state-${item.state}`} testId={`${clause.id}-state`}>
          {STATE_LABELS[item.state]}
        </Badge>
      </header>
      <p className="clause-position">
        <span className="cell-muted">Our position: </span>
        {clause.position.text}
      </p>
      <details className="clause-why">
        <summary>Why it matters</summary>
        <p>{clause.why}</p>
      </details>
      {(item.deviation.reasons.length > 0 ||
        item.contradictions.length > 0 ||
        item.deviation.unjudged.length > 0) && (
        <ul className="clause-problems" aria-label={`${clause.title}: problems`}>
          {item.deviation.reasons.map((r) => (
            <li key={r} className="problem-deviation">
              {item.status === 'agreed' ? r : `If agreed: ${r}`}
            </li>
          ))}
          {item.contradictions.map((r) => (
            <li key={r.message} className="problem-contradiction">
              {r.message}
            </li>
          ))}
          {item.deviation.unjudged.map((r) => (
            <li key={r}>{r} — review it yourself</li>
          ))}
        </ul>
      )}
      <form
        className="clause-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="clause-fields" {...roleLimited(recordLimit)}>
          <label>
            Status
            <select
              aria-label={`${clause.title}: status`}
              value={status}
              className={`status-select status-${status}`}
              onChange={(e) => setStatus(e.target.value as ClauseStatus)}
            >
              {CLAUSE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {CLAUSE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {status === 'agreed' ? 'Agreed value' : 'Value'}
            <ClauseValueInput
              id={`${id}-value`}
              label={`${clause.title}: value`}
              types={clause.valueTypes}
              draft={draft}
              onChange={setDraft}
            />
          </label>
          <fieldset className="reference">
            <legend>Where in the contract</legend>
            <input
              aria-label={`${clause.title}: document`}
              placeholder="Document"
              value={reference.document}
              maxLength={200}
              onChange={(e) => setReference({ ...reference, document: e.target.value })}
            />
            <input
              aria-label={`${clause.title}: section`}
              placeholder="Section"
              className="short-input"
              value={reference.section}
              maxLength={100}
              onChange={(e) => setReference({ ...reference, section: e.target.value })}
            />
            <input
              aria-label={`${clause.title}: page`}
              placeholder="Page"
              className="short-input"
              value={reference.page}
              maxLength={20}
              onChange={(e) => setReference({ ...reference, page: e.target.value })}
            />
          </fieldset>
          {status === 'waived' && (
            <fieldset className="reference">
              <legend>Waiver</legend>
              <input
                aria-label={`${clause.title}: why waived`}
                placeholder="Why it is waived"
                value={waiver.reason}
                maxLength={2000}
                onChange={(e) => setWaiver({ ...waiver, reason: e.target.value })}
              />
              <input
                aria-label={`${clause.title}: waiver accepted by`}
                placeholder="Accepted by"
                value={waiver.acceptedBy}
                maxLength={200}
                onChange={(e) => setWaiver({ ...waiver, acceptedBy: e.target.value })}
              />
            </fieldset>
          )}
          <button type="submit" className="button" disabled={!dirty || setClause.busy}>
            Save
          </button>
        </fieldset>
        {item.updatedBy && (
          <span className="cell-muted">
            {item.value ? `${formatClauseValue(item.value)} · ` : ''}saved by {item.updatedBy},{' '}
            {item.updatedAt!.slice(0, 10)}
          </span>
        )}
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
          {stale && (
            <>
              {' '}
              <button
                type="button"
                className="button button-quiet"
                aria-label={`${clause.title}: reload`}
                onClick={() => void reload()}
              >
                Reload
              </button>
            </>
          )}
        </p>
      )}
      <div className="clause-comments">
        {item.comments.map((c) => (
          <p key={c.id} className="comment">
            <span className="cell-muted">
              {c.author}, {c.at.slice(0, 10)}:
            </span>{' '}
            {c.text}
          </p>
        ))}
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void addComment();
          }}
        >
          <input
            aria-label={`${clause.title}: comment`}
            placeholder={commentLimit ?? 'Add a comment…'}
            value={comment}
            maxLength={5000}
            disabled={commentLimit !== null}
            onChange={(e) => setComment(e.target.value)}
          />
          <button
            type="submit"
            className="button button-quiet"
            disabled={!comment.trim() || commentLimit !== null}
            title={commentLimit ?? undefined}
          >
            Comment
          </button>
        </form>
      </div>
    </article>
  );
}
