import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { VendorListItem, VendorSortKey } from '../../electron/domain/vendor-list';
import { CriticalityBadge, StatusBadge, categoryLabel } from './Badge';

const ROW_HEIGHT = 40;

const COLUMNS: { key: VendorSortKey; label: string }[] = [
  { key: 'name', label: 'Vendor' },
  { key: 'category', label: 'Category' },
  { key: 'criticality', label: 'Criticality' },
  { key: 'status', label: 'Status' },
  { key: 'owner', label: 'Owner' },
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
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1,
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
      <div className="vendor-row vendor-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className="cell"
            aria-sort={sort === c.key ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" className="sort-button" onClick={() => onSort(c.key)}>
              {c.label}
              <span className="sort-indicator" aria-hidden="true">
                {sort === c.key ? (direction === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        ))}
      </div>
      <div className="vendor-scroll" ref={scrollRef} data-testid="vendor-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
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
                <div role="gridcell" className="cell cell-name" title={v.name}>
                  {v.name}
                </div>
                <div role="gridcell" className="cell">
                  {categoryLabel(v.category)}
                </div>
                <div role="gridcell" className="cell">
                  <CriticalityBadge value={v.criticality} />
                </div>
                <div role="gridcell" className="cell">
                  <StatusBadge value={v.status} />
                </div>
                <div role="gridcell" className="cell cell-muted" title={v.owner}>
                  {v.owner || '—'}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
