import { Fragment, useEffect, useState } from 'react';
import { call } from '../api';
import { download } from '../files';
import { useJob } from '../hooks/useJob';
import { useOperation } from '../hooks/useOperation';
import { FilterSelect } from '../components/FilterSelect';
import { PageHeader } from '../components/PageHeader';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type AuditAction,
  type AuditEntity,
} from '../../electron/domain/audit';
import {
  auditActionWords,
  auditEntityWords,
  auditFieldWords,
  auditRecordName,
} from '../../electron/domain/audit-words';
import type { ResponseOf } from '../../electron/ipc/contract';
import { useToast } from '../components/Toasts';
import './AuditPage.css';

type Page = ResponseOf<'audit.list'>;
type Verdict = ResponseOf<'audit.verify'>;
const PAGE = 100;

interface Filters {
  vendorId: string;
  entity: AuditEntity | '';
  action: AuditAction | '';
  actor: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { vendorId: '', entity: '', action: '', actor: '', from: '', to: '' };
const ENTITY_CHOICES = [
  { value: '', label: 'Any record' },
  ...AUDIT_ENTITIES.map((e) => ({ value: e, label: auditEntityWords(e) })),
];
const ACTION_CHOICES = [
  { value: '', label: 'Any action' },
  ...AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionWords(a) })),
];

