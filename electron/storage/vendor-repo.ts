import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { placeholders, type SqlStatement } from './sql';
import type { Database } from './database';
import { isSealed, type Cipher } from './cipher';
import { CRITICALITIES, type Vendor, type VendorSummary } from '../domain/vendor';
import { SCORE_BAND_RANGES } from '../domain/heat-map';
import type { VendorListItem, VendorListQuery, VendorSortKey } from '../domain/vendor-list';
import { foldForSearch } from '../domain/search';
import { STANDING_COLUMNS, standingFromRow } from './standing-repo';
import { place } from './places';

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
  /** Only on a team database. */
  row_version?: number;
}

/** ORDER BY terms of each sort key, for a direction; vendors with nothing to sort by come last either way. */
const SORT_SQL: Record<VendorSortKey, (dir: string) => string> = {
  name: (dir) => `v.name COLLATE NOCASE ${dir}`,
  category: (dir) => `v.category ${dir}`,
  criticality: (dir) =>
    `CASE v.criticality ${CRITICALITIES.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} END ${dir}`,
  status: (dir) => `v.status ${dir}`,
  owner: (dir) => `v.owner COLLATE NOCASE ${dir}`,
  updatedAt: (dir) => `v.updated_at ${dir}`,
  // Ascending puts the riskiest first: critical before low, then the higher residual risk.
  tier: (dir) => `s.tier_rank ${dir}, s.residual ${dir === 'ASC' ? 'DESC' : 'ASC'}`,
  score: (dir) => `s.score IS NULL, s.score ${dir}`,
  completeness: (dir) => `s.completeness ${dir}`,
  openFlags: (dir) => `s.knockouts ${dir}, s.open_flags ${dir}`,
  decision: (dir) => `s.decision IS NULL, s.decision ${dir}`,
  nextReassessment: (dir) => `s.next_reassessment IS NULL, s.next_reassessment ${dir}`,
};

/** The vendor columns search reads as they are (notes aside: they may be sealed). */
const SEARCHED_PLAIN = "v.name || ' ' || v.services || ' ' || v.owner || ' ' || v.tags";

/** The list's vendor columns, in the order {@link listItemFromRow} reads them (the standing's follow). */
const SUMMARY_COLUMNS =
  'v.id, v.name, v.category, v.criticality, v.status, v.owner, v.tags, v.data_touched, v.updated_at';

/** Vendor rows in SQLite; the only place that knows their SQL. */
export interface VendorRepo {
  list(query: VendorListQuery): { items: VendorListItem[]; total: number };
  get(id: string): Vendor | undefined;
  /** The vendors of these ids that exist, by id (one query: scoring many at once). */
  getMany(ids: readonly string[]): Map<string, Vendor>;
  findByName(name: string): Vendor | undefined;
  /** Adds a vendor; gives its row version on a team database (1). */
  insert(vendor: Vendor): number | undefined;
  /**
   * Saves a vendor's fields. On a team database, `expectedVersion` (the version the window
   * read) is stated to the database, which refuses the save (AppError CONFLICT, naming who and
   * when) if a colleague saved since; the solo app checks nothing (docs/team.md). Gives the
   * saved row's version (team database).
   */
  update(vendor: Vendor, expectedVersion?: number): number | undefined;
  remove(id: string): void;
  count(): number;
}

