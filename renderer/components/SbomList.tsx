import { useMemo, useState } from 'react';
import type { ResponseOf } from '../api';
import { useLoaded } from '../hooks/useLoaded';
import { Badge } from './Badge';
import { DataTable, type Column } from './DataTable';
import './SbomList.css';

type Row = ResponseOf<'sboms.list'>[number];
type SortKey = 'vendor' | 'document' | 'model' | 'firmware' | 'entries' | 'imported';

const ROW_HEIGHT = 52;
/** The most rows shown before the table scrolls (on a vendor's tab, among other sections). */
const ROWS_SHOWN = 8;

const COLUMNS: Column<Row, SortKey>[] = [
  {
    key: 'vendor',
    label: 'Vendor',
    className: 'cell-name',
    cell: (r) => r.vendorName,
    tip: (r) => r.vendorName,
  },
  {
    key: 'document',
    label: 'Document',
    cell: (r) => (
      <span className="sbom-document">
        <span>
          <Badge tone={r.kind === 'vex' ? 'low' : 'muted'}>{r.kind === 'vex' ? 'VEX' : 'SBOM'}</Badge>{' '}
          {r.format}
        </span>
        <span className="cell-muted">{r.fileName}</span>
      </span>
    ),
    tip: (r) => `${r.name} (${r.fileName}, SHA-256 ${r.sha256.slice(0, 12)}…)`,
  },
  {
    key: 'model',
    label: 'Model',
    cell: (r) =>
      r.kind === 'vex' ? (
        <span className="cell-muted">all its products</span>
      ) : (
        (r.model ?? <span className="cell-muted">every model</span>)
      ),
  },
  {
    key: 'firmware',
    label: 'Firmware',
    cell: (r) => (r.kind === 'vex' ? '—' : (r.firmware ?? <span className="cell-muted">any</span>)),
  },
  {
    key: 'entries',
    label: 'Contents',
    title: 'Components of an SBOM, statements of a VEX document',
    className: 'cell-number',
    cell: (r) => `${r.entries} ${r.kind === 'vex' ? 'statement' : 'component'}${r.entries === 1 ? '' : 's'}`,
  },
  {
    key: 'imported',
    label: 'Imported',
    className: 'cell-muted',
    cell: (r) => r.importedAt.slice(0, 10),
    tip: (r) => `${r.importedAt.slice(0, 16).replace('T', ' ')} by ${r.importedBy}`,
  },
];

const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  vendor: (a, b) => a.vendorName.localeCompare(b.vendorName),
  document: (a, b) => a.kind.localeCompare(b.kind) || a.format.localeCompare(b.format),
  model: (a, b) => (a.model ?? '').localeCompare(b.model ?? ''),
  firmware: (a, b) => (a.firmware ?? '').localeCompare(b.firmware ?? '', undefined, { numeric: true }),
  entries: (a, b) => a.entries - b.entries,
  imported: (a, b) => a.importedAt.localeCompare(b.importedAt),
};

/**
 * The SBOMs and VEX documents attached to one vendor (`vendorId`) or to every vendor (null):
 * what each describes, its format, how many components or statements, when it came; an empty
 * state that says how to bring them. `actions` holds the import button.
 */
export function SbomList({
  vendorId,
  revision,
  actions,
}: {
  vendorId: string | null;
  revision: number;
  actions?: React.ReactNode;
}) {
  const { value: records, error } = useLoaded('sboms.list', { vendorId }, `${vendorId}:${revision}`);
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'imported',
    direction: 'desc',
  });
  const [selected, setSelected] = useState(-1);
  const rows = useMemo(() => {
    if (!records) return [];
    const sign = sort.direction === 'asc' ? 1 : -1;
    return [...records].sort((a, b) => sign * compare[sort.key](a, b));
  }, [records, sort]);
  const columns = vendorId ? COLUMNS.filter((c) => c.key !== 'vendor') : COLUMNS;
  const sboms = rows.filter((r) => r.kind === 'sbom').length;
  return (
    <section className="sbom-list" aria-label="SBOMs and VEX statements">
      <div className="sbom-list-head">
        <h3>SBOMs and VEX statements</h3>
        {records && (
          <span className="cell-muted" data-testid="sbom-count">
            {sboms} SBOM{sboms === 1 ? '' : 's'}, {rows.length - sboms} VEX document
            {rows.length - sboms === 1 ? '' : 's'}
          </span>
        )}
        <span className="toolbar-spacer" />
        {actions}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {records && rows.length === 0 ? (
        <div className="empty sbom-list-empty">
          <p className="empty-title">No SBOMs or VEX statements yet</p>
          <p>
            Ask {vendorId ? 'the vendor' : 'your hardware vendors'} for the SBOM of each model’s firmware
            (CycloneDX or SPDX JSON) and for VEX statements on the vulnerabilities that do not affect them,
            then choose “Import SBOM or VEX…”. On the command line:{' '}
            <code>vendor-risk sbom import FILE --vendor NAME --model MODEL --firmware VERSION</code>.
          </p>
        </div>
      ) : (
        records && (
          <div
            className="sbom-list-box"
            style={{ height: 36 + Math.min(Math.max(rows.length, 1), ROWS_SHOWN) * ROW_HEIGHT }}
          >
            <DataTable
              label={vendorId ? 'Its SBOMs and VEX documents' : 'SBOMs and VEX documents'}
              className={vendorId ? 'sbom-table sbom-table-vendor' : 'sbom-table'}
              columns={columns}
              count={rows.length}
              row={(i) => rows[i]}
              rowKey={(r) => r.id}
              rowHeight={ROW_HEIGHT}
              sort={sort.key}
              direction={sort.direction}
              onSort={(key) =>
                setSort((s) => ({ key, direction: s.key === key && s.direction === 'desc' ? 'asc' : 'desc' }))
              }
              selectedIndex={selected}
              onSelect={(_, i) => setSelected(i)}
              testIds={{ rows: 'sbom-rows' }}
            />
          </div>
        )
      )}
    </section>
  );
}
