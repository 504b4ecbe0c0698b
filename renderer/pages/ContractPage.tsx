import { useEffect, useState } from 'react';
import { call } from '../api';
import {
  CLAUSE_GROUPS,
  CLAUSE_GROUP_LABELS,
  CLAUSE_STATUSES,
  CLAUSE_STATUS_LABELS,
  formatClauseValue,
  type ClauseStatus,
  type VendorClauses as VendorContract,
} from '../../electron/domain/clauses';
import { ClauseValueInput, draftOf, valueOf, type ValueDraft } from '../components/ClauseValueInput';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useToast } from '../components/Toasts';
import { Badge } from '../components/Badge';
import { PageHeader } from '../components/PageHeader';
import { FilterSelect } from '../components/FilterSelect';
import { useOperation } from '../hooks/useOperation';
import './ContractPage.css';

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

type Filter = 'all' | 'attention' | ClauseStatus;
const FILTER_CHOICES = [
  { value: 'all', label: 'All clauses' },
  { value: 'attention', label: 'Needing attention (deviating, contradicted, not agreed)' },
  ...CLAUSE_STATUSES.map((s) => ({ value: s, label: `${CLAUSE_STATUS_LABELS[s]} only` })),
];

/**
 * A vendor's contract checklist: every clause grouped, with status, value, reference,
 * comments and sign-off. Without `onBack` it is the Contract tab of the vendor's page (no
 * way back of its own, a section heading instead of the page's).
 */
export function ContractPage({ vendorId, onBack }: { vendorId: string; onBack?(): void }) {
  const [contract, setContract] = useState<VendorContract | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [signing, setSigning] = useState(false);
  const toast = useToast();
  const { run: signOffContract } = useOperation('clauses.signOff');

  useEffect(() => {
    void call('clauses.forVendor', { vendorId }).then((r) =>
      r.ok ? setContract(r.value) : setError(r.error.message),
    );
  }, [vendorId]);

  if (error)
    return (
      <p className="form-error page-error" role="alert">
        {error}
      </p>
    );
  if (!contract) return <div className="contract-page" aria-busy="true" />;

  const shown = contract.clauses.filter((c) =>
    filter === 'all'
      ? true
      : filter === 'attention'
        ? c.state === 'deviates' || c.state === 'contradicts' || c.state === 'missing' || c.state === 'open'
        : c.status === filter,
  );
  const counts = Object.fromEntries(
    (['deviates', 'contradicts', 'ok'] as const).map((s) => [
      s,
      contract.clauses.filter((c) => c.state === s).length,
    ]),
  ) as Record<'deviates' | 'contradicts' | 'ok', number>;

  const signOff = async () => {
    setSigning(false);
    const r = await signOffContract({ vendorId });
    if (r.ok) {
      setContract(r.value);
      toast('success', 'Contract signed off');
    }
  };

  const recorded = contract.clauses.filter((c) => c.status !== 'missing').length;
  const summary = `${counts.ok} meet our position · ${counts.deviates} deviate · ${counts.contradicts} contradict the vendor’s answers`;
  return (
    <div className="contract-page">
      {onBack ? (
        <>
          <button type="button" className="link contract-back" onClick={onBack}>
            ← {contract.vendor.name}
          </button>
          <PageHeader
            title="Contract clauses"
            count={`${recorded} of ${contract.clauses.length} on record`}
            description={summary}
          />
        </>
      ) : (
        <header className="contract-header">
          <h2>Contract clauses</h2>
          <p className="cell-muted">
            {summary} · {recorded} of {contract.clauses.length} on record
          </p>
        </header>
      )}
      <section
        className={`signoff signoff-${contract.signOffState}`}
        aria-label="Legal sign-off"
        data-testid="signoff"
      >
        <div>
          <strong>
            {contract.signOffState === 'none'
              ? 'Not signed off'
              : contract.signOffState === 'signed'
                ? `Signed off by ${contract.signOff!.reviewer} on ${contract.signOff!.signedAt.slice(0, 10)}`
                : 'Sign-off reopened'}
          </strong>
          {contract.signOffState === 'reopened' && (
            <span>
              {' '}
              —{' '}
              {contract.clauses.find((c) => c.clause.id === contract.signOff!.reopenedClause)?.clause.title ??
                contract.signOff!.reopenedClause}{' '}
              changed on {contract.signOff!.reopenedAt!.slice(0, 10)} by {contract.signOff!.reopenedBy}, after{' '}
              {contract.signOff!.reviewer} signed off on {contract.signOff!.signedAt.slice(0, 10)}.
            </span>
          )}
          {contract.needsReview && <Badge tone="high">Needs legal review</Badge>}
        </div>
        <button type="button" className="button button-primary nowrap" onClick={() => setSigning(true)}>
          {contract.signOffState === 'none' ? 'Sign off' : 'Sign off again'}
        </button>
      </section>
      <div className="toolbar toolbar-inline" role="toolbar" aria-label="Clause filters">
        <FilterSelect
          label="Show clauses"
          choices={FILTER_CHOICES}
          none="all"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
        />
        <span className="count">
          {shown.length} of {contract.clauses.length} clauses
        </span>
      </div>
      {shown.length === 0 && <p className="empty">No clause matches this filter.</p>}
      {CLAUSE_GROUPS.map((group) => {
        const clauses = shown.filter((c) => c.clause.group === group);
        if (clauses.length === 0) return null;
        return (
          <section key={group} className="clause-group" aria-label={CLAUSE_GROUP_LABELS[group]}>
            <h2>{CLAUSE_GROUP_LABELS[group]}</h2>
            {clauses.map((c) => (
              <ClauseRow key={c.clause.id} vendorId={vendorId} item={c} onSaved={setContract} />
            ))}
          </section>
        );
      })}
      <ConfirmDialog
        open={signing}
        title="Sign off this contract?"
        message="Your name, today's date and the status of every clause are recorded. A later change to any clause reopens the sign-off."
        confirmLabel="Sign off"
        onConfirm={() => void signOff()}
        onCancel={() => setSigning(false)}
      />
    </div>
  );
}

