import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';
import type { VendorListItem, VendorSortKey } from '../../electron/domain/vendor-list';
import { DECISION_LABELS } from '../../electron/domain/decision';
import { CriticalityBadge, StatusBadge, TierBadge, categoryLabel } from './Badge';

const ROW_HEIGHT = 40;
const HEAD_HEIGHT = 34;

/** The columns, riskiest facts first; each sorts by its own key. */
const COLUMNS: {
  key: VendorSortKey;
  label: string;
  title?: string;
  className?: string;
  cell(v: VendorListItem): ReactNode;
  tip?(v: VendorListItem): string;
}[] = [
  { key: 'name', label: 'Vendor', className: 'cell-name', cell: (v) => v.name, tip: (v) => v.name },
  { key: 'tier', label: 'Tier', cell: (v) => (v.standing ? <TierBadge value={v.standing.tier} /> : '—') },
  {
    key: 'score',
    label: 'Score',
    title: 'Control score, 0–100',
    className: 'cell-number',
    cell: (v) => (v.standing?.score == null ? '—' : v.standing.score.toFixed(1)),
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
          {v.standing.knockouts > 0 && ' KO'}
        </span>
      ),
    tip: (v) =>
      v.standing?.knockouts
        ? `${v.standing.openFlags} red flags, ${v.standing.knockouts} knockout`
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
  { key: 'status', label: 'Status', cell: (v) => <StatusBadge value={v.status} /> },
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: vendors.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The sticky header sits in the same scroll box, above the rows.
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const selectedIndex = selectedId ? vendors.findIndex((v) => v.id === selectedId) : -1;

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  useLayoutEffect(() => {
    // Lets the benchmark measure from data arrival to the rows on screen.
    performance.mark('vendor-table:rendered');
  }, [vendors]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (vendors.length === 0) return;
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) - HEAD_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: vendors.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const index = Math.min(vendors.length - 1, Math.max(0, moves[event.key]!));
      onSelect(vendors[index]!.id);
    } else if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      onOpen(selectedId);
    }
  };

  const items = virtualizer.getVirtualItems();
  const selectedRendered = items.some((item) => item.index === selectedIndex);

  return (
    <div
      className="vendor-table"
      role="grid"
      aria-label="Vendors"
      aria-rowcount={vendors.length + 1}
      aria-activedescendant={selectedRendered ? `vendor-row-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="vendor-scroll" ref={scrollRef} data-testid="vendor-scroll">
        <div className="vendor-row vendor-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              className="cell"
              aria-sort={sort === c.key ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" className="sort-button" title={c.title} onClick={() => onSort(c.key)}>
                {c.label}
                <span className="sort-indicator" aria-hidden="true">
                  {sort === c.key ? (direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          ))}
        </div>
        <div className="vendor-rows" data-testid="vendor-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const v = vendors[item.index]!;
            const selected = v.id === selectedId;
            return (
              <div
                key={v.id}
                id={`vendor-row-${v.id}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={selected ? 'vendor-row selected' : 'vendor-row'}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(v.id)}
                onDoubleClick={() => onOpen(v.id)}
              >
                {COLUMNS.map((c) => (
                  <div
                    key={c.key}
                    role="gridcell"
                    className={c.className ? `cell ${c.className}` : 'cell'}
                    title={c.tip?.(v)}
                  >
                    {c.cell(v)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
