import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api';
import type { RequestOf, ResponseOf } from '../../electron/ipc/contract';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO, type DeviceCheck } from '../../electron/domain/device-checks';
import {
  DEVICE_CATEGORY_LABELS,
  DEVICE_STATUS_LABELS,
  type DeviceCategory,
} from '../../electron/domain/device-vocabulary';
import { DeviceImportWizard } from '../components/DeviceImportWizard';
import { download } from '../files';
import { Dialog } from '../components/Dialog';
import { DataTable, type Column } from '../components/DataTable';
import { FilterSelect } from '../components/FilterSelect';
import { PageHeader } from '../components/PageHeader';
import { useOperation } from '../hooks/useOperation';
import { roleLimited, useRoleLimit, useTeamChanges } from '../hooks/useTeam';
import { DeviceDetail, DeviceName, TypeLabel, typeTitle, type DeviceItem } from './DeviceDetail';
import './DevicesPage.css';

type Item = DeviceItem;
type Query = Omit<NonNullable<RequestOf<'devices.list'>>, 'offset' | 'limit'>;
type SortKey = NonNullable<Query['sort']>;
const PAGE = 200;
const NOTHING_READ = { of: '', key: '', total: null, pages: new Map<number, Item[]>() };

const FINDING_CHOICES = [
  { value: '', label: 'Any finding' },
  ...DEVICE_CHECKS.map((c) => ({ value: c, label: DEVICE_CHECK_INFO[c].label })),
];

/** What the page shows is read from: a colleague's change to one of these reloads it (team database). */
const DEVICE_TABLES = new Set([
  'devices',
  'device_imports',
  'device_mappings',
  'manufacturer_links',
  'device_acceptances',
  'device_vulnerabilities',
  'advisories',
  'kev_entries',
]);
const sameDevice = (a: Item, b: Item) => a.source === b.source && a.device.deviceId === b.device.deviceId;

/** The table's columns: the device, what it is, where, its state and its open findings. */
const COLUMNS: Column<Item, SortKey>[] = [
  {
    key: 'deviceId',
    label: 'Device',
    className: 'cell-name',
    cell: (d) => <DeviceName device={d.device} />,
    // A narrow window cuts these off: the whole text on hover.
    tip: (d) =>
      [d.device.deviceId, d.device.name].filter((x, i, all) => x && all.indexOf(x) === i).join(' — '),
  },
  {
    key: 'category',
    label: 'Type',
    cell: (d) => <TypeLabel device={d.device} />,
    tip: (d) => typeTitle(d.device),
  },
  {
    key: 'manufacturer',
    label: 'Manufacturer',
    cell: (d) => d.device.manufacturer ?? '—',
    tip: (d) => d.device.manufacturer ?? undefined,
  },
  {
    key: 'location',
    label: 'Zone',
    cell: (d) => d.device.location ?? '—',
    tip: (d) => d.device.location ?? undefined,
  },
  {
    key: 'status',
    label: 'Status',
    cell: (d) => (d.device.status ? DEVICE_STATUS_LABELS[d.device.status] : 'Unknown'),
    tip: (d) => (d.device.statusLabel ? `“${d.device.statusLabel}” in the source` : undefined),
  },
  {
    key: 'lastSeen',
    label: 'Last seen',
    className: 'cell-muted',
    cell: (d) => d.device.lastSeen?.slice(0, 16).replace('T', ' ') ?? '—',
    tip: (d) => d.device.lastSeen?.slice(0, 16).replace('T', ' '),
  },
  {
    key: 'findings',
    label: 'Findings',
    cell: (d) =>
      d.open.length ? (
        <span className="flag-count flag-count-ko">{d.open.length}</span>
      ) : (
        <span className="cell-muted">0</span>
      ),
    tip: (d) => d.open.map((c) => DEVICE_CHECK_INFO[c].label).join(', '),
  },
];