/** Creates the vendor repository over an open database. */
export function createVendorRepo(db: Database): VendorRepo {
  const sql = db.sql;
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
  // On a team database the save states the version read (the schema's trigger refuses an UPDATE
  // whose row_version is not the row's, schema-team.ts) and gives the new one back.
  const teamUpdate = (stated: boolean) =>
    sql.prepare(
      `UPDATE vendors SET name = $name, name_key = $name_key, category = $category, services = $services, data_touched = $data_touched,
         criticality = $criticality, owner = $owner, status = $status, tags = $tags, notes = $notes, updated_at = $updated_at
         ${stated ? ', row_version = $row_version' : ''}
       WHERE id = $id RETURNING row_version`,
    );
  const teamStmts =
    db.kind === 'team'
      ? {
          plain: teamUpdate(false),
          stated: teamUpdate(true),
          insert: sql.prepare(
            `INSERT INTO vendors (id, name, name_key, category, services, data_touched, criticality, owner, status, tags, notes, created_at, updated_at)
             VALUES ($id, $name, $name_key, $category, $services, $data_touched, $criticality, $owner, $status, $tags, $notes, $created_at, $updated_at)
             RETURNING row_version`,
          ),
        }
      : null;
  // A team database cannot open sealed notes (the key is in the app: its vr_open gives them
  // as they are); the app opens those of the vendors no other field matched, and folds them.
  const sealedNotesStmt =
    db.kind === 'team'
      ? sql.prepare(
          `SELECT v.id, v.notes FROM vendors v WHERE substr(v.notes, 1, 6) = 'vrenc:' AND instr(vr_fold(${SEARCHED_PLAIN}), ?) = 0`,
        )
      : null;
  /** The ids of vendors whose sealed notes hold the folded needle (team database, unlocked); none otherwise. */
  const sealedNotesMatching = (needle: string): string[] => {
    if (!sealedNotesStmt || !db.cipher.active) return [];
    const found: string[] = [];
    for (const row of sealedNotesStmt.all(needle) as { id: string; notes: string }[]) {
      const notes = db.cipher.tryOpen(row.notes, place.vendorNotes(row.id));
      if (!isSealed(notes) && foldForSearch(notes).includes(needle)) found.push(row.id);
    }
    return found;
  };
  const removeStmt = sql.prepare('DELETE FROM vendors WHERE id = ?');
  const countStmt = sql.prepare('SELECT COUNT(*) AS n FROM vendors');

  return {
    list(query) {
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      const needle = foldForSearch(query.search);
      if (needle) {
        const found = sealedNotesMatching(needle);
        // Found only on a team database: its ids as one JSON parameter, however many (one
        // parameter each would pass PostgreSQL's 65,535 past that many matches).
        where.push(
          `(instr(vr_fold(${SEARCHED_PLAIN} || ' ' || vr_open(v.notes, 'vendors/' || v.id || '/notes')), ?) > 0${
            found.length ? ' OR v.id IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))' : ''
          })`,
        );
        params.push(needle, ...(found.length ? [JSON.stringify(found)] : []));
      }
      const inList = (column: string, values: readonly string[]) => {
        if (values.length === 0) return;
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      inList('v.category', query.categories);
      inList('v.status', query.statuses);
      inList('v.criticality', query.criticalities);
      inList('s.tier', query.tiers);
      if (query.decisions.length) {
        const kinds = query.decisions.filter((d) => d !== 'none');
        const terms = kinds.length ? [`s.decision IN (${kinds.map(() => '?').join(', ')})`] : [];
        params.push(...kinds);
        if (kinds.length < query.decisions.length) terms.push('s.decision IS NULL');
        where.push(`(${terms.join(' OR ')})`);
      }
      if (query.flags === 'any') where.push('s.open_flags > 0');
      if (query.flags === 'knockout') where.push('s.knockouts > 0');
      if (query.flags === 'none') where.push('s.open_flags = 0');
      if (query.completeness === 'complete') where.push('s.completeness >= 1');
      if (query.completeness === 'partial') where.push('s.completeness > 0 AND s.completeness < 1');
      if (query.completeness === 'none') where.push('s.completeness = 0');
      if (query.minScore !== undefined) {
        where.push('s.score >= ?');
        params.push(query.minScore);
      }
      if (query.maxScore !== undefined) {
        where.push('s.score <= ?');
        params.push(query.maxScore);
      }
      // A provisional score belongs with 'none' as well (the heat map's "no score yet").
      const provisional = 'COALESCE(s.provisional, 0) = 1';
      if (query.scoreBand === 'none') where.push(`(s.score IS NULL OR ${provisional})`);
      else if (query.scoreBand) {
        where.push(`NOT (${provisional})`);
        // The heat map's bands (domain/heat-map): at least min, below the next band's min.
        const { min, below } = SCORE_BAND_RANGES[query.scoreBand];
        where.push(below === null ? 's.score >= ?' : 's.score >= ? AND s.score < ?');
        params.push(min, ...(below === null ? [] : [below]));
      }
      if (query.reassessment) {
        where.push('s.reassessment = ?');
        params.push(query.reassessment);
      }
      if (query.conditionsPastDue !== undefined)
        where.push(query.conditionsPastDue ? 's.conditions_past_due > 0' : 's.conditions_past_due = 0');
      if (query.evidence) where.push(`s.evidence_${query.evidence} > 0`);
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const dir = query.direction === 'desc' ? 'DESC' : 'ASC';
      const rows = allAsArrays(
        sql.prepare(
          `SELECT ${SUMMARY_COLUMNS}, ${STANDING_COLUMNS} FROM vendors v LEFT JOIN vendor_standings s ON s.vendor_id = v.id
           ${whereSql} ORDER BY ${SORT_SQL[query.sort](dir)}, v.name COLLATE NOCASE ${dir}, v.id`,
        ),
        params,
      );
      return { items: rows.map(listItemFromRow), total: Number((countStmt.get() as { n: number }).n) };
    },
    get(id) {
      const row = getStmt.get(id) as unknown as VendorRow | undefined;
      return row && vendorFromRow(row, db.cipher);
    },
    getMany(ids) {
      if (ids.length === 0) return new Map();
      const rows = sql.prepare(`SELECT * FROM vendors WHERE id IN (${placeholders(ids.length)})`).all(...ids);
      return new Map(
        rows.map((r) => {
          const vendor = vendorFromRow(r as unknown as VendorRow, db.cipher);
          return [vendor.id, vendor];
        }),
      );
    },
    findByName(name) {
      const row = byNameStmt.get(nameKey(name)) as unknown as VendorRow | undefined;
      return row && vendorFromRow(row, db.cipher);
    },
    insert(vendor) {
      if (!teamStmts) {
        insertStmt.run(rowParams(vendor, db.cipher));
        return undefined;
      }
      return Number(teamStmts.insert.get(rowParams(vendor, db.cipher))!.row_version);
    },
    update(vendor, expectedVersion) {
      if (!teamStmts) {
        updateStmt.run(rowParams(vendor, db.cipher));
        return undefined;
      }
      const row =
        expectedVersion === undefined
          ? teamStmts.plain.get(rowParams(vendor, db.cipher))
          : teamStmts.stated.get({ ...rowParams(vendor, db.cipher), $row_version: expectedVersion });
      return row ? Number(row.row_version) : undefined;
    },
    remove(id) {
      removeStmt.run(id);
    },
    count() {
      return Number((countStmt.get() as { n: number }).n);
    },
  };
}

function rowParams(v: Vendor, cipher: Cipher): Record<string, SQLInputValue> {
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
    $notes: cipher.seal(v.notes, place.vendorNotes(v.id)),
    $created_at: v.createdAt,
    $updated_at: v.updatedAt,
  };
}

