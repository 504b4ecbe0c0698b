import { useMemo, useState } from 'react';
import { useLoaded } from '../hooks/useLoaded';
import type { ResponseOf } from '../../electron/ipc/contract';
import { Badge } from '../components/Badge';
import { DataTable, type Column } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { SourcesLine } from '../components/VulnerabilitySources';
import { Tabs } from '../components/Tabs';
import { AdvisoryImportDialog } from '../components/AdvisoryImportDialog';
import { SbomImportDialog } from '../components/SbomImportDialog';
import { SbomList } from '../components/SbomList';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';
import './AdvisoriesPage.css';

type Listing = ResponseOf<'vulnerabilities.advisories'>;
type Row = Listing['advisories'][number];
type SortKey = 'advisory' | 'makers' | 'cvss' | 'devices' | 'released';
type Section = 'advisories' | 'sboms';

const COLUMNS: Column<Row, SortKey>[] = [
  {
    key: 'advisory',
    label: 'Advisory',
    className: 'cell-name',
    cell: (r) => (
      <span className="advisory-name">
        <span>{r.title}</span>
        <span className="cell-muted">{r.trackingId}</span>
      </span>
    ),
    tip: (r) => `${r.trackingId}: ${r.title}`,
  },
  { key: 'makers', label: 'Maker', cell: (r) => r.makers.join(', ') || '—', tip: (r) => r.makers.join(', ') },
  {
    key: 'cvss',
    label: 'CVSS',
    title: 'The highest CVSS base score among its vulnerabilities (0–10, higher is worse)',
    className: 'cell-number',
    cell: (r) => (
      <>
        {r.highestCvss?.toFixed(1) ?? '—'}
        {r.inKev && (
          <Badge tone="critical" title="A CVE of it is in the known exploited vulnerabilities catalog">
            KEV
          </Badge>
        )}
      </>
    ),
  },
  {
    key: 'devices',
    label: 'Our devices',
    title: 'Devices in the inventory it affects (VEX statements applied)',
    className: 'cell-number',
    cell: (r) => (r.devices ? <strong>{r.devices}</strong> : <span className="cell-muted">0</span>),
  },
  { key: 'released', label: 'Released', className: 'cell-muted', cell: (r) => r.releaseDate },
];

const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  advisory: (a, b) => a.title.localeCompare(b.title),
  makers: (a, b) => (a.makers[0] ?? '').localeCompare(b.makers[0] ?? ''),
  cvss: (a, b) => (a.highestCvss ?? -1) - (b.highestCvss ?? -1),
  devices: (a, b) => a.devices - b.devices,
  released: (a, b) => a.releaseDate.localeCompare(b.releaseDate),
};

/**
 * The imported security advisories matched against the inventory: those that touch our
 * devices first; a row opens the advisory. The header imports advisories and the KEV
 * catalog, or an SBOM or VEX file; a second tab lists the SBOMs and VEX documents.
 */
