import { useCallback, useEffect, useState } from 'react';
import { call } from '../api';
import {
  CLAUSE_GROUPS,
  CLAUSE_GROUP_LABELS,
  CLAUSE_STATUSES,
  CLAUSE_STATUS_LABELS,
  type ClauseStatus,
  type VendorClauses as VendorContract,
} from '../../electron/domain/clauses';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useToast } from '../components/Toasts';
import { Badge } from '../components/Badge';
import { PageHeader } from '../components/PageHeader';
import { FilterSelect } from '../components/FilterSelect';
import { useOperation } from '../hooks/useOperation';
import { roleLimited, useRoleLimit, useTeamChanges } from '../hooks/useTeam';
import { ClauseRow } from './ClauseRow';
import './ContractPage.css';

/** How each state reads (the legal matrix uses the same words). */
export { STATE_LABELS } from './ClauseRow';

type Filter = 'all' | 'attention' | ClauseStatus;

/** What a contract is computed from: a colleague's change to one of these reloads it (team database). */
const CONTRACT_TABLES = new Set([
  'vendor_clauses',
  'clause_comments',
  'legal_signoffs',
  'clause_library',
  'answers',
  'assessments',
  'vendors',
]);
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

  // After a stale refusal, or a colleague's change: the contract as it is now (rows being
  // edited keep what was typed in them; ClauseRow).
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const recordLimit = useRoleLimit('vendor_clauses');
  const signLimit = useRoleLimit('legal_signoffs');
  const reload = useCallback(async (): Promise<VendorContract | null> => {
    const r = await call('clauses.forVendor', { vendorId });
    if (!r.ok) return null;
    setContract(r.value);
    return r.value;
  }, [vendorId]);
  useTeamChanges(
    useCallback(
      (changes) => {
        if (changes.some((c) => CONTRACT_TABLES.has(c.table))) void reload();
      },
      [reload],
    ),
  );

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
        <button
          type="button"
          className="button button-primary nowrap"
          {...roleLimited(signLimit)}
          onClick={() => setSigning(true)}
        >
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
        {recordLimit && <span className="cell-muted">{recordLimit}: shown as recorded</span>}
      </div>
      {shown.length === 0 && <p className="empty">No clause matches this filter.</p>}
      {CLAUSE_GROUPS.map((group) => {
        const clauses = shown.filter((c) => c.clause.group === group);
        if (clauses.length === 0) return null;
        return (
          <section key={group} className="clause-group" aria-label={CLAUSE_GROUP_LABELS[group]}>
            <h2>{CLAUSE_GROUP_LABELS[group]}</h2>
            {clauses.map((c) => (
              <ClauseRow
                key={c.clause.id}
                vendorId={vendorId}
                item={c}
                onSaved={setContract}
                onReload={reload}
              />
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