/**
 * Rows as arrays of column values: a 5,000-vendor list reads a third faster than as objects
 * (node:sqlite's setReturnArrays; a Node before 22.16 has none and gives objects, read in
 * column order).
 */
function allAsArrays(stmt: SqlStatement, params: SQLInputValue[]): SQLOutputValue[][] {
  if (typeof stmt.setReturnArrays !== 'function') return stmt.all(...params).map((row) => Object.values(row));
  stmt.setReturnArrays(true);
  return stmt.all(...params) as unknown as SQLOutputValue[][];
}

/** A list row selected with SUMMARY_COLUMNS and STANDING_COLUMNS, read as an array. */
function listItemFromRow(row: SQLOutputValue[]): VendorListItem {
  return {
    id: row[0] as string,
    name: row[1] as string,
    category: row[2] as Vendor['category'],
    criticality: row[3] as Vendor['criticality'],
    status: row[4] as Vendor['status'],
    owner: row[5] as string,
    tags: JSON.parse(row[6] as string) as string[],
    dataTouched: JSON.parse(row[7] as string) as Vendor['dataTouched'],
    updatedAt: row[8] as string,
    standing: standingFromRow(row, 9),
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

function vendorFromRow(row: VendorRow, cipher: Cipher): Vendor {
  return {
    ...summaryFromRow(row),
    services: row.services,
    notes: cipher.open(row.notes, place.vendorNotes(row.id)),
    createdAt: row.created_at,
    ...(row.row_version !== undefined ? { version: Number(row.row_version) } : {}),
  };
}

/** Vendor names are unique ignoring case in any script ("SÜD" = "Süd"); accents still count. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en');
}