export function AdvisoriesPage({ onOpen, revision }: { onOpen(trackingId: string): void; revision: number }) {
  const [kevOnly, setKevOnly] = useState(false);
  const [section, setSection] = useState<Section>('advisories');
  const [dialog, setDialog] = useState<'advisories' | 'sbom' | null>(null);
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const advisoryLimit = useRoleLimit('advisories');
  const sbomLimit = useRoleLimit('sboms');
  // What an import here wrote: the lists read again (the app's revision follows other changes).
  const [imported, setImported] = useState(0);
  const changed = () => setImported((n) => n + 1);
  const { value: listing, error } = useLoaded(
    'vulnerabilities.advisories',
    { kevOnly },
    `${kevOnly}:${revision}:${imported}`,
  );
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'devices',
    direction: 'desc',
  });
  const [selected, setSelected] = useState(-1);
  const rows = useMemo(() => {
    if (!listing) return [];
    // The service's order (devices, then catalogued, then newest) until a header asks for another.
    if (sort.key === 'devices' && sort.direction === 'desc') return listing.advisories;
    const sign = sort.direction === 'asc' ? 1 : -1;
    return [...listing.advisories].sort((a, b) => sign * compare[sort.key](a, b));
  }, [listing, sort]);
  const count = listing?.advisories.length;
  return (
    <div className="advisories-page">
      <PageHeader
        title="Advisories"
        count={count === undefined ? undefined : `${count} advisor${count === 1 ? 'y' : 'ies'}`}
        description="Security advisories (CSAF), the known exploited vulnerabilities catalog, vendors’ SBOMs and VEX statements you imported, matched against the device inventory. Nothing is downloaded."
        actions={
          <>
            <button
              type="button"
              className="button"
              {...roleLimited(sbomLimit)}
              onClick={() => setDialog('sbom')}
            >
              Import SBOM or VEX…
            </button>
            <button
              type="button"
              className="button button-primary"
              {...roleLimited(advisoryLimit)}
              onClick={() => setDialog('advisories')}
            >
              Import advisories…
            </button>
          </>
        }
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {listing && <SourcesLine sources={listing.sources} />}
      <Tabs<Section>
        label="Vulnerability sources"
        tabs={[
          { key: 'advisories', label: 'Advisories', badge: count },
          { key: 'sboms', label: 'SBOMs & VEX' },
        ]}
        selected={section}
        onSelect={setSection}
      >
        {section === 'advisories' ? (
          <AdvisoryList
            listing={listing}
            rows={rows}
            kevOnly={kevOnly}
            onKevOnly={setKevOnly}
            sort={sort}
            onSort={setSort}
            selected={selected}
            onSelect={setSelected}
            onOpen={onOpen}
          />
        ) : (
          <SbomList vendorId={null} revision={revision + imported} />
        )}
      </Tabs>
      <AdvisoryImportDialog
        open={dialog === 'advisories'}
        onClose={() => setDialog(null)}
        onImported={changed}
      />
      <SbomImportDialog open={dialog === 'sbom'} onClose={() => setDialog(null)} onImported={changed} />
    </div>
  );
}

type Sort = { key: SortKey; direction: 'asc' | 'desc' };

/** The advisories tab: the exploited-only filter, and the table or what to import. */
function AdvisoryList({
  listing,
  rows,
  kevOnly,
  onKevOnly,
  sort,
  onSort,
  selected,
  onSelect,
  onOpen,
}: {
  listing: Listing | null;
  rows: Row[];
  kevOnly: boolean;
  onKevOnly(on: boolean): void;
  sort: Sort;
  onSort(sort: (s: Sort) => Sort): void;
  selected: number;
  onSelect(index: number): void;
  onOpen(trackingId: string): void;
}) {
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Advisory filters">
        <label className="checkbox">
          <input type="checkbox" checked={kevOnly} onChange={(e) => onKevOnly(e.target.checked)} /> Only
          advisories with a known exploited vulnerability
        </label>
      </div>
      {listing && rows.length === 0 ? (
        <div className="empty">
          <p className="empty-title">
            {listing.sources.advisories === 0 ? 'No advisories yet' : 'No advisory matches the filter'}
          </p>
          {listing.sources.advisories === 0 && (
            <p>
              Choose “Import advisories…” for CSAF advisories from your makers or CISA (files, folders or a
              zip of them) and CISA’s known exploited vulnerabilities catalog; the app matches them against
              your devices.
            </p>
          )}
        </div>
      ) : (
        <DataTable
          label="Advisories"
          className="advisory-table"
          columns={COLUMNS}
          count={rows.length}
          row={(i) => rows[i]}
          rowKey={(r) => r.trackingId}
          rowHeight={52}
          sort={sort.key}
          direction={sort.direction}
          onSort={(key) =>
            onSort((s) => ({
              key,
              direction: s.key === key && s.direction === 'desc' ? 'asc' : 'desc',
            }))
          }
          selectedIndex={selected}
          onSelect={(_, i) => onSelect(i)}
          onOpen={(r) => onOpen(r.trackingId)}
          testIds={{ rows: 'advisory-rows' }}
        />
      )}
    </>
  );
}