/** The filters as the audit operations take them. */
function queryOf(f: Filters) {
  return {
    ...(f.vendorId ? { vendorId: f.vendorId } : {}),
    entities: f.entity ? [f.entity] : [],
    actions: f.action ? [f.action] : [],
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** The audit trail: every change, filtered; each one's before and after; the chain checked; exports. */
export function AuditPage() {
  const toast = useToast();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [vendors, setVendors] = useState<{ id: string; name: string }[]>([]);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const verifying = useJob();
  const checking = verifying.running !== null;
  const { run: list } = useOperation('audit.list');
  const exportCsv = useOperation('audit.exportCsv');
  const exportJson = useOperation('audit.exportJson');

  useEffect(() => {
    void call('vendors.list', {}).then(
      (r) => r.ok && setVendors(r.value.items.map((v) => ({ id: v.id, name: v.name }))),
    );
  }, []);

  useEffect(() => {
    let current = true;
    void list({ ...queryOf(filters), limit: PAGE, offset }).then((r) => {
      if (current && r.ok) setPage(r.value);
    });
    return () => {
      current = false;
    };
  }, [filters, offset, list]);

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
    setOpen(null);
  };

  const verify = async () => {
    const r = await verifying.start('audit.verify', {});
    if (r?.ok) setVerdict(r.value);
  };

  const exportAs = async (format: 'csv' | 'json') => {
    const day = new Date().toISOString().slice(0, 10);
    if (format === 'csv') {
      const r = await exportCsv.run(queryOf(filters));
      if (!r.ok) return;
      download(r.value.csv, `audit-trail-${day}.csv`);
      toast('success', `Exported ${exportedCount(r.value)} to audit-trail-${day}.csv`);
    } else {
      const r = await exportJson.run(queryOf(filters));
      if (!r.ok) return;
      download(r.value.json, `audit-trail-${day}.json`, 'application/json');
      toast('success', `Exported ${exportedCount(r.value)} with their hashes to audit-trail-${day}.json`);
    }
  };

  const total = page?.total ?? 0;
  return (
    <div className="audit-page">
      <PageHeader
        title="Audit trail"
        count={page ? `${total} entr${total === 1 ? 'y' : 'ies'}` : undefined}
        description="Every change, who made it and when; each entry is chained to the one before, so a rewrite shows."
        actions={
          <>
            <button type="button" className="button" onClick={() => void exportAs('csv')}>
              Export CSV
            </button>
            <button type="button" className="button" onClick={() => void exportAs('json')}>
              Export JSON
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={checking}
              onClick={() => void verify()}
            >
              {checking ? 'Checking…' : 'Verify the audit trail'}
            </button>
          </>
        }
      />
      {verdict && (
        <div
          className={verdict.ok ? 'notice notice-ok' : 'notice notice-error'}
          role={verdict.ok ? 'status' : 'alert'}
          data-testid="audit-verdict"
        >
          <VerdictText verdict={verdict} />
        </div>
      )}
      <div className="audit-filters" role="group" aria-label="Filter the audit trail">
        <label className="audit-filter">
          <span>Vendor</span>
          <FilterSelect
            label="Vendor"
            choices={[
              { value: '', label: 'All vendors' },
              ...vendors.map((v) => ({ value: v.id, label: v.name })),
            ]}
            value={filters.vendorId}
            onChange={(v) => set({ vendorId: v })}
          />
        </label>
        <label className="audit-filter">
          <span>Record</span>
          <FilterSelect
            label="Record"
            choices={ENTITY_CHOICES}
            value={filters.entity}
            onChange={(v) => set({ entity: v as AuditEntity | '' })}
          />
        </label>
        <label className="audit-filter">
          <span>Action</span>
          <FilterSelect
            label="Action"
            choices={ACTION_CHOICES}
            value={filters.action}
            onChange={(v) => set({ action: v as AuditAction | '' })}
          />
        </label>
        <label className="audit-filter">
          <span>User</span>
          <input
            type="search"
            placeholder="Anyone"
            className={filters.actor ? 'filter-active' : undefined}
            value={filters.actor}
            onChange={(e) => set({ actor: e.target.value })}
          />
        </label>
        <fieldset className="audit-filter audit-dates">
          <legend>Date (UTC)</legend>
          <div className="audit-date-row">
            <label>
              From
              <input
                type="date"
                className={filters.from ? 'filter-active' : undefined}
                value={filters.from}
                max={filters.to || undefined}
                onChange={(e) => set({ from: e.target.value })}
              />
            </label>
            <label>
              To
              <input
                type="date"
                className={filters.to ? 'filter-active' : undefined}
                value={filters.to}
                min={filters.from || undefined}
                onChange={(e) => set({ to: e.target.value })}
              />
            </label>
          </div>
        </fieldset>
        {JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) && (
          <button type="button" className="button button-quiet audit-clear" onClick={() => set(NO_FILTERS)}>
            Clear filters
          </button>
        )}
      </div>
      {page && page.items.length === 0 ? (
        <div className="empty">
          {JSON.stringify(filters) === JSON.stringify(NO_FILTERS) ? (
            <>
              <p className="empty-title">Nothing recorded yet</p>
              <p>Every change you make from now on is recorded here: add a vendor to begin.</p>
            </>
          ) : (
            <>
              <p className="empty-title">No audit entries match these filters</p>
              <p>Next: widen the dates or clear the filters.</p>
              <button type="button" className="button" onClick={() => set(NO_FILTERS)}>
                Clear filters
              </button>
            </>
          )}
        </div>
      ) : (
        <table className="explanation-table audit-table" aria-label="Audit entries">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Record</th>
              <th scope="col">Action</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((e) => (
              <Fragment key={e.id}>
                <tr>
                  <td>{e.id}</td>
                  <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
                  <td>{e.actor}</td>
                  <td>
                    {auditEntityWords(e.entity)}
                    <RecordName entry={e} />
                  </td>
                  <td>{auditActionWords(e.action)}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === e.id}
                      onClick={() => setOpen(open === e.id ? null : e.id)}
                    >
                      {e.changes.length
                        ? e.changes.map((c) => auditFieldWords(c.field)).join(', ')
                        : 'details'}
                    </button>
                  </td>
                </tr>
                {open === e.id && (
                  <tr className="audit-detail">
                    <td colSpan={6}>
                      <table className="explanation-table" aria-label={`Changes of entry ${e.id}`}>
                        <thead>
                          <tr>
                            <th scope="col">Field</th>
                            <th scope="col">Before</th>
                            <th scope="col">After</th>
                          </tr>
                        </thead>
                        <tbody>
                          {e.changes.map((c) => (
                            <tr key={c.field}>
                              <td title={c.field}>{auditFieldWords(c.field)}</td>
                              <td className="diff-before">{c.before}</td>
                              <td className="diff-after">{c.after}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      <p className="cell-muted mono">Hash {e.hash ?? '(none)'}</p>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {total > 0 && (
        <div className="inline pager">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Newer
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Older
          </button>
        </div>
      )}
    </div>
  );
}

/** The record an entry is about: its own name when the entry carries one, else the start of its id. */
function RecordName({ entry }: { entry: Page['items'][number] }) {
  const name = auditRecordName(entry.before, entry.after);
  if (name) return <span className="audit-record-name"> {name}</span>;
  if (!entry.entityId) return null;
  return (
    <span className="cell-muted mono" title={entry.entityId}>
      {' '}
      {entry.entityId.slice(0, 8)}
    </span>
  );
}

/** What a check found: the chain's break, the records that differ from the trail, or that all holds. */
function VerdictText({ verdict }: { verdict: Verdict }) {
  const r = verdict.reconciled;
  const head = (
    <>
      Head{' '}
      <code className="mono">
        #{verdict.headId}:{verdict.head}
      </code>{' '}
      (note it, or keep the last page of a report that prints it: <code>audit verify --head</code> proves
      later that nothing before it was rewritten).
    </>
  );
  if (verdict.problem)
    return (
      <>
        <strong>The audit trail was changed.</strong> {verdict.problem.message}.
      </>
    );
  const unchecked = r && r.unchecked.length > 0 && (
    <p className="audit-note">Not compared: {r.unchecked.join('; ')}.</p>
  );
  if (verdict.ok)
    return (
      <>
        <strong>The audit trail is intact.</strong> {verdict.entries} entries checked; every entry matches its
        hash and follows the one before it
        {r ? `, and the ${r.records} records it covers match what it last recorded` : ''}. {head}
        {unchecked}
      </>
    );
  return (
    <>
      <strong>The data does not match the audit trail.</strong> The trail itself is whole (
      {verdict.entries === 1 ? '1 entry' : `${verdict.entries} entries`}), but{' '}
      {r!.total === 1 ? 'one record was' : `${r!.total} records were`} changed outside the app since it last
      recorded them:
      <table className="explanation-table verdict-differences" aria-label="Differences from the audit trail">
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Field</th>
            <th scope="col">In the trail</th>
            <th scope="col">Found</th>
          </tr>
        </thead>
        <tbody>
          {r!.mismatches.map((m, i) => (
            <tr key={i} title={m.message}>
              <td>{m.record}</td>
              <td>{m.field ? auditFieldWords(m.field) : m.trail === null ? 'no history' : 'gone'}</td>
              <td className="mono">{m.trail ?? '—'}</td>
              <td className="mono">{m.found ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r!.total > r!.mismatches.length && (
        <p>
          And {r!.total - r!.mismatches.length} more; <code>vendor-risk audit verify --json</code> lists the
          first {r!.mismatches.length}.
        </p>
      )}
      {unchecked}
    </>
  );
}

/** "12 entries", or "the oldest 200000 of 201249 entries (filter by date for the rest)". */
function exportedCount({ rows, total }: { rows: number; total: number }): string {
  return rows < total
    ? `the oldest ${rows} of ${total} entries (one export holds ${rows}: filter by date for the rest)`
    : `${rows} entries`;
}
