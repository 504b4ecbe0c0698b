import { useState, type RefObject } from 'react';
import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  STATUS_LABELS,
  VENDOR_CATEGORIES,
  VENDOR_STATUSES,
} from '../../electron/domain/vendor';
import {
  DEFAULT_VENDOR_QUERY,
  dashboardQuery,
  isFiltered,
  type DashboardFigure,
  type VendorListQuery,
  type VendorSortKey,
} from '../../electron/domain/vendor-list';
import { VendorFilters } from '../components/VendorFilters';
import { FilterSelect } from '../components/FilterSelect';
import { useVendorList } from '../hooks/useVendorList';
import { VendorTable } from '../components/VendorTable';
import { VendorDetail } from './VendorDetail';
import { VendorImportWizard } from '../components/VendorImportWizard';
import './VendorsPage.css';

interface VendorsPageProps {
  revision: number;
  /** Opened from this dashboard figure: start filtered to the vendors it counts. */
  figure?: DashboardFigure;
  selectedId: string | null;
  searchRef: RefObject<HTMLInputElement | null>;
  onSelect(id: string | null): void;
  onNew(): void;
  onEdit(id: string): void;
  onDelete(id: string): void;
  onOpenAssessment(id: string): void;
  onOpenContract(vendorId: string): void;
}

const initialQuery = DEFAULT_VENDOR_QUERY;

const CATEGORY_CHOICES = [
  { value: '', label: 'All categories' },
  ...VENDOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
];
const STATUS_CHOICES = [
  { value: '', label: 'All statuses' },
  { value: VENDOR_STATUSES.filter((s) => s !== 'offboarded').join(','), label: 'Not offboarded' },
  ...VENDOR_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];
const CRITICALITY_CHOICES = [
  { value: '', label: 'Any criticality' },
  ...CRITICALITIES.map((c) => ({ value: c, label: CRITICALITY_LABELS[c] })),
];

/** The vendor list with search, filters and sort, and the selected vendor beside it. */
export function VendorsPage({
  revision,
  figure,
  selectedId,
  searchRef,
  onSelect,
  onNew,
  onEdit,
  onDelete,
  onOpenAssessment,
  onOpenContract,
}: VendorsPageProps) {
  const [query, setQuery] = useState<VendorListQuery>(() => (figure ? dashboardQuery(figure) : initialQuery));
  // Opened again from another dashboard figure: start from that figure's list.
  const [shownFigure, setShownFigure] = useState(figure);
  if (figure !== shownFigure) {
    setShownFigure(figure);
    if (figure) setQuery(dashboardQuery(figure));
  }
  const [importing, setImporting] = useState(false);
  const [imports, setImports] = useState(0);
  const list = useVendorList(query, revision + imports);
  const filtered = isFiltered(query);

  const setFilter = (key: 'categories' | 'statuses' | 'criticalities', value: string) =>
    setQuery((q) => ({ ...q, [key]: value ? value.split(',') : [] }));
  const sortBy = (key: VendorSortKey) =>
    setQuery((q) => ({
      ...q,
      sort: key,
      direction: q.sort === key && q.direction === 'asc' ? 'desc' : 'asc',
    }));

  return (
    <div className="vendors-page">
      <div className="toolbar" role="toolbar" aria-label="Vendor list tools">
        <input
          ref={searchRef}
          id="vendor-search"
          type="search"
          maxLength={200}
          className="search"
          placeholder="Search vendors, owners, tags…"
          aria-label="Search vendors"
          value={query.search}
          onChange={(e) => setQuery((q) => ({ ...q, search: e.target.value }))}
        />
        <FilterSelect
          label="Filter by category"
          choices={CATEGORY_CHOICES}
          value={query.categories.join(',')}
          onChange={(v) => setFilter('categories', v)}
        />
        <FilterSelect
          label="Filter by status"
          choices={STATUS_CHOICES}
          value={query.statuses.join(',')}
          onChange={(v) => setFilter('statuses', v)}
        />
        <FilterSelect
          label="Filter by criticality"
          choices={CRITICALITY_CHOICES}
          value={query.criticalities.join(',')}
          onChange={(v) => setFilter('criticalities', v)}
        />
        {filtered && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setQuery((q) => ({ ...initialQuery, sort: q.sort, direction: q.direction }))}
          >
            Clear filters
          </button>
        )}
        <span className="toolbar-spacer" />
        <span className="count" aria-live="polite" data-testid="vendor-count">
          {list.loading
            ? 'Loading…'
            : filtered
              ? `${list.items.length} of ${list.total} vendors`
              : `${list.total} vendors`}
        </span>
        <button type="button" className="button" onClick={() => setImporting(true)}>
          Import vendors…
        </button>
        <button type="button" className="button button-primary" onClick={onNew}>
          Add vendor
        </button>
      </div>
      <VendorFilters query={query} onChange={setQuery} onReplace={setQuery} />
      <div className="vendors-split">
        <section className="vendors-list" aria-label="Vendor list">
          {list.error && (
            <p className="form-error" role="alert">
              {list.error}
            </p>
          )}
          {!list.loading && !list.error && list.items.length === 0 ? (
            <div className="empty">
              <p className="empty-title">No vendors match</p>
              <p>Try other words or clear the filters.</p>
            </div>
          ) : (
            <VendorTable
              vendors={list.items}
              selectedId={selectedId}
              sort={query.sort}
              direction={query.direction}
              onSort={sortBy}
              onSelect={onSelect}
              onOpen={onEdit}
            />
          )}
        </section>
        <VendorDetail
          id={selectedId}
          revision={revision}
          onEdit={onEdit}
          onDelete={onDelete}
          onOpenAssessment={onOpenAssessment}
          onOpenContract={onOpenContract}
        />
      </div>
      <VendorImportWizard
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => setImports((n) => n + 1)}
      />
    </div>
  );
}
