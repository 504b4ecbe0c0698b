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
  type VendorListQuery,
  type VendorSortKey,
} from '../../electron/domain/vendor-list';
import { useVendorList } from '../hooks/useVendorList';
import { VendorTable } from '../components/VendorTable';
import { VendorDetail } from './VendorDetail';

interface VendorsPageProps {
  revision: number;
  selectedId: string | null;
  searchRef: RefObject<HTMLInputElement | null>;
  onSelect(id: string | null): void;
  onNew(): void;
  onEdit(id: string): void;
  onDelete(id: string): void;
  onOpenAssessment(id: string): void;
}

const initialQuery = DEFAULT_VENDOR_QUERY;

/** The vendor list with search, filters and sort, and the selected vendor beside it. */
export function VendorsPage({
  revision,
  selectedId,
  searchRef,
  onSelect,
  onNew,
  onEdit,
  onDelete,
  onOpenAssessment,
}: VendorsPageProps) {
  const [query, setQuery] = useState<VendorListQuery>(initialQuery);
  const list = useVendorList(query, revision);
  const filtered =
    query.search !== '' || query.categories.length + query.statuses.length + query.criticalities.length > 0;

  const setFilter = (key: 'categories' | 'statuses' | 'criticalities', value: string) =>
    setQuery((q) => ({ ...q, [key]: value ? [value] : [] }));
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
        <select
          aria-label="Filter by category"
          value={query.categories[0] ?? ''}
          onChange={(e) => setFilter('categories', e.target.value)}
        >
          <option value="">All categories</option>
          {VENDOR_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by status"
          value={query.statuses[0] ?? ''}
          onChange={(e) => setFilter('statuses', e.target.value)}
        >
          <option value="">All statuses</option>
          {VENDOR_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by criticality"
          value={query.criticalities[0] ?? ''}
          onChange={(e) => setFilter('criticalities', e.target.value)}
        >
          <option value="">Any criticality</option>
          {CRITICALITIES.map((c) => (
            <option key={c} value={c}>
              {CRITICALITY_LABELS[c]}
            </option>
          ))}
        </select>
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
        <button type="button" className="button button-primary" onClick={onNew}>
          Add vendor
        </button>
      </div>
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
        />
      </div>
    </div>
  );
}
