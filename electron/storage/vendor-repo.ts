import type { SQLInputValue } from 'node:sqlite';
import type { Database } from './database';
import {
  CRITICALITIES,
  type Vendor,
  type VendorListQuery,
  type VendorSortKey,
  type VendorSummary,
} from '../domain/vendor';
import { foldForSearch } from '../domain/search';

interface VendorRow {
  id: string;
  name: string;
  category: string;
  services: string;
  data_touched: string;
  criticality: string;
  owner: string;
  status: string;
  tags: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

const SORT_SQL: Record<VendorSortKey, string> = {
  name: 'name COLLATE NOCASE',
  category: 'category',
  criticality: `CASE criticality ${CRITICALITIES.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} END`,
  status: 'status',
  owner: 'owner COLLATE NOCASE',
  updatedAt: 'updated_at',
};

const SUMMARY_COLUMNS = 'id, name, category, criticality, status, owner, tags, data_touched, updated_at';

/** Vendor rows in SQLite; the only place that knows their SQL. */
export interface VendorRepo {
  list(query: VendorListQuery): { items: VendorSummary[]; total: number };
  get(id: string): Vendor | undefined;
  findByName(name: string): Vendor | undefined;
  insert(vendor: Vendor): void;
  update(vendor: Vendor): void;
  remove(id: string): void;
  count(): number;
}

/** Creates the vendor repository over an open database. */
export function createVendorRepo(db: Database): VendorRepo {
  const sql = db.sqlite;
  const getStmt = sql.prepare('SELECT * FROM vendors WHERE id = ?');
  const byNameStmt = sql.prepare('SELECT * FROM vendors WHERE name_key = ?');
  const insertStmt = sql.prepare(
    `INSERT INTO vendors (id, name, name_key, category, services, data_touched, criticality, owner, status, tags, notes, created_at, updated_at)
     VALUES ($id, $name, $name_key, $category, $services, $data_touched, $criticality, $owner, $status, $tags, $notes, $created_at, $updated_at)`,
  );
  const updateStmt = sql.prepare(
    `UPDATE vendors SET name = $name, name_key = $name_key, category = $category, services = $services, data_touched = $data_touched,
       criticality = $criticality, owner = $owner, status = $status, tags = $tags, notes = $notes, updated_at = $updated_at
     WHERE id = $id`,
  );
  updateStmt.setAllowUnknownNamedParameters(true); // created_at never changes
  const removeStmt = sql.prepare('DELETE FROM vendors WHERE id = ?');
  const countStmt = sql.prepare('SELECT COUNT(*) AS n FROM vendors');

  return {
    list(query) {
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      const needle = foldForSearch(query.search);
      if (needle) {
        where.push(
          "instr(vr_fold(name || ' ' || services || ' ' || owner || ' ' || tags || ' ' || notes), ?) > 0",
        );
        params.push(needle);
      }
      const inList = (column: string, values: readonly string[]) => {
        if (values.length === 0) return;
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      inList('category', query.categories);
      inList('status', query.statuses);
      inList('criticality', query.criticalities);
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
      const rows = sql
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM vendors ${whereSql} ORDER BY ${SORT_SQL[query.sort]} ${dir}, name COLLATE NOCASE ${dir}, id`,
        )
        .all(...params) as unknown as VendorRow[];
      return { items: rows.map(summaryFromRow), total: Number((countStmt.get() as { n: number }).n) };
    },
    get(id) {
      const row = getStmt.get(id) as unknown as VendorRow | undefined;
      return row && vendorFromRow(row);
    },
    findByName(name) {
      const row = byNameStmt.get(nameKey(name)) as unknown as VendorRow | undefined;
      return row && vendorFromRow(row);
    },
    insert(vendor) {
      insertStmt.run(rowParams(vendor));
    },
    update(vendor) {
      updateStmt.run(rowParams(vendor));
    },
    remove(id) {
      removeStmt.run(id);
    },
    count() {
      return Number((countStmt.get() as { n: number }).n);
    },
  };
}

function rowParams(v: Vendor): Record<string, SQLInputValue> {
  return {
    $id: v.id,
    $name: v.name,
    $name_key: nameKey(v.name),
    $category: v.category,
    $services: v.services,
    $data_touched: JSON.stringify(v.dataTouched),
    $criticality: v.criticality,
    $owner: v.owner,
    $status: v.status,
    $tags: JSON.stringify(v.tags),
    $notes: v.notes,
    $created_at: v.createdAt,
    $updated_at: v.updatedAt,
  };
}

function summaryFromRow(row: VendorRow): VendorSummary {
  return {
    id: row.id,
    name: row.name,
    category: row.category as Vendor['category'],
    criticality: row.criticality as Vendor['criticality'],
    status: row.status as Vendor['status'],
    owner: row.owner,
    tags: JSON.parse(row.tags) as string[],
    dataTouched: JSON.parse(row.data_touched) as Vendor['dataTouched'],
    updatedAt: row.updated_at,
  };
}

function vendorFromRow(row: VendorRow): Vendor {
  return {
    ...summaryFromRow(row),
    services: row.services,
    notes: row.notes,
    createdAt: row.created_at,
  };
}

/** Vendor names are unique ignoring case in any script ("SÜD" = "Süd"); accents still count. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en');
}
