import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { call } from '../api';
import { download } from '../files';
import {
  CLAUSE_GROUPS,
  CLAUSE_GROUP_LABELS,
  CLAUSE_STATUS_LABELS,
  type ClauseMatrix,
  type ClauseState,
} from '../../electron/domain/clauses';
import { PageHeader } from '../components/PageHeader';
import { useToast } from '../components/Toasts';
import { useOperation } from '../hooks/useOperation';
import { STATE_LABELS } from './ContractPage';
import './LegalMatrix.css';

/** A cell's word: short enough for a narrow column, readable without its colour. */
export const CELL_WORDS: Record<ClauseState, string> = {
  ok: 'Meets',
  deviates: 'Deviates',
  contradicts: 'Conflict',
  missing: 'Missing',
  open: 'Open',
  waived: 'Waived',
};

/** What each word means, for the legend. */
const CELL_MEANINGS: Record<ClauseState, string> = {
  ok: 'our position',
  deviates: 'from our position, worse',
  contradicts: 'with the vendor’s answers',
  missing: 'not agreed yet',
  open: 'in negotiation',
  waived: 'an accepted exception',
};

/** What counts as a gap: a term that is worse, contradicts the answers, is not agreed, or still open. */
const GAPS: ReadonlySet<ClauseState> = new Set(['deviates', 'contradicts', 'missing', 'open']);

type Row = ClauseMatrix['rows'][number];
type Sort = { by: 'name' | 'gaps'; descending: boolean };

/** How many of a vendor's clauses are gaps. */
function gapsOf(row: Row): number {
  return Object.values(row.cells).filter((c) => GAPS.has(c.state)).length;
}

/**
 * Legal's vendors × clauses grid: clause columns grouped under their group, full names on
 * hover, each cell filled by its state and saying it in a word; sorted by name or by gaps;
 * arrow keys move between cells and Enter opens the vendor's contract.
 */
