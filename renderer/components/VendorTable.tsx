import { useLayoutEffect } from 'react';
import type { VendorListItem, VendorSortKey } from '../../electron/domain/vendor-list';
import { DECISION_LABELS } from '../../electron/domain/decision';
import { STATUS_LABELS } from '../../electron/domain/vendor';
import { CriticalityBadge, StatusBadge, TierBadge, categoryLabel } from './Badge';
import { DataTable, type Column } from './DataTable';
import { ScoreValue } from './ScoreValue';
import './VendorTable.css';

/** The columns, riskiest facts first; each sorts by its own key. */
const COLUMNS: Column<VendorListItem, VendorSortKey>[] = [
  { key: 'name', label: 'Vendor', className: 'cell-name', cell: (v) => v.name, tip: (v) => v.name },
  {
    key: 'tier',
    label: 'Tier',
    title: 'Risk tier: how risky (none while the score is provisional, unless a knockout set it)',
    cell: (v) =>
      v.standing ? <TierBadge value={v.standing.tier} provisional={v.standing.provisional} short /> : '—',
  },
  {
    key: 'score',
    label: 'Score',
    title: 'Control score, 0–100: higher is better (grey: provisional, too few questions answered)',
    className: 'cell-number',
    cell: (v) => (
      <ScoreValue
        kind="control"
        value={v.standing?.score ?? null}
        provisional={v.standing?.provisional}
        compact
        tight
      />
    ),
  },
  {
    key: 'completeness',
    label: 'Done',
    title: 'Completeness: answered of applicable questions',
    className: 'cell-number',
    cell: (v) => (v.standing ? `${Math.floor(v.standing.completeness * 100)}%` : '—'),
  },
  {
    key: 'openFlags',
    label: 'Flags',
    title: 'Open red flags (knockouts marked)',
    className: 'cell-number',
    cell: (v) =>
      !v.standing || v.standing.openFlags === 0 ? (
        <span className="cell-muted">0</span>
      ) : (
        <span className={v.standing.knockouts ? 'flag-count flag-count-ko' : 'flag-count'}>
          {v.standing.openFlags}
          {v.standing.knockouts > 0 && <span className="flag-ko"> · {v.standing.knockouts} KO</span>}
        </span>
      ),
    tip: (v) =>
      v.standing?.knockouts
        ? `${v.standing.openFlags} red flags, ${v.standing.knockouts} of them knockout${v.standing.knockouts === 1 ? '' : 's'}`
        : `${v.standing?.openFlags ?? 0} red flags`,
  },
  {
    key: 'decision',
    label: 'Decision',
    cell: (v) =>
      v.standing?.decision ? DECISION_LABELS[v.standing.decision] : <span className="cell-muted">None</span>,
    tip: (v) => (v.standing?.decision ? DECISION_LABELS[v.standing.decision] : 'No decision recorded'),
  },
  { key: 'criticality', label: 'Criticality', cell: (v) => <CriticalityBadge value={v.criticality} /> },
  {
    key: 'status',
    label: 'Status',
    cell: (v) => <StatusBadge value={v.status} />,
    // "Offboarded" does not fit the column's width at every window size.
    tip: (v) => STATUS_LABELS[v.status],
  },
  {
    key: 'category',
    label: 'Category',
    cell: (v) => categoryLabel(v.category),
    tip: (v) => categoryLabel(v.category),
  },
  {
    key: 'owner',
    label: 'Owner',
    className: 'cell-muted',
    cell: (v) => v.owner || '—',
    tip: (v) => v.owner,
  },
];

interface VendorTableProps {
  vendors: readonly VendorListItem[];
  selectedId: string | null;
  sort: VendorSortKey;
  direction: 'asc' | 'desc';
  onSort(key: VendorSortKey): void;
  onSelect(id: string): void;
  onOpen(id: string): void;
}

/** The vendor list: virtualized (only visible rows are in the DOM), sortable, keyboard-driven. */
export function VendorTable({
  vendors,
  selectedId,
  sort,
  direction,
  onSort,
  onSelect,
  onOpen,
}: VendorTableProps) {
  useLayoutEffect(() => {
    // Lets the benchmark measure from data arrival to the rows on screen.
    performance.mark('vendor-table:rendered');
  }, [vendors]);

  return (
    <DataTable
      label="Vendors"
      className="vendor-table"
      columns={COLUMNS}
      count={vendors.length}
      row={(i) => vendors[i]}
      rowKey={(v) => v.id}
      rowHeight={40}
      sort={sort}
      direction={direction}
      onSort={onSort}
      selectedIndex={selectedId ? vendors.findIndex((v) => v.id === selectedId) : -1}
      onSelect={(v) => onSelect(v.id)}
      onOpen={(v) => onOpen(v.id)}
      testIds={{ scroll: 'vendor-scroll', rows: 'vendor-rows' }}
    />
  );
}
