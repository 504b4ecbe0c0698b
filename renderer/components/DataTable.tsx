import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import './DataTable.css';

/** One column: its header (a sort button), and what each row shows in it. */
export interface Column<T, K extends string = string> {
  /** The sort key the header asks for, and the column's React key. */
  key: K;
  label: string;
  /** The header's tooltip (what an abbreviated label means). */
  title?: string;
  /** Classes of the column's cells beside `cell` (cell-name, cell-number, cell-muted). */
  className?: string;
  cell(row: T): ReactNode;
  /** The cell's tooltip (the whole text of a cell that may be cut off). */
  tip?(row: T): string | undefined;
}

export interface DataTableProps<T, K extends string> {
  /** The grid's accessible name. */
  label: string;
  /** The table's own class: its stylesheet sets the columns (--data-table-columns) and a minimum width. */
  className: string;
  columns: readonly Column<T, K>[];
  /** Rows in all; more than are loaded when they are read page by page. */
  count: number;
  /** The row at an index; undefined while it is being read (shown as "Loading…"). */
  row(index: number): T | undefined;
  /** A row's identity (its React key). */
  rowKey(row: T): string;
  rowHeight: number;
  sort: K;
  direction: 'asc' | 'desc';
  onSort(key: K): void;
  /** The selected row's index; -1: none. */
  selectedIndex: number;
  onSelect(row: T, index: number): void;
  /** Enter on the selected row, or a double click. */
  onOpen?(row: T): void;
  /** Told the rows in the DOM (on screen and a few around), first to last: to read the ones not loaded. */
  onVisibleRows?(first: number, last: number): void;
  /** Test ids of the scroll box and of the rows' box. */
  testIds?: { scroll?: string; rows?: string };
}

const HEAD_HEIGHT = 34;

/**
 * A table of many rows: only the rows on screen are in the DOM (@tanstack/react-virtual),
 * each header sorts by its column, and the keyboard moves the selection (↑ ↓ Page Up/Down
 * Home End, Enter opens). An ARIA grid: the header is row 1, the selected row is the active
 * descendant while the grid has focus.
 */
export function DataTable<T, K extends string>({
  label,
  className,
  columns,
  count,
  row,
  rowKey,
  rowHeight,
  sort,
  direction,
  onSort,
  selectedIndex,
  onSelect,
  onOpen,
  onVisibleRows,
  testIds,
}: DataTableProps<T, K>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // The sticky header sits in the same scroll box, above the rows.
    scrollPaddingStart: HEAD_HEIGHT,
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? rowHeight * 10) - HEAD_HEIGHT) / rowHeight) - 1,
    );
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const index = Math.min(count - 1, Math.max(0, moves[event.key]!));
      const target = row(index);
      if (target !== undefined) onSelect(target, index);
      else virtualizer.scrollToIndex(index, { align: 'auto' }); // read when it comes on screen
    } else if (event.key === 'Enter' && selectedIndex >= 0 && onOpen) {
      const selected = row(selectedIndex);
      if (selected === undefined) return;
      event.preventDefault();
      onOpen(selected);
    }
  };

  const items = virtualizer.getVirtualItems();
  const selectedRendered = items.some((item) => item.index === selectedIndex);
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (last >= first) onVisibleRows?.(first, last);
  }, [first, last, onVisibleRows]);

  return (
    <div
      className={`data-table ${className}`}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-activedescendant={selectedRendered ? `${idPrefix}-${selectedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="data-table-scroll" ref={scrollRef} data-testid={testIds?.scroll}>
        <div className="data-table-row data-table-head" role="row" aria-rowindex={1}>
          {columns.map((c) => (
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
        <div
          className="data-table-rows"
          data-testid={testIds?.rows}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const r = row(item.index);
            const selected = item.index === selectedIndex;
            const position = { transform: `translateY(${item.start}px)`, height: rowHeight };
            if (r === undefined)
              return (
                <div
                  key={`loading-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="data-table-row"
                  style={position}
                >
                  <div role="gridcell" className="cell cell-muted">
                    Loading…
                  </div>
                </div>
              );
            return (
              <div
                key={rowKey(r)}
                id={`${idPrefix}-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={selected ? 'data-table-row selected' : 'data-table-row'}
                style={position}
                onClick={() => onSelect(r, item.index)}
                onDoubleClick={onOpen && (() => onOpen(r))}
              >
                {columns.map((c) => (
                  <div
                    key={c.key}
                    role="gridcell"
                    className={c.className ? `cell ${c.className}` : 'cell'}
                    title={c.tip?.(r)}
                  >
                    {c.cell(r)}
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
