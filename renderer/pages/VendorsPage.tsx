import { useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import {
  DEFAULT_VENDOR_QUERY,
  dashboardQuery,
  isFiltered,
  type DashboardFigure,
  type VendorListQuery,
  type VendorSortKey,
} from '../../electron/domain/vendor-list';
import { PageHeader } from '../components/PageHeader';
import { FilterBar } from '../components/FilterBar';
import {
  VENDOR_FILTER_FIELDS,
  clearedQuery,
  vendorChips,
  vendorFilterValues,
  withFilterValue,
  withoutChip,
} from '../components/vendor-filter-fields';
import { useVendorList } from '../hooks/useVendorList';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';
import { useSavedViews } from '../hooks/useSavedViews';
import { VendorTable } from '../components/VendorTable';
import { VendorPeek } from '../components/VendorPeek';
import './VendorsPage.css';

interface VendorsPageProps {
  revision: number;
  /** Opened from this dashboard figure: start filtered to the vendors it counts. */
  figure?: DashboardFigure;
  /** The vendor in the peek panel. */
  peekId: string | null;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Shows a vendor in the peek (null: closes it); `figure` is what the list still comes from. */
  onPeek(id: string | null, figure: DashboardFigure | undefined): void;
  /** Opens a vendor's page. */
  onOpen(id: string): void;
  onNew(): void;
  /** Opens the vendor list import (CSV or XLSX). */
  onImport(): void;
  onEdit(id: string): void;
}

/**
 * The list's last query and the figure it came from, kept while the window is open: back
 * from a vendor's page the list is as it was left.
 */
const remembered: { query: VendorListQuery; figure: DashboardFigure | undefined } = {
  query: DEFAULT_VENDOR_QUERY,
  figure: undefined,
};

/**
 * The vendor list: one filter bar over the full-width table, and the peek panel over its
 * right side (a click or Enter on a row; Enter again or a double click opens the vendor's page).
 */
export function VendorsPage({
  revision,
  figure,
  peekId,
  searchRef,
  onPeek,
  onOpen,
  onNew,
  onImport,
  onEdit,
}: VendorsPageProps) {
  const [query, setQuery] = useState<VendorListQuery>(() =>
    figure && figure !== remembered.figure ? dashboardQuery(figure) : remembered.query,
  );
  // Opened again from another dashboard figure: start from that figure's list.
  const [shownFigure, setShownFigure] = useState(figure);
  if (figure !== shownFigure) {
    setShownFigure(figure);
    if (figure) setQuery(dashboardQuery(figure));
  }
  // The row the keyboard is on; the peek, when open, follows it.
  const [selectedId, setSelectedId] = useState<string | null>(peekId);
  const [peeked, setPeeked] = useState(peekId);
  if (peekId !== peeked) {
    setPeeked(peekId);
    if (peekId) setSelectedId(peekId);
  }
  const list = useVendorList(query, revision);
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const vendorLimit = useRoleLimit('vendors');
  const views = useSavedViews(query);
  const filtered = isFiltered(query);
  const peekVendor = peekId ? list.items.find((v) => v.id === peekId) : undefined;
  const listRef = useRef<HTMLElement>(null);
  useEffect(() => {
    remembered.query = query;
    remembered.figure = figure;
  }, [query, figure]);

  // A vendor the filters (or a deletion) took out of the list does not stay open.
  useEffect(() => {
    if (peekId && !list.loading && !list.error && !list.items.some((v) => v.id === peekId))
      onPeek(null, figure);
  }, [peekId, list, onPeek, figure]);

  useEffect(() => {
    if (!peekId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      onPeek(null, figure);
      listRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [peekId, onPeek, figure]);

  const sortBy = (key: VendorSortKey) =>
    setQuery((q) => ({
      ...q,
      sort: key,
      direction: q.sort === key && q.direction === 'asc' ? 'desc' : 'asc',
    }));
  // A click on a row peeks at it (the table's own click only selects).
  const onListClick = (e: MouseEvent) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="vendor-rows"] [role="row"]');
    const index = Number(row?.getAttribute('aria-rowindex')) - 2;
    const vendor = list.items[index];
    if (vendor) onPeek(vendor.id, figure);
  };

  return (
    <div className="vendors-page">
      <div className="vendors-page-head">
        <PageHeader
          title="Vendors"
          count={list.loading ? undefined : `${list.total} vendors`}
          actions={
            <>
              <button type="button" className="button" {...roleLimited(vendorLimit)} onClick={onImport}>
                Import vendors…
              </button>
              <button
                type="button"
                className="button button-primary"
                {...roleLimited(vendorLimit)}
                onClick={onNew}
              >
                New vendor
              </button>
            </>
          }
        />
      </div>
      <FilterBar
        label="Vendor filters"
        search={query.search}
        onSearch={(search) => setQuery((q) => ({ ...q, search }))}
        searchLabel="Search vendors"
        searchPlaceholder="Search vendors, owners, tags…"
        searchRef={searchRef}
        fields={VENDOR_FILTER_FIELDS}
        values={vendorFilterValues(query)}
        onSetField={(key, values) => setQuery((q) => withFilterValue(q, key, values))}
        chips={vendorChips(query, figure)}
        onRemoveChip={(key) => {
          const next = withoutChip(query, figure, key);
          setQuery(next.query);
          if (next.figure !== figure) {
            setShownFigure(next.figure);
            onPeek(peekId, next.figure);
          }
        }}
        onClearAll={() => {
          setQuery(clearedQuery(query));
          if (figure) {
            setShownFigure(undefined);
            onPeek(peekId, undefined);
          }
        }}
        views={{
          names: views.saved.map((f) => f.name),
          active: views.active,
          onApply: (name) => {
            const view = views.saved.find((f) => f.name === name);
            if (view) setQuery(view.query);
          },
          onSave: views.save,
          onDelete: (name) => void views.remove(name),
          hint: 'The search text, every filter and the sort are saved. The CLI can use it too: vendors list --saved NAME.',
        }}
      >
        <span className="count" aria-live="polite" data-testid="vendor-count">
          {list.loading
            ? 'Loading…'
            : filtered
              ? `${list.items.length} of ${list.total} vendors`
              : `${list.total} vendors`}
        </span>
      </FilterBar>
      {views.error && (
        <p className="form-error" role="alert">
          {views.error}
        </p>
      )}
      <section className="vendors-list" aria-label="Vendor list" ref={listRef} onClick={onListClick}>
        {list.error && (
          <p className="form-error" role="alert">
            {list.error}
          </p>
        )}
        {!list.loading && !list.error && list.items.length === 0 ? (
          <div className="empty">
            <p className="empty-title">No vendors match</p>
            <p>Try other words, or remove a filter chip above.</p>
          </div>
        ) : (
          <VendorTable
            vendors={list.items}
            selectedId={selectedId}
            sort={query.sort}
            direction={query.direction}
            onSort={sortBy}
            onSelect={(id) => {
              setSelectedId(id);
              if (peekId) onPeek(id, figure);
            }}
            onOpen={(id) => (peekId === id ? onOpen(id) : onPeek(id, figure))}
          />
        )}
        {peekVendor && (
          <VendorPeek
            vendor={peekVendor}
            onOpen={onOpen}
            onEdit={onEdit}
            onClose={() => {
              onPeek(null, figure);
              listRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
            }}
          />
        )}
      </section>
    </div>
  );
}
