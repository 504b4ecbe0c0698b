import { useMemo, useState } from 'react';
import type { ResponseOf } from '../../electron/ipc/contract';
import { CATEGORY_LABELS, CRITICALITY_LABELS } from '../../electron/domain/vendor';
import { DataTable, type Column } from './DataTable';

type Row = ResponseOf<'vendorImport.preview'>['rows'][number];
type SortKey = 'row' | 'action' | 'name' | 'category' | 'criticality' | 'owner';

const ACTION_LABELS: Record<Row['action'], string> = { add: 'Add', update: 'Update', unchanged: 'Unchanged' };

const COLUMNS: readonly Column<Row, SortKey>[] = [
  { key: 'row', label: 'Row', className: 'cell-number', cell: (r) => r.row },
  {
    key: 'action',
    label: 'Does',
    cell: (r) => (
      <span className={`import-action import-action-${r.action}`}>
        {ACTION_LABELS[r.action]}
        {r.changes.length > 0 && ` (${r.changes.join(', ')})`}
      </span>
    ),
    tip: (r) => (r.changes.length ? `Changes: ${r.changes.join(', ')}` : undefined),
  },
  {
    key: 'name',
    label: 'Name',
    className: 'cell-name',
    cell: (r) => r.vendor.name,
    tip: (r) => r.vendor.name,
  },
  { key: 'category', label: 'Category', cell: (r) => CATEGORY_LABELS[r.vendor.category] },
  { key: 'criticality', label: 'Criticality', cell: (r) => CRITICALITY_LABELS[r.vendor.criticality] },
  { key: 'owner', label: 'Owner', className: 'cell-muted', cell: (r) => r.vendor.owner || '—' },
];

const sortValue = (r: Row, key: SortKey): string | number =>
  key === 'row'
    ? r.row
    : key === 'action'
      ? r.action
      : key === 'name'
        ? r.vendor.name.toLowerCase()
        : r.vendor[key];

/** What each row of a vendor list does (add, update with the fields that change, unchanged), sortable. */
export function VendorImportRows({ rows: given }: { rows: readonly Row[] }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'row',
    direction: 'asc',
  });
  const [selected, setSelected] = useState(-1);
  const rows = useMemo(() => {
    const sign = sort.direction === 'asc' ? 1 : -1;
    return [...given].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : a.row - b.row) * sign;
    });
  }, [given, sort]);
  return (
    <div className="vendor-import-rows">
      <DataTable
        label="Rows to import"
        className="vendor-import-table"
        columns={COLUMNS}
        count={rows.length}
        row={(i) => rows[i]}
        rowKey={(r) => String(r.row)}
        rowHeight={34}
        sort={sort.key}
        direction={sort.direction}
        onSort={(key) =>
          setSort((s) => ({ key, direction: s.key === key && s.direction === 'asc' ? 'desc' : 'asc' }))
        }
        selectedIndex={selected}
        onSelect={(_, i) => setSelected(i)}
        testIds={{ rows: 'vendor-import-rows' }}
      />
    </div>
  );
}