function ClauseRow({
  vendorId,
  item,
  onSaved,
}: {
  vendorId: string;
  item: ContractClause;
  onSaved(contract: VendorContract): void;
}) {
  const { clause } = item;
  const [status, setStatus] = useState<ClauseStatus>(item.status);
  const [draft, setDraft] = useState<ValueDraft>(() => draftOf(item.value, clause.valueTypes));
  const [reference, setReference] = useState(item.reference);
  const [waiver, setWaiver] = useState(item.waiver ?? { reason: '', acceptedBy: '' });
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const setClause = useOperation('clauses.set', { toast: false });
  const id = `clause-${clause.id}`;

  const value = valueOf(draft);
  // Compared as the server stores them (trimmed), so a saved row does not look unsaved.
  const trimmed = (o: object | null) =>
    JSON.stringify(
      o && Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
    );
  const dirty =
    status !== item.status ||
    JSON.stringify(typeof value === 'string' ? draft : value) !== JSON.stringify(item.value) ||
    trimmed(reference) !== trimmed(item.reference) ||
    (status === 'waived' && trimmed(waiver) !== trimmed(item.waiver));

  const save = async () => {
    if (typeof value === 'string') return setError(value);
    const r = await setClause.run({
      vendorId,
      clauseId: clause.id,
      status,
      value,
      reference,
      waiver: status === 'waived' ? waiver : null,
    });
    if (!r.ok) return setError(r.error.details?.[0]?.message ?? r.error.message);
    setError(null);
    onSaved(r.value);
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
            placeholder="Add a comment…"
            value={comment}
            maxLength={5000}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="button button-quiet" disabled={!comment.trim()}>
            Comment
          </button>
        </form>
      </div>
    </article>
  );
}