/** Device inventory: findings by check, a virtualized table read page by page, the selected device, and the import wizard. */
export function DevicesPage() {
  const [query, setQuery] = useState<Query>({ search: '', sort: 'deviceId', direction: 'asc' });
  const [revision, setRevision] = useState(0);
  /**
   * The pages read for one query (`key`) and revision (`of`). Those of another query are not
   * shown; those of an older revision of the same query are, until the new ones are read (a
   * change here or a colleague's does not empty the table or lose its place).
   */
  const [read, setRead] = useState<{
    of: string;
    key: string;
    total: number | null;
    pages: Map<number, Item[]>;
  }>(NOTHING_READ);
  const [facets, setFacets] = useState<ResponseOf<'devices.facets'> | null>(null);
  /** The revision the facets were read at: older ones (just before an import's) say nothing of "none". */
  const [facetsOf, setFacetsOf] = useState(-1);
  const [findings, setFindings] = useState<ResponseOf<'devices.findings'> | null>(null);
  const [selected, setSelected] = useState<Item | null>(null);
  const [importing, setImporting] = useState(false);
  // What this login's role cannot do is shown disabled, with the reason (team database).
  const importLimit = useRoleLimit('devices');
  const [history, setHistory] = useState<ResponseOf<'devices.history'> | null>(null);
  const loadHistory = useOperation('devices.history');
  const { run: list } = useOperation('devices.list');
  const showHistory = async () => {
    const r = await loadHistory.run({ limit: 50 });
    if (r.ok) setHistory(r.value);
  };
  const key = JSON.stringify(query);
  const of = `${revision}:${key}`;
  const { total, pages } = read.key === key ? read : NOTHING_READ;
  /** The pages on screen and their query, for the query's next revision to read again. */
  const shownRef = useRef({ key, pages });
  useEffect(() => {
    shownRef.current = { key, pages };
  }, [key, pages]);
  const loading = useRef(new Set<number>());
  /** Bumped with every new query: a page that arrives for an older one is dropped. */
  const generation = useRef(0);

  useEffect(() => {
    void call('devices.facets', {}).then((r) => {
      if (!r.ok) return;
      setFacets(r.value);
      setFacetsOf(revision);
    });
    void call('devices.findings', {}).then((r) => r.ok && setFindings(r.value));
  }, [revision]);

  const loadPage = useCallback(
    async (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const asked = generation.current;
      const r = await list({
        ...(JSON.parse(key) as Query),
        offset: page * PAGE,
        limit: PAGE,
      });
      if (asked !== generation.current) return;
      if (!r.ok) return loading.current.delete(page);
      setRead((d) => ({
        of,
        key,
        total: r.value.total,
        pages: new Map(d.key === key ? d.pages : []).set(page, r.value.items),
      }));
    },
    [key, of, list],
  );
  useEffect(() => {
    generation.current += 1;
    loading.current = new Set();
    // The first page of a new query; of a new revision, every page shown (each replaces its
    // older rows as it comes). What it sets comes when it has been read.
    const shown = shownRef.current.key === key ? [...shownRef.current.pages.keys()] : [];
    for (const page of new Set([0, ...shown])) void loadPage(page);
  }, [key, loadPage]);

  /** Reads the selected device again after a change (an acceptance, an import that removed it). */
  const refreshSelected = async (d: Item) => {
    const r = await call('devices.list', { search: d.device.deviceId, limit: 1000 });
    const fresh = r.ok
      ? r.value.items.find((x) => x.source === d.source && x.device.deviceId === d.device.deviceId)
      : undefined;
    setSelected(fresh ?? null);
  };

  // A colleague's committed change to the inventory, its links or findings (team database):
  // the rows on screen and the selected device are read again.
  useTeamChanges(
    useCallback(
      (changes) => {
        if (!changes.some((c) => DEVICE_TABLES.has(c.table))) return;
        setRevision((n) => n + 1);
        if (selected) void refreshSelected(selected);
      },
      [selected],
    ),
  );

  /** Reads the pages of the rows on screen that are not read yet. */
  const showRows = (first: number, last: number) => {
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++)
      if (!pages.has(page)) void loadPage(page);
  };
  const selectedIndex = useMemo(() => {
    if (!selected) return -1;
    for (const [page, items] of pages) {
      const i = items.findIndex((d) => sameDevice(d, selected));
      if (i >= 0) return page * PAGE + i;
    }
    return -1;
  }, [pages, selected]);

  const set = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch }));
  const sortBy = (sort: SortKey) =>
    setQuery((q) => ({ ...q, sort, direction: q.sort === sort && q.direction === 'asc' ? 'desc' : 'asc' }));

  return (
    <div className="devices-page">
      <div className="devices-head">
        <PageHeader
          title="Devices"
          count={facets ? `${facets.total} device${facets.total === 1 ? '' : 's'}` : undefined}
          description="Your edge devices checked for stale certificates, firmware and heartbeats; findings roll up to the vendor that makes them."
          actions={
            <>
              {facets !== null && facets.total > 0 && (
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void call('devices.exportCsv', {}).then(
                      (r) => r.ok && download(r.value.csv, 'devices.csv'),
                    )
                  }
                >
                  Export CSV
                </button>
              )}
              <button type="button" className="button" onClick={() => void showHistory()}>
                Import history
              </button>
              <button
                type="button"
                className="button button-primary"
                {...roleLimited(importLimit)}
                onClick={() => setImporting(true)}
              >
                Import inventory…
              </button>
            </>
          }
        />
      </div>
      <div className="toolbar" role="toolbar" aria-label="Device filters">
        <input
          type="search"
          className="search"
          placeholder="Search devices…"
          aria-label="Search devices"
          value={query.search ?? ''}
          onChange={(e) => set({ search: e.target.value })}
        />
        <FilterSelect
          label="Filter by category"
          choices={[
            { value: '', label: 'All categories' },
            ...(facets?.categories ?? []).map((t) => ({ value: t, label: DEVICE_CATEGORY_LABELS[t] })),
          ]}
          value={query.category ?? ''}
          onChange={(v) => set({ category: (v || null) as DeviceCategory | null })}
        />
        <FilterSelect
          label="Filter by manufacturer"
          choices={[
            { value: '', label: 'All manufacturers' },
            ...(facets?.manufacturers ?? []).map((m) => ({ value: m, label: m })),
          ]}
          value={query.manufacturer ?? ''}
          onChange={(v) => set({ manufacturer: v || null })}
        />
        <FilterSelect
          label="Filter by zone"
          choices={[
            { value: '', label: 'All zones' },
            ...(facets?.locations ?? []).map((m) => ({ value: m, label: m })),
          ]}
          value={query.location ?? ''}
          onChange={(v) => set({ location: v || null })}
        />
        <FilterSelect
          label="Filter by finding"
          choices={FINDING_CHOICES}
          value={query.finding ?? ''}
          onChange={(v) => set({ finding: (v || null) as DeviceCheck | null })}
        />
        <span className="toolbar-spacer" />
        <span className="count" data-testid="device-count">
          {total === null ? 'Loading…' : `${total} of ${facets?.total ?? total} devices`}
        </span>
      </div>
      {findings && findings.devices > 0 && (
        <div className="finding-strip" role="group" aria-label="Open findings by check">
          {DEVICE_CHECKS.filter((c) => findings.posture[c].fail > 0).map((c) => (
            <button
              key={c}
              type="button"
              className={query.finding === c ? 'finding-chip active' : 'finding-chip'}
              onClick={() => set({ finding: query.finding === c ? null : c })}
            >
              <strong>{findings.posture[c].fail}</strong> {DEVICE_CHECK_INFO[c].label}
            </button>
          ))}
        </div>
      )}
      {facets?.total === 0 && facetsOf === revision ? (
        <div className="empty">
          <p className="empty-title">No devices yet</p>
          <p>
            Next: import an inventory of your sensors, readers, cameras, PLCs, robots, gateways and scanners —
            a CSV, JSON or XLSX file, or an export from NetBox or Snipe-IT.
          </p>
          <button
            type="button"
            className="button button-primary"
            {...roleLimited(importLimit)}
            onClick={() => setImporting(true)}
          >
            Import inventory…
          </button>
        </div>
      ) : (
        <div className="devices-split">
          <DataTable
            label="Devices"
            className="device-table"
            columns={COLUMNS}
            count={total ?? 0}
            row={(i) => pages.get(Math.floor(i / PAGE))?.[i % PAGE]}
            rowKey={(d) => `${d.source}\u0000${d.device.deviceId}`}
            rowHeight={36}
            sort={query.sort ?? 'deviceId'}
            direction={query.direction ?? 'asc'}
            onSort={sortBy}
            selectedIndex={selectedIndex}
            onSelect={(d) => setSelected(d)}
            onVisibleRows={showRows}
            testIds={{ scroll: 'device-scroll' }}
          />
          <DeviceDetail
            key={selected ? `${selected.source}\u0000${selected.device.deviceId}` : 'none'}
            item={selected}
            onChanged={() => {
              setRevision((n) => n + 1);
              if (selected) void refreshSelected(selected);
            }}
          />
        </div>
      )}
      <Dialog title="Import history" open={history !== null} onClose={() => setHistory(null)} wide>
        {history?.length === 0 ? (
          <p>No import yet.</p>
        ) : (
          <table className="explanation-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Source</th>
                <th scope="col">File</th>
                <th scope="col">Who</th>
                <th scope="col">Added / changed / removed</th>
              </tr>
            </thead>
            <tbody>
              {history?.map((h) => {
                const sum = h.summary as { added?: number; changed?: number; removed?: number };
                return (
                  <tr key={h.id}>
                    <td>{h.at.slice(0, 16).replace('T', ' ')}</td>
                    <td>{h.source}</td>
                    <td>{h.fileName}</td>
                    <td>{h.actor}</td>
                    <td>
                      {sum.added ?? 0} / {sum.changed ?? 0} / {sum.removed ?? 0}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Dialog>
      <DeviceImportWizard
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          setRevision((n) => n + 1);
          if (selected) void refreshSelected(selected);
        }}
      />
    </div>
  );
}
