/**
 * The part of a SQL connection the repositories use, which both backends give: SQLite's own
 * driver (node:sqlite) and the team database's (pg/pg-connection.ts, which reads the same
 * SQL through pg/dialect.ts). Whatever only SQLite can do (backups, its file, its pragmas)
 * takes `SqliteDatabase` (database.ts) instead.
 */
import type { SQLInputValue, SQLOutputValue, StatementResultingChanges } from 'node:sqlite';

export type SqlParams = SQLInputValue[] | [Record<string, SQLInputValue>, ...SQLInputValue[]];

export interface SqlStatement {
  all(...params: SqlParams): Record<string, SQLOutputValue>[];
  get(...params: SqlParams): Record<string, SQLOutputValue> | undefined;
  run(...params: SqlParams): StatementResultingChanges;
  iterate(
    ...params: SqlParams
  ): Iterator<Record<string, SQLOutputValue>> & Iterable<Record<string, SQLOutputValue>>;
  /** Rows as arrays of column values in the order selected (faster to read than objects). */
  setReturnArrays(enabled: boolean): void;
  /** Named values the statement does not use are ignored instead of refused. */
  setAllowUnknownNamedParameters(enabled: boolean): void;
}

export interface SqlConnection {
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
}

/** `?, ?, ?` for `n` values (an `IN (…)` list). */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * The rows of several vendors in one query, grouped by vendor (every id given has an entry,
 * its rows in the order read). `select` gets the `IN` list's placeholders; each row names
 * its vendor in the column `vendor_id`.
 */
export function rowsByVendor<T>(
  sql: SqlConnection,
  ids: readonly string[],
  select: (inList: string) => string,
  map: (row: Record<string, unknown>) => T,
): Map<string, T[]> {
  const out = new Map<string, T[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  for (const row of sql.prepare(select(placeholders(ids.length))).all(...ids))
    out.get(String(row.vendor_id))?.push(map(row));
  return out;
}

/**
 * An upsert of a versioned record (`upsertSql` ends with its `ON CONFLICT … DO UPDATE SET`
 * list). On a team database a save states the version read, when given (the schema's trigger
 * refuses an UPDATE whose row_version is not the row's, pg/schema-team.ts), and gives the
 * row's new version back; the solo app checks nothing and gives none.
 */
export function versionedUpsert(
  sql: SqlConnection,
  upsertSql: string,
  team: boolean,
): (values: SQLInputValue[], expectedVersion?: number) => number | undefined {
  if (!team) {
    const plain = sql.prepare(upsertSql);
    return (values) => {
      plain.run(...values);
      return undefined;
    };
  }
  const unstated = sql.prepare(`${upsertSql} RETURNING row_version`);
  const stated = sql.prepare(`${upsertSql}, row_version = ? RETURNING row_version`);
  return (values, expectedVersion) => {
    const row =
      expectedVersion === undefined ? unstated.get(...values) : stated.get(...values, expectedVersion);
    return Number(row!.row_version);
  };
}