export function LegalMatrix({
  tabs,
  onOpenContract,
}: {
  tabs: ReactNode;
  onOpenContract(vendorId: string): void;
}) {
  const [needsReview, setNeedsReview] = useState(false);
  const [matrix, setMatrix] = useState<ClauseMatrix | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>({ by: 'name', descending: false });
  const [active, setActive] = useState({ row: 0, col: 0 });
  const grid = useRef<HTMLDivElement>(null);
  const toast = useToast();
  const exportClauses = useOperation('clauses.exportCsv');

  useEffect(() => {
    let stale = false; // a quick toggle must not let the older answer land last
    void call('clauses.matrix', { needsReview }).then((r) => {
      if (stale) return;
      setError(r.ok ? null : r.error.message);
      if (r.ok) setMatrix(r.value);
    });
    return () => {
      stale = true;
    };
  }, [needsReview]);

  /** The clauses in group order (the order within a group kept), and each group's span. */
  const { clauses, groups } = useMemo(() => {
    const all = matrix?.clauses ?? [];
    const ordered = CLAUSE_GROUPS.flatMap((g) => all.filter((c) => c.group === g));
    return {
      clauses: ordered,
      groups: CLAUSE_GROUPS.map((g) => ({ group: g, span: all.filter((c) => c.group === g).length })).filter(
        (g) => g.span > 0,
      ),
    };
  }, [matrix]);

  const rows = useMemo(() => {
    const list = (matrix?.rows ?? []).map((row) => ({ row, gaps: gapsOf(row) }));
    const byName = (a: { row: Row }, b: { row: Row }) => a.row.vendorName.localeCompare(b.row.vendorName);
    list.sort((a, b) =>
      sort.by === 'gaps'
        ? (sort.descending ? b.gaps - a.gaps : a.gaps - b.gaps) || byName(a, b)
        : byName(a, b),
    );
    if (sort.by === 'name' && sort.descending) list.reverse();
    return list;
  }, [matrix, sort]);

  const exportCsv = async () => {
    const r = await exportClauses.run({ needsReview });
    if (!r.ok) return;
    const name = needsReview ? 'contract-clauses-needing-review.csv' : 'contract-clauses.csv';
    download(r.value.csv, name);
    toast('success', `Exported ${r.value.rows} rows to ${name}`);
  };

  const sortBy = (by: Sort['by']) =>
    setSort((s) => (s.by === by ? { by, descending: !s.descending } : { by, descending: by === 'gaps' }));

  /** Arrow keys, Home and End move the focus between cells (one tab stop for the whole grid). */
  const onKeyDown = (e: KeyboardEvent) => {
    const lastCol = clauses.length + 2;
    const moves: Record<string, () => { row: number; col: number }> = {
      ArrowRight: () => ({ ...active, col: Math.min(active.col + 1, lastCol) }),
      ArrowLeft: () => ({ ...active, col: Math.max(active.col - 1, 0) }),
      ArrowDown: () => ({ ...active, row: Math.min(active.row + 1, rows.length - 1) }),
      ArrowUp: () => ({ ...active, row: Math.max(active.row - 1, 0) }),
      Home: () => ({ ...active, col: 0 }),
      End: () => ({ ...active, col: lastCol }),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const next = move();
    setActive(next);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${next.row}:${next.col}"]`)?.focus();
  };
  const focusable = (row: number, col: number) => ({
    'data-cell': `${row}:${col}`,
    tabIndex: active.row === row && active.col === col ? 0 : -1,
    onFocus: () => setActive({ row, col }),
  });

  const header = (
    <PageHeader
      title="Legal"
      count={matrix ? `${matrix.rows.length} vendor${matrix.rows.length === 1 ? '' : 's'}` : undefined}
      description="Each vendor’s contract against our positions, clause by clause. Open a vendor to record terms and sign off."
      actions={
        <button type="button" className="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      }
    />
  );

  if (error)
    return (
      <>
        {header}
        {tabs}
        <p className="form-error page-error" role="alert">
          {error}
        </p>
      </>
    );
  const ariaSort = (by: Sort['by']) =>
    sort.by === by ? (sort.descending ? 'descending' : 'ascending') : ('none' as const);
  return (
    <>
      {header}
      {tabs}
      <section aria-label="Vendors by clause">
        <div className="toolbar toolbar-inline" role="toolbar" aria-label="Matrix tools">
          <label className="checkbox-filter">
            <input type="checkbox" checked={needsReview} onChange={(e) => setNeedsReview(e.target.checked)} />
            Needs legal review only
          </label>
          <span className="legend" aria-label="What the cells say">
            {(Object.keys(CELL_WORDS) as ClauseState[]).map((state) => (
              <span key={state} className={`legend-item legal-cell-${state}`}>
                {CELL_WORDS[state]}
                <span className="legend-meaning"> {CELL_MEANINGS[state]}</span>
              </span>
            ))}
          </span>
          <span className="toolbar-spacer" />
          <span className="count" data-testid="matrix-count">
            {matrix ? `${matrix.rows.length} vendor${matrix.rows.length === 1 ? '' : 's'}` : 'Loading…'}
          </span>
        </div>
        {matrix && matrix.rows.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{needsReview ? 'No vendor needs legal review' : 'No vendors yet'}</p>
            <p>
              {needsReview
                ? 'Every contract is signed off and meets our positions.'
                : 'Next: add a vendor on the Vendors page, then record its contract terms here.'}
            </p>
          </div>
        ) : (
          matrix && (
            <div className="legal-grid-scroll">
              <div
                ref={grid}
                role="grid"
                aria-label="Vendors by clause"
                aria-rowcount={rows.length + 2}
                className="legal-grid"
                style={{ gridTemplateColumns: `220px 64px 84px repeat(${clauses.length}, 96px)` }}
                onKeyDown={onKeyDown}
              >
                <div role="row" className="legal-grid-row">
                  <div
                    role="columnheader"
                    className="lg-head lg-corner lg-vendor"
                    aria-sort={ariaSort('name')}
                  >
                    <button type="button" className="lg-sort" onClick={() => sortBy('name')}>
                      Vendor{sortMark(sort, 'name')}
                    </button>
                  </div>
                  <div
                    role="columnheader"
                    className="lg-head lg-corner lg-gaps-head"
                    aria-sort={ariaSort('gaps')}
                  >
                    <button
                      type="button"
                      className="lg-sort"
                      title="Clauses that deviate, contradict the answers, are missing or still open"
                      onClick={() => sortBy('gaps')}
                    >
                      Gaps{sortMark(sort, 'gaps')}
                    </button>
                  </div>
                  <div role="columnheader" className="lg-head lg-corner lg-signoff-head">
                    Sign-off
                  </div>
                  {groups.map((g) => (
                    <div
                      key={g.group}
                      role="columnheader"
                      aria-colspan={g.span}
                      className="lg-head lg-group"
                      style={{ gridColumn: `span ${g.span}` }}
                      title={CLAUSE_GROUP_LABELS[g.group]}
                    >
                      {CLAUSE_GROUP_LABELS[g.group]}
                    </div>
                  ))}
                </div>
                <div role="row" className="legal-grid-row">
                  {clauses.map((c) => (
                    <div key={c.id} role="columnheader" className="lg-head lg-clause" title={c.title}>
                      <span>{c.title}</span>
                    </div>
                  ))}
                </div>
                {rows.map(({ row, gaps }, r) => (
                  <div key={row.vendorId} role="row" className="legal-grid-row" aria-label={row.vendorName}>
                    <div role="rowheader" className="lg-vendor lg-name">
                      <button
                        type="button"
                        className="link"
                        title={row.vendorName}
                        {...focusable(r, 0)}
                        onClick={() => onOpenContract(row.vendorId)}
                      >
                        {row.vendorName}
                      </button>
                    </div>
                    <div
                      role="gridcell"
                      className={gaps ? 'lg-gaps lg-gaps-some' : 'lg-gaps'}
                      {...focusable(r, 1)}
                    >
                      {gaps}
                    </div>
                    <div
                      role="gridcell"
                      className={`lg-signoff lg-signoff-${row.signOffState}`}
                      {...focusable(r, 2)}
                    >
                      {row.signOffState === 'none'
                        ? 'Not signed'
                        : row.signOffState === 'signed'
                          ? 'Signed'
                          : 'Reopened'}
                    </div>
                    {clauses.map((c, i) => {
                      const cell = row.cells[c.id]!;
                      const words = `${c.title}: ${STATE_LABELS[cell.state]} (${CLAUSE_STATUS_LABELS[cell.status]})`;
                      return (
                        <div key={c.id} role="gridcell" className="lg-cell-wrap">
                          <button
                            type="button"
                            className={`lg-cell legal-cell-${cell.state}`}
                            title={`${row.vendorName} — ${words}`}
                            aria-label={words}
                            {...focusable(r, i + 3)}
                            onClick={() => onOpenContract(row.vendorId)}
                          >
                            {CELL_WORDS[cell.state]}
                          </button>
                        </div>
                      );
                    })}
                  </div>
                ))}
              </div>
            </div>
          )
        )}
      </section>
    </>
  );
}

/** The arrow after the sorted column's name. */
function sortMark(sort: Sort, by: Sort['by']): string {
  return sort.by === by ? (sort.descending ? ' ↓' : ' ↑') : '';
}
